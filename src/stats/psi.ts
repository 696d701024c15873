import { StatisticsError } from '../errors.js'
import { sortedFloat64 } from './sort.js'

/*
 * Population Stability Index as Evidently's legacy `psi` stattest (facts from evidently
 * src/evidently/calculations/stattests/utils.py `get_binned_data` and psi.py):
 *
 * - a numeric column whose reference has more than 20 distinct values is cut at
 *   `numpy.histogram_bin_edges(reference ++ current, bins='sturges')`, each sample counted with
 *   `numpy.histogram` (bins closed on the left, the last bin closed on both sides);
 * - any other column gets one bin per distinct value of either sample;
 * - shares are count / sample size; a zero share becomes 0.0001, or (the smallest non-zero share
 *   of that sample) / 10^6 when that share is itself ≤ 0.0001 — each sample on its own;
 * - PSI = Σ (ref − cur) · ln(ref / cur), summed in bin order.
 */

export interface PsiResult {
  psi: number
  /** Number of bins (Sturges) or categories compared. */
  bins: number
  binning: 'sturges' | 'distinct'
}

/** Evidently's threshold: numeric columns with more distinct reference values get histogram bins. */
export const MAX_DISTINCT_FOR_CATEGORIES = 20

/** Replaces zero shares in place, by Evidently's rule. */
export function fillZeroShares(shares: Float64Array): void {
  let smallest = Infinity
  for (const share of shares) if (share !== 0 && share < smallest) smallest = share
  const fill = smallest <= 0.0001 ? smallest / 10 ** 6 : 0.0001
  for (let i = 0; i < shares.length; i++) if (shares[i] === 0) shares[i] = fill
}

export function psiOfShares(reference: Float64Array, current: Float64Array): number {
  let psi = 0
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i]!
    const c = current[i]!
    psi += (r - c) * Math.log(r / c)
  }
  return psi
}

/** First index with sorted[i] >= value (`searchsorted(side='left')`). */
function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** First index with sorted[i] > value (`searchsorted(side='right')`). */
function upperBound(sorted: Float64Array, value: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! <= value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Distinct values in a sorted array, counting no further than `limit + 1`. */
export function countDistinctSorted(sorted: Float64Array, limit = Infinity): number {
  let distinct = 0
  for (let i = 0; i < sorted.length && distinct <= limit; i++)
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++
  return distinct
}

/** `numpy.histogram_bin_edges(values, bins='sturges')` for the union of two sorted samples. */
export function sturgesEdges(a: Float64Array, b: Float64Array): Float64Array {
  const size = a.length + b.length
  let first = Math.min(a[0]!, b[0]!)
  let last = Math.max(a[a.length - 1]!, b[b.length - 1]!)
  if (!Number.isFinite(first) || !Number.isFinite(last)) {
    throw new StatisticsError(`autodetected range of [${first}, ${last}] is not finite`)
  }
  const width = (last - first) / (Math.log2(size) + 1)
  if (first === last) {
    first -= 0.5
    last += 0.5
  }
  const bins = width ? Math.ceil((last - first) / width) : 1
  // numpy.linspace(first, last, bins + 1): i·step + first, the last edge set to `last` exactly.
  const edges = new Float64Array(bins + 1)
  const step = (last - first) / bins
  for (let i = 0; i <= bins; i++) edges[i] = i * step + first
  edges[bins] = last
  for (let i = 0; i < bins; i++) {
    if (!(edges[i]! < edges[i + 1]!)) {
      throw new StatisticsError(`too many bins for the data range: cannot create ${bins} finite-sized bins`)
    }
  }
  return edges
}

/** `numpy.histogram(sorted, edges)[0] / n` for sorted values. */
export function histogramShares(sorted: Float64Array, edges: Float64Array): Float64Array {
  const bins = edges.length - 1
  const shares = new Float64Array(bins)
  let previous = lowerBound(sorted, edges[0]!)
  for (let i = 1; i <= bins; i++) {
    const cumulative = i === bins ? upperBound(sorted, edges[i]!) : lowerBound(sorted, edges[i]!)
    shares[i - 1] = (cumulative - previous) / sorted.length
    previous = cumulative
  }
  return shares
}

/** Shares of each distinct value of either sorted sample, in ascending value order. */
function distinctShares(a: Float64Array, b: Float64Array): [Float64Array, Float64Array] {
  const sa: number[] = []
  const sb: number[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    const value = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i]! : b[j]!
    const i0 = i
    const j0 = j
    while (i < a.length && a[i] === value) i++
    while (j < b.length && b[j] === value) j++
    sa.push((i - i0) / a.length)
    sb.push((j - j0) / b.length)
  }
  return [Float64Array.from(sa), Float64Array.from(sb)]
}

/** PSI of a numeric column from sorted reference and current samples (no NaN). */
export function psiNumericSorted(reference: Float64Array, current: Float64Array): PsiResult {
  if (reference.length === 0 || current.length === 0)
    throw new StatisticsError('PSI needs two non-empty samples')
  let ref: Float64Array
  let cur: Float64Array
  let binning: PsiResult['binning']
  if (countDistinctSorted(reference, MAX_DISTINCT_FOR_CATEGORIES) > MAX_DISTINCT_FOR_CATEGORIES) {
    const edges = sturgesEdges(reference, current)
    ref = histogramShares(reference, edges)
    cur = histogramShares(current, edges)
    binning = 'sturges'
  } else {
    ;[ref, cur] = distinctShares(reference, current)
    binning = 'distinct'
  }
  fillZeroShares(ref)
  fillZeroShares(cur)
  return { psi: psiOfShares(ref, cur), bins: ref.length, binning }
}

/** Category → count, for one sample of a categorical column. */
export type CategoryCounts = ReadonlyMap<string, number>

/** Categories of either sample, sorted, with their shares in each sample. */
export function categoryShares(
  reference: CategoryCounts,
  current: CategoryCounts
): { categories: string[]; reference: Float64Array; current: Float64Array } {
  const total = (counts: CategoryCounts): number => [...counts.values()].reduce((s, c) => s + c, 0)
  const nRef = total(reference)
  const nCur = total(current)
  if (nRef === 0 || nCur === 0) throw new StatisticsError('PSI needs two non-empty samples')
  const categories = [...new Set([...reference.keys(), ...current.keys()])].sort()
  return {
    categories,
    reference: Float64Array.from(categories, (c) => (reference.get(c) ?? 0) / nRef),
    current: Float64Array.from(categories, (c) => (current.get(c) ?? 0) / nCur)
  }
}

/** PSI of a categorical column: one bin per category of either sample. */
export function psiCategorical(reference: CategoryCounts, current: CategoryCounts): PsiResult {
  const shares = categoryShares(reference, current)
  fillZeroShares(shares.reference)
  fillZeroShares(shares.current)
  return {
    psi: psiOfShares(shares.reference, shares.current),
    bins: shares.categories.length,
    binning: 'distinct'
  }
}

/** `psi(reference, current)` for unsorted numeric samples (inputs are not modified). */
export function psi(reference: Float64Array, current: Float64Array): PsiResult {
  for (const v of reference)
    if (Number.isNaN(v)) throw new StatisticsError('PSI samples must not contain NaN')
  for (const v of current) if (Number.isNaN(v)) throw new StatisticsError('PSI samples must not contain NaN')
  return psiNumericSorted(sortedFloat64(reference), sortedFloat64(current))
}
