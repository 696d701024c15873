import type { Decision } from '../gates/types.js';
/** JSON cannot hold NaN or ±Infinity; they appear as the strings "NaN", "Infinity", "-Infinity". */
export declare function jsonSafe(value: unknown): unknown;
/** SPEC §5 `evaluate --format json`, with additions (kind, severity, blocking, rollout) after the contract's keys. */
export declare function decisionToJson(decision: Decision): Record<string, unknown>;
