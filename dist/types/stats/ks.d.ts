export interface KsResult {
    statistic: number;
    pvalue: number;
    method: 'exact' | 'asymp';
}
/** Samples at most this large (both) get the exact p-value (scipy's MAX_AUTO_N). */
export declare const MAX_EXACT_N = 10000;
/** numpy's round(): halves go to the even neighbour. */
export declare function roundHalfEven(x: number): number;
/**
 * The two-sided statistic on sorted samples (pooled-value ECDF differences). One merge step per
 * distinct pooled value, after which both ECDFs stand just right of it. Once one sample is used
 * up the difference moves monotonically to 0 (both ECDFs at 1), so the extremes are the last
 * difference seen and that 0, with which both start.
 */
export declare function ksStatisticSorted(a: Float64Array, b: Float64Array): number;
/** The p-value for a statistic of sorted samples of sizes n1, n2 (method auto). */
export declare function ksPvalue(d: number, n1: number, n2: number): KsResult;
/** Two-sided two-sample KS test of already sorted samples. */
export declare function ks2sampSorted(a: Float64Array, b: Float64Array): KsResult;
/** `scipy.stats.ks_2samp(a, b)` (two-sided, method auto). Inputs are not modified. */
export declare function ks2samp(a: Float64Array, b: Float64Array): KsResult;
