import type { RawTag } from './types.js';
/** The tagger second of the newest `kind` tag of `commit` in `stage`, or null. */
export declare function lastStageEventSecond(tags: readonly RawTag[], model: string, stage: string, commit: string, kind: 'assign' | 'unassign'): number | null;
/**
 * How long to wait (ms) before a tag named `name` on `commit` lands in a later second than the
 * last opposite event (assignment vs unassignment) of the same version in the same stage. 0 when
 * no wait is needed, and 0 when that tag lies more than 2 s ahead of this clock (skewed clocks:
 * waiting cannot fix that).
 */
export declare function orderingDelayMs(tags: readonly RawTag[], name: string, commit: string, nowMs: number): number;
