import type { EvidenceSet } from '../evidence/types.js';
import type { LineageField, LineageGate } from '../policy/types.js';
import type { Outcome } from './outcome.js';
/** What well-formed means per field; each rule says what it expects. */
export declare const LINEAGE_RULES: Record<LineageField, {
    test: (v: string) => boolean;
    expected: string;
}>;
export declare function evaluateLineageGate(gate: LineageGate, candidate: EvidenceSet, modelDigest: string | undefined): Outcome;
