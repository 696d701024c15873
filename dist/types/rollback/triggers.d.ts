import type { EvidenceSet } from '../evidence/types.js';
import type { Series } from '../evidence/readers/timeseries.js';
import type { RollbackTrigger } from '../policy/types.js';
export interface TriggerResult {
    metric: string;
    status: 'fired' | 'quiet' | 'missing';
    message: string;
    /**
     * The monitoring names no such series (or no such monitoring at all): a configuration error,
     * never "nothing to do" — a misspelt series name must not silently disable a rollback.
     */
    absent?: boolean;
    /** The breach stretch that fired: first and last sample times (Unix seconds). */
    stretch?: {
        start: number;
        end: number;
    };
}
/**
 * Fires when the condition holds at every sample of a stretch at least `for` long (last sample
 * time − first ≥ for), so a short spike does not fire and a sustained breach does.
 */
export declare function evaluateTrigger(trigger: RollbackTrigger, series: Series | undefined): TriggerResult;
/**
 * Evaluates every trigger against monitoring evidence (each a `timeseries` set). With `since`
 * (Unix seconds), only samples taken at or after it count: a rollback judges the version that
 * holds the stage now on its own samples, not on an incident from before it took the stage.
 */
export declare function evaluateTriggers(triggers: readonly RollbackTrigger[], monitoring: EvidenceSet, options?: {
    since?: number;
}): TriggerResult[];
