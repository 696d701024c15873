import { SortMemory } from './sort.js';
import { type CategoryCounts } from './psi.js';
/** One sample of a column: numbers, or categories with a code per row. */
export type SampleColumn = {
    kind: 'numeric';
    values: Float64Array;
} | {
    kind: 'categorical';
    categories: readonly string[];
    codes: Int32Array;
};
export interface DriftColumn {
    name: string;
    kind: 'numeric' | 'categorical';
    psi: number;
    /** Null for categorical columns (KS compares orderable values). */
    ks_statistic: number | null;
    ks_pvalue: number | null;
    ks_method: 'exact' | 'asymp' | null;
    /** Evidently's chisquare p-value; categorical columns only (null for numeric ones). */
    chi2_pvalue: number | null;
    psi_bins: number;
    /** Sturges bins or one per distinct value (from samples, as Evidently), or bins given (histograms). */
    psi_binning: 'sturges' | 'distinct' | 'given';
    reference_n: number;
    current_n: number;
}
export interface DriftReport {
    columns: DriftColumn[];
    /** Largest PSI over the columns. */
    max_psi: number | null;
    /** Smallest KS p-value over the numeric columns; null when there is none. */
    min_ks_pvalue: number | null;
}
export interface DriftOptions {
    /** The caller hands its numeric arrays over: they are sorted in place rather than copied. */
    sortInPlace?: boolean;
    /** Scratch space of the sort, shared by the columns of one report. */
    sortMemory?: SortMemory;
}
export declare function numericDrift(name: string, reference: Float64Array, current: Float64Array, options?: DriftOptions): DriftColumn;
export declare function categoricalDrift(name: string, reference: CategoryCounts, current: CategoryCounts): DriftColumn;
/** Category → count of a column; numbers become categories by their shortest text. */
export declare function categoryCounts(column: SampleColumn): Map<string, number>;
export declare function summarizeDrift(columns: DriftColumn[]): DriftReport;
/**
 * Drift of each column from its reference and current samples, which were read with the same
 * column kinds: both numeric, or compared as categories.
 */
export declare function driftOfColumns(columns: ReadonlyArray<{
    name: string;
    reference: SampleColumn;
    current: SampleColumn;
}>, options?: DriftOptions): DriftReport;
