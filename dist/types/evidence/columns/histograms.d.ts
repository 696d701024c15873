import type { DriftReport } from '../../stats/drift.js';
import { type Histogram } from '../../stats/histogram.js';
export declare const HISTOGRAM_LIMITS: {
    readonly columns: 10000;
    readonly bins: 10000;
    readonly categories: 100000;
    readonly nameLength: 1000;
};
/** Validates a parsed histogram document into columns; errors carry the file and key path. */
export declare function parseHistograms(document: unknown, file: string): Histogram[];
/** Drift from a histogram file's bytes (JSON, or YAML of the same shape). */
export declare function driftOfHistogramFile(input: {
    file: string;
    bytes: Uint8Array;
}): DriftReport & {
    histograms: string;
};
