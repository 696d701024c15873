import type { Decision, EvaluationInput, GateResult } from './types.js';
/** One reason per gate that did not pass: `latency-p95: 95 > max 80`. */
export declare function gateReason(result: GateResult): string;
/**
 * The decision, a pure function of its input: `promote` iff every blocking gate passed or was
 * skipped and the approvals hold (SPEC §1).
 */
export declare function evaluate(input: EvaluationInput): Decision;
