/**
 * A sorted copy of a sample, in numeric order. Float64Array#sort without a comparator is a
 * numeric sort in native code; an LSD radix sort on the IEEE bit patterns was measured no faster
 * on a million values (both are memory-bound), so the simple form stays.
 */
export function sortedFloat64(values: Float64Array): Float64Array {
  const copy = Float64Array.from(values)
  copy.sort()
  return copy
}
