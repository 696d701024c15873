import type { Gate } from '../policy/types.js';
import type { GateResult, GateStatus } from './types.js';
/** What a gate check found, before severity and optionality decide whether it blocks. */
export interface Outcome {
    status: Exclude<GateStatus, 'warn'>;
    message: string;
    observed?: unknown;
    threshold?: string;
    baseline?: unknown;
    baseline_source?: string;
    metric?: string;
}
/**
 * Applies the gate's severity and optionality: a `warn` gate never blocks (its failure shows as
 * `warn`); an `optional` gate tolerates absent evidence, but a value that is there and fails
 * still blocks.
 */
export declare function finishGate(gate: Gate, outcome: Outcome): GateResult;
