import type { EvidenceSet } from '../evidence/types.js';
export type ReadValue = {
    kind: 'number';
    value: number;
} | {
    kind: 'missing';
    message: string;
} | {
    kind: 'error';
    message: string;
    observed?: unknown;
};
/** Reads the value at a metric path, whatever its type: `missing` without the report, `error` without the path. */
export declare function readAny(evidence: EvidenceSet, metric: string): {
    kind: 'value';
    value: unknown;
} | {
    kind: 'missing' | 'error';
    message: string;
};
/**
 * Reads a metric as a finite number, failing closed: absent evidence is `missing`; an absent
 * path, null, NaN, ±Infinity, a string (even "0.9"), a boolean, a list or an object is `error`.
 */
export declare function readNumber(evidence: EvidenceSet, metric: string, role?: string): ReadValue;
/** Reads any value at a path (for object-valued evidence such as schemas and lineage). */
export declare function readReport(evidence: EvidenceSet, name: string): {
    found: true;
    data: unknown;
    source: string;
} | {
    found: false;
};
