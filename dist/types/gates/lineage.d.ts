import type { EvidenceSet } from '../evidence/types.js';
import type { LineageField, LineageGate } from '../policy/types.js';
import type { Outcome } from './outcome.js';
/** What is wrong with a model URI, or null when it is well-formed. */
export declare function modelUriProblem(value: string): string | null;
/** What well-formed means per field; each rule says what it expects. */
export declare const LINEAGE_RULES: Record<LineageField, {
    test: (v: string) => boolean;
    expected: string;
}>;
/** A lineage field as the record may show it: well-formed values as they are, others described. */
export declare function lineageValueShown(field: LineageField, value: unknown): unknown;
/**
 * Lineage fields must be well-formed; `model_digest` must match the model file when one was
 * hashed, and `code_commit` the commit the version was registered on when that is known (a
 * lineage file from another build cannot vouch for this one).
 */
export declare function evaluateLineageGate(gate: LineageGate, candidate: EvidenceSet, modelDigest: string | undefined, registeredCommit?: string): Outcome;
