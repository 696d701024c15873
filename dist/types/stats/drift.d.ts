import type { CsvColumn, CsvTable } from '../evidence/csv.js';
import { type CategoryCounts } from './psi.js';
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
    psi_binning: 'sturges' | 'distinct';
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
export declare function numericDrift(name: string, reference: Float64Array, current: Float64Array): DriftColumn;
export declare function categoricalDrift(name: string, reference: CategoryCounts, current: CategoryCounts): DriftColumn;
/** Category → count of a column; numbers become categories by their shortest text. */
export declare function categoryCounts(column: CsvColumn): Map<string, number>;
export declare function summarizeDrift(columns: DriftColumn[]): DriftReport;
/** Drift of every requested column of two tables read with the same column kinds. */
export declare function driftOfTables(reference: CsvTable, current: CsvTable, columns: readonly string[]): DriftReport;
