/** Whether a sample is already in ascending numeric order (no NaN). */
export declare function isSortedFloat64(values: Float64Array): boolean;
/**
 * The scratch memory of the radix sort, kept for the next sample: sorting several columns one
 * after the other then allocates (and the system maps) it once, not once per column.
 */
export declare class SortMemory {
    private keys;
    private digitCounts;
    /** Four zeroed digit histograms. */
    counts(): Uint32Array;
    /** Room for `length` words (contents undefined). */
    scratch(length: number): Uint32Array;
}
/**
 * Sorts a sample in place in ascending numeric order, as Float64Array#sort without a comparator
 * (NaN last). Large samples without NaN go through the radix sort above (with `memory` when
 * given, to share its scratch space between samples); the others through the engine's sort.
 */
export declare function sortFloat64InPlace(values: Float64Array, memory?: SortMemory): void;
/**
 * A sample in numeric order: a sorted copy, or with `inPlace` the array itself, sorted (for
 * callers that hand their arrays over: 8 bytes per value less at the peak). A sample already in
 * order (sorted on another thread) is not sorted again.
 */
export declare function sortedFloat64(values: Float64Array, inPlace?: boolean, memory?: SortMemory): Float64Array;
