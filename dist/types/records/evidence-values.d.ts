import { type PathSegment } from '../evidence/path.js';
import type { EvidenceFormat } from '../policy/types.js';
/** A kept leaf: a finite number, a boolean, a short string, null, or an empty object or list. */
export type LeafValue = number | boolean | string | null | Record<string, never> | never[];
/** One evidence file's kept values (`evidence_values[]` in the record). */
export interface RecordedEvidenceValues {
    /** The evidence name, as in `evidence[].name`. */
    name: string;
    /** sha256 of the bytes the values were read from: the full evidence, as `evidence[].sha256`. */
    sha256: string;
    /** The evidence's format (`json`, `evidently`, `prometheus`, …): gates read some formats their own way. */
    format: EvidenceFormat;
    /** Leaves the evidence holds in all (as far as they were counted, see `complete`). */
    leaves: number;
    /** Every leaf of the evidence is in `values`: a path not there was not in the evidence. */
    complete: boolean;
    /** Path relative to the evidence (`.auc`, `.columns.age.psi`, `["p(95)"]`, `[0]`) → value. */
    values: Record<string, LeafValue>;
}
export declare const EVIDENCE_VALUE_LIMITS: {
    /** Leaves kept per record, over all its evidence. */
    readonly leaves: 300;
    /** UTF-8 bytes of the kept `"path": value` pairs per record (a tag message holds 64 KiB). */
    readonly bytes: number;
    /** A string longer than this is left out (the longest value an `equals` gate compares). */
    readonly string: 200;
    /** Characters of a path. */
    readonly path: 160;
    /** Keys and indexes in a path. */
    readonly depth: 8;
    /** The highest list index kept (four digits: never a number beyond what a double holds exactly). */
    readonly index: 9999;
    /** Values visited per evidence file before counting stops (bounded work on a hostile file). */
    readonly walk: 20000;
};
/** The canonical path of segments; undefined when one of them cannot be kept. */
export declare function leafPath(segments: readonly PathSegment[]): string | undefined;
/**
 * The segments of a kept path, read back from a record: only the grammar `leafPath` writes, in
 * its canonical form, within the limits (a record is data anyone who can push a tag may write).
 * Indexes have at most four digits, so `Number` reads them exactly.
 */
export declare function parseLeafPath(path: string): PathSegment[] | undefined;
/** The path of a metric (`offline.columns.age.psi`) inside its evidence, as a kept path. */
export declare function metricLeaf(metric: string): {
    evidence: string;
    path: string;
} | undefined;
/**
 * Which strings of the evidence a record may keep. A string in an evidence file may be anything
 * (a password in a credentials file a policy pointed at), so one is kept only when keeping it
 * discloses nothing: a gate of the attempt already shows it verbatim (an `equals` gate's observed
 * value); it is in an evidence file a `schema_compatible` gate of the attempt read as a feature
 * schema; it is a check conclusion (a closed vocabulary); or it is a well-formed lineage field
 * under its own key (the record's `artifacts` carry those already).
 */
export interface PublicStrings {
    shown?: ReadonlyArray<{
        metric: string;
        value: string;
    }>;
    schemaEvidence?: readonly string[];
}
/**
 * The values a record keeps of its evidence, bounded for the whole record: first the paths the
 * transition's gates read (`wanted`, metric paths such as `online.latency_p95_ms`), then every
 * other leaf in document order, until the count or byte budget is spent. Non-finite numbers are
 * kept as null: every gate fails closed on both alike.
 */
export declare function recordedEvidenceValues(evidence: ReadonlyArray<{
    name: string;
    sha256: string;
    format: EvidenceFormat;
    data: unknown;
}>, wanted?: readonly string[], strings?: PublicStrings): RecordedEvidenceValues[];
/** What a record's `evidence_values` entry holds once checked: usable, or why it is not. */
export type CheckedEvidenceValues = {
    ok: true;
    format: EvidenceFormat;
    complete: boolean;
    values: Map<string, {
        segments: PathSegment[];
        value: LeafValue;
    }>;
} | {
    ok: false;
    problem: string;
};
/**
 * Checks one `evidence_values` entry read from a record before replay trusts it: a known
 * evidence with the same digest, within the limits, every path in the written grammar, every
 * value a kept leaf, no path inside another's leaf. A record may have been written by hand.
 */
export declare function checkEvidenceValues(entry: unknown, evidence: ReadonlyArray<{
    name: string;
    sha256: string;
}>): CheckedEvidenceValues;
/**
 * The evidence data rebuilt from kept leaves: objects without a prototype (a key `__proto__` is
 * an own key like any other), lists where the paths index. A list with an index missing keeps a
 * hole, which reads as absent.
 */
export declare function rebuildData(values: ReadonlyMap<string, {
    segments: readonly PathSegment[];
    value: LeafValue;
}>): unknown;
