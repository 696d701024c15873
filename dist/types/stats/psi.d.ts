export interface PsiResult {
    psi: number;
    /** Number of bins (Sturges) or categories compared. */
    bins: number;
    binning: 'sturges' | 'distinct';
}
/** Evidently's threshold: numeric columns with more distinct reference values get histogram bins. */
export declare const MAX_DISTINCT_FOR_CATEGORIES = 20;
/** Replaces zero shares in place, by Evidently's rule. */
export declare function fillZeroShares(shares: Float64Array): void;
export declare function psiOfShares(reference: Float64Array, current: Float64Array): number;
/** Distinct values in a sorted array, counting no further than `limit + 1`. */
export declare function countDistinctSorted(sorted: Float64Array, limit?: number): number;
/** `numpy.histogram_bin_edges(values, bins='sturges')` for the union of two sorted samples. */
export declare function sturgesEdges(a: Float64Array, b: Float64Array): Float64Array;
/** `numpy.histogram(sorted, edges)[0] / n` for sorted values. */
export declare function histogramShares(sorted: Float64Array, edges: Float64Array): Float64Array;
/** PSI of a numeric column from sorted reference and current samples (no NaN). */
export declare function psiNumericSorted(reference: Float64Array, current: Float64Array): PsiResult;
/** Category → count, for one sample of a categorical column. */
export type CategoryCounts = ReadonlyMap<string, number>;
/** Categories of either sample, sorted, with their shares in each sample. */
export declare function categoryShares(reference: CategoryCounts, current: CategoryCounts): {
    categories: string[];
    reference: Float64Array;
    current: Float64Array;
};
/** PSI of a categorical column: one bin per category of either sample. */
export declare function psiCategorical(reference: CategoryCounts, current: CategoryCounts): PsiResult;
/** `psi(reference, current)` for unsorted numeric samples (inputs are not modified). */
export declare function psi(reference: Float64Array, current: Float64Array): PsiResult;
