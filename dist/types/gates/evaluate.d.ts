import { type Outcome } from './outcome.js';
import type { Decision, EvaluationInput, GateResult } from './types.js';
/**
 * One reason per gate that did not pass: `latency-p95: 95 > max 80`. A fail names its threshold
 * already; a missing or unusable value gets it appended (`; needs max 80`), so every reason says
 * what was observed and what was required. `found` is the status before severity turned it `warn`.
 */
export declare function gateReason(result: GateResult, found?: Outcome['status'] | 'warn'): string;
/**
 * The decision, a pure function of its input: `promote` iff every blocking gate passed or was
 * skipped and the approvals hold (docs/gates.md).
 */
export declare function evaluate(input: EvaluationInput): Decision;
