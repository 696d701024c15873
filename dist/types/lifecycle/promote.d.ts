import type { Decision } from '../gates/types.js';
import type { Policy } from '../policy/types.js';
import type { PromotionRecord, RunContext } from '../records/types.js';
import { type RegistryEvent } from '../registry/state.js';
import type { RawTag, RegistryBackend } from '../registry/types.js';
import { type EvaluationDeps, type EvaluationOptions } from './evaluate-flow.js';
export interface PromoteOptions extends EvaluationOptions {
    dryRun?: boolean;
    run?: RunContext;
}
export interface PromoteDeps extends EvaluationDeps {
    registry: RegistryBackend;
}
export interface PromoteResult {
    decision: Decision;
    record: PromotionRecord;
    /** The assignment or blocked-attempt tag written; null on a dry run. */
    tag: string | null;
    /** Versions moved out of the stage (archived) by this promotion. */
    archived: string[];
    commit: string;
    unavailable: Map<string, string>;
}
/**
 * Evaluates the gates, then writes the record and moves the pointer. The record lives inside the
 * assignment tag, so the pointer never moves without it; archival tags come after and are
 * repaired by the next promotion if a crash cuts them off. A blocked attempt writes its own tag
 * and moves nothing.
 */
export declare function promote(policy: Policy, options: PromoteOptions, deps: PromoteDeps): Promise<PromoteResult>;
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
