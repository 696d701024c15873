import type { PromotionRecord } from '../records/types.js';
import type { RawTag } from './types.js';
export type EventKind = 'registration' | 'deregistration' | 'assignment' | 'archival' | 'rollback' | 'blocked' | 'deprecation'
/** A tag in the registry's name format whose record (or commit) contradicts its name: it never counts. */
 | 'invalid';
/** One line of `history`: what happened, to which version and stage, when and by whom. */
export interface RegistryEvent {
    kind: EventKind;
    tag: string;
    model: string;
    version: string | null;
    stage: string | null;
    /** Exact: counters are not bounded by 2^53. */
    counter: bigint | null;
    decision: 'promote' | 'block' | null;
    at: string | null;
    author: string | null;
    commit: string;
    record: PromotionRecord | null;
    /**
     * The tag carries a modelgate record (or archival note) that agrees with its name and commit.
     * False for tags written by GTO or by hand: they count (GTO compatibility) but are marked.
     * Not a signature: anyone who may push tags can write a well-formed record.
     */
    verified: boolean;
    /** Why the tag is invalid, or where its tagger date contradicts its counter. */
    problems: string[];
}
export interface StageOccupant {
    version: string;
    /** Traffic weight in percent during a canary or shadow rollout; null when not recorded. */
    weight: number | null;
    since: string | null;
    tag: string;
    /** See RegistryEvent.verified. */
    verified: boolean;
}
/** The model's highest counter (0 when none) and the tag holding it. */
export declare function highestCounter(tags: readonly RawTag[], model: string): {
    counter: bigint;
    tag: string | null;
};
/** One more than the largest counter among all of the model's tags (GTO's rule), exactly. */
export declare function nextCounter(tags: readonly RawTag[], model: string): bigint;
/** version → commit, from the registration tags. */
export declare function registeredVersions(tags: readonly RawTag[], model: string): Map<string, {
    commit: string;
    at: string | null;
}>;
/**
 * Every event of a model, oldest first.
 *
 * Order: counted tags (assignments, archivals, rollbacks, blocked attempts) are ordered by their
 * counters, which writers claim atomically and in write order; tagger dates come from the
 * writer's clock (or any date a client sends over the API), so when they disagree the counter
 * wins and the event whose date runs backwards is flagged in `problems`. Registrations carry no
 * counter and keep their place by time.
 */
export declare function buildHistory(tags: readonly RawTag[], model: string): RegistryEvent[];
/** Whether an assignment's record says the versions already in the stage leave it. */
export declare function replacesOthers(record: PromotionRecord | null): boolean;
/**
 * Which version(s) are in a stage, from the tags alone. Invalid tags never count; with
 * `verifiedOnly`, neither do tags without a modelgate record. GTO's rules (a version is in a stage
 * until unassigned) plus the records: a promotion that completes archives the versions before
 * it even when its archival tag was never written (a crash between the two writes), and a canary
 * keeps both versions with the recorded weights. Latest first.
 */
export declare function resolveStage(tags: readonly RawTag[], model: string, stage: string, options?: {
    verifiedOnly?: boolean;
}): StageOccupant[];
/**
 * The version that held the stage before the current one (rollback target `previous`). A version
 * a rollback moved the stage away from is skipped until it is promoted again: a trigger that
 * fires again after a rollback must not return to the version just rolled back.
 */
export declare function previousVersion(tags: readonly RawTag[], model: string, stage: string): string | null;
