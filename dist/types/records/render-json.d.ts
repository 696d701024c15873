import type { Decision } from '../gates/types.js';
/** JSON cannot hold NaN or ±Infinity; they appear as the strings "NaN", "Infinity", "-Infinity". */
export declare function jsonSafe(value: unknown): unknown;
/** `evaluate --format json` (docs/cli.md): the core keys, then kind, severity, blocking and rollout. */
export declare function decisionToJson(decision: Decision): Record<string, unknown>;
