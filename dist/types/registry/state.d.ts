import type { PromotionRecord } from '../records/types.js';
import type { RawTag } from './types.js';
export type EventKind = 'registration' | 'deregistration' | 'assignment' | 'archival' | 'rollback' | 'blocked' | 'deprecation';
/** One line of `history`: what happened, to which version and stage, when and by whom. */
export interface RegistryEvent {
    kind: EventKind;
    tag: string;
    model: string;
    version: string | null;
    stage: string | null;
    counter: number | null;
    decision: 'promote' | 'block' | null;
    at: string | null;
    author: string | null;
    commit: string;
    record: PromotionRecord | null;
}
export interface StageOccupant {
    version: string;
    /** Traffic weight in percent during a canary or shadow rollout; null when not recorded. */
    weight: number | null;
    since: string | null;
    tag: string;
}
/** One more than the largest counter among all of the model's tags (GTO's rule). */
export declare function nextCounter(tags: readonly RawTag[], model: string): number;
/** version → commit, from the registration tags. */
export declare function registeredVersions(tags: readonly RawTag[], model: string): Map<string, {
    commit: string;
    at: string | null;
}>;
/** Every event of a model, oldest first. */
export declare function buildHistory(tags: readonly RawTag[], model: string): RegistryEvent[];
/**
 * Which version(s) are in a stage, from the tags alone. GTO's rules (a version is in a stage
 * until unassigned) plus the records: a promotion that completes archives the versions before
 * it even when its archival tag was never written (a crash between the two writes), and a canary
 * keeps both versions with the recorded weights. Latest first.
 */
export declare function resolveStage(tags: readonly RawTag[], model: string, stage: string): StageOccupant[];
/**
 * The version that held the stage before the current one (rollback target `previous`). A version
 * a rollback moved the stage away from is skipped until it is promoted again: a trigger that
 * fires again after a rollback must not return to the version just rolled back.
 */
export declare function previousVersion(tags: readonly RawTag[], model: string, stage: string): string | null;
