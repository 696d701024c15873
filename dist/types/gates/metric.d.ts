import type { Bounds, MetricGate, VsBaseline } from '../policy/types.js';
import type { Outcome } from './outcome.js';
import type { BaselineInput } from './types.js';
import type { EvidenceSet } from '../evidence/types.js';
export declare function describeBounds(bounds: Bounds): string;
/** Every violated bound, phrased `95 > max 80`. */
export declare function boundViolations(value: number, bounds: Bounds): string[];
export declare function describeComparison(rule: VsBaseline): string;
export declare function evaluateMetricGate(gate: MetricGate, candidate: EvidenceSet, baseline: BaselineInput): Outcome;
