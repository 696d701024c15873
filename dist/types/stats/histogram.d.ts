import { type DriftColumn, type DriftReport } from './drift.js';
import { type CategoryCounts } from './psi.js';
export interface NumericHistogram {
    name: string;
    kind: 'numeric';
    /** k + 1 increasing edges; bin i is [edges[i], edges[i+1]), the last one closed. */
    edges: readonly number[];
    /** k counts each. */
    reference: readonly number[];
    current: readonly number[];
}
export interface CategoricalHistogram {
    name: string;
    kind: 'categorical';
    reference: CategoryCounts;
    current: CategoryCounts;
}
export type Histogram = NumericHistogram | CategoricalHistogram;
export interface HistogramDriftColumn extends DriftColumn {
    /** Why the KS figures are null. */
    note: string;
}
export declare const KS_FROM_BINS_NOTE = "KS compares raw values and cannot be computed from bins; ks_* are null";
/** PSI of one numeric column over the given bins. */
export declare function numericHistogramDrift(histogram: NumericHistogram): HistogramDriftColumn;
/** Drift of every column of a histogram file, shaped as drift from samples. */
export declare function driftOfHistograms(columns: readonly Histogram[]): DriftReport;
