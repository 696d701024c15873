import type { Decision } from '../gates/types.js';
import type { Policy } from '../policy/types.js';
import type { PromotionRecord } from '../records/types.js';
import { type RegistryEvent } from '../registry/state.js';
import type { RawTag, RegistryBackend } from '../registry/types.js';
import { type EvaluationDeps } from './evaluate-flow.js';
import { type PlanDeps, type PlanOptions, type PromotionPlan } from './plan.js';
export interface PromoteOptions extends PlanOptions {
    dryRun?: boolean;
}
export type PromoteDeps = PlanDeps;
export interface PromoteResult {
    decision: Decision;
    record: PromotionRecord;
    /** The assignment or blocked-attempt tag written; null on a dry run. */
    tag: string | null;
    /** Versions moved out of the stage (archived) by this promotion. */
    archived: string[];
    /** Whether the version was archived (in no stage) and this promotion restores it (`from_stage: "archived"`). */
    restored: boolean;
    commit: string;
    unavailable: Map<string, string>;
    /** What was decided before anything was written (preview reads it). */
    plan: PromotionPlan;
}
/**
 * Evaluates the gates, then writes the record and moves the pointer. The record lives inside the
 * assignment tag, so the pointer never moves without it. A completed promotion writes its
 * assignment and the archival of the versions it replaces as one atomic set where the backend
 * can (`createTags`: all three backends); elsewhere archival tags come after and are repaired by a
 * re-run or the next promotion if a crash cuts them off. A blocked attempt writes its own tag and
 * moves nothing.
 */
export declare function promote(policy: Policy, options: PromoteOptions, deps: PromoteDeps): Promise<PromoteResult>;
/**
 * What this attempt decides, writing nothing: the evaluation a promotion runs, and the record it
 * would write. A resumed attempt compares this with the tag it found before completing that
 * tag's release and status, so a tag nobody can vouch for never turns into a success.
 */
export declare function reevaluate(policy: Policy, options: PromoteOptions, deps: EvaluationDeps): Promise<{
    decision: Decision;
    record: PromotionRecord;
}>;
/**
 * A re-run of a promotion whose assignment tag already exists (an earlier attempt of the same
 * run wrote it, then stopped): archives what that attempt left assigned. Versions already
 * archived after their assignment are left alone, so this is a no-op when nothing was cut off.
 */
export declare function completeArchival(registry: RegistryBackend, own: RegistryEvent, tags: readonly RawTag[]): Promise<string[]>;
/**
 * Unassignment tags (GTO's view of "archived") for the versions a completed promotion replaced:
 * every other version whose latest assignment in the stage precedes `ownTag` (this promotion's
 * assignment) and has not been unassigned since. A version assigned AFTER `ownTag` — a racing
 * promotion that wrote the next counter — is left alone: it replaces this one, not the reverse,
 * so racing promotions never leave the stage empty.
 */
export declare function archiveOthers(registry: RegistryBackend, model: string, stage: string, keep: string, before: ReadonlyArray<{
    version: string;
}>, record: PromotionRecord, registered: ReadonlyMap<string, {
    commit: string;
}>, ownTag?: string): Promise<string[]>;
/**
 * The versions other than `keep` still assigned in `stage` in git's eyes, including ones a
 * crashed promotion left behind: assigned before event `limit` (this promotion's own assignment,
 * or the end of the history when it is not written yet) and not unassigned since.
 */
export declare function versionsToArchive(history: readonly RegistryEvent[], stage: string, keep: string, before: ReadonlyArray<{
    version: string;
}>, limit?: number): Set<string>;
