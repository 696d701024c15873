/** Whether a sample is already in ascending numeric order (no NaN). */
export declare function isSortedFloat64(values: Float64Array): boolean;
/**
 * A sample in numeric order: a sorted copy, or with `inPlace` the array itself, sorted (for
 * callers that hand their arrays over: 8 bytes per value less at the peak). Float64Array#sort
 * without a comparator is a numeric sort in native code; an LSD radix sort on the IEEE bit
 * patterns was measured no faster on a million values (both are memory-bound), so the simple form
 * stays. A sample already in order (sorted on another thread) is not sorted again.
 */
export declare function sortedFloat64(values: Float64Array, inPlace?: boolean): Float64Array;
