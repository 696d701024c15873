import type { RawTag } from './types.js';
/** Where a canary or shadow rollout in a stage stands, and when its next step may start. */
export interface RolloutProgress {
    version: string;
    /** Index of the step reached (0-based). */
    step: number;
    weight: number;
    /** The next step's index and weight; null when the rollout is complete. */
    next: {
        step: number;
        weight: number;
    } | null;
    /** When the step reached was taken (its record's time). */
    since: string | null;
    /** Earliest time the next step may start: `since` + the reached step's hold; null without a hold. */
    nextAt: string | null;
}
/**
 * The rollout of the version most recently moved into `stage`, from its assignment record, or
 * null when that assignment completed (or recorded no rollout). `policyHolds` (seconds per step,
 * from the policy being enforced) wins over the holds the record copied when it was written.
 */
export declare function rolloutProgress(tags: readonly RawTag[], model: string, stage: string, policyHolds?: readonly (number | undefined)[]): RolloutProgress | null;
/** `14:32 UTC` (with the date when it is not `now`'s day). */
export declare function formatUtc(iso: string, now: Date): string;
/** `27 minutes`, `2 hours 5 minutes`, rounded up to the minute: a wait is never understated. */
export declare function formatWait(ms: number): string;
