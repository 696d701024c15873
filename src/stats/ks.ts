import { StatisticsError } from '../errors.js'
import { kolmogornSf } from './kolmogorov.js'
import { sortedFloat64 } from './sort.js'

/*
 * Two-sample Kolmogorov–Smirnov test, two-sided, as `scipy.stats.ks_2samp(a, b)` with
 * method='auto' (facts from scipy/stats/_stats_py.py `ks_2samp`, `_attempt_exact_2kssamp`,
 * `_compute_prob_outside_square` and scipy/stats/_stats_pythran.py
 * `_compute_outer_prob_inside_method`):
 *
 * - D is computed on the pooled sorted values, each ECDF taken just right of a value, so ties
 *   across samples never create a spurious jump;
 * - exact when both samples have at most 10000 values: D is snapped to h / lcm(m, n), and the
 *   p-value is the share of lattice paths leaving the band |x/m − y/n| < h/lcm (Hodges 1958),
 *   computed as 1 − p directly with Viehmann's recursion (arXiv:2102.08037), or for m = n by
 *   the alternating reflection sum in Horner form;
 * - when that computation fails (a p-value outside [0, 1]) scipy falls back to the asymptotic
 *   method, and so do we;
 * - otherwise `kstwo.sf(D, round(m·n/(m + n)))`.
 */

export interface KsResult {
  statistic: number
  pvalue: number
  method: 'exact' | 'asymp'
}

/** Samples at most this large (both) get the exact p-value (scipy's MAX_AUTO_N). */
export const MAX_EXACT_N = 10000

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b]
  return a
}

/** numpy's round(): halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x)
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r
}

/** Pr(D_{n,n} ≥ h/n): 2·(A0 − A0·A1 + …) in Horner form, each term a ratio of binomials. */
function probOutsideSquare(n: number, h: number): number {
  let p = 0
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1)
    p = p1 * (1 - p)
  }
  return 2 * p
}

/**
 * Share of lattice paths from (0,0) to (m,n) that leave |nx/g − my/g| < h, computed directly as
 * a probability (each column rescaled by the binomial ratio, Viehmann's 1 − p recursion).
 */
function probOutsideBand(m0: number, n0: number, g: number, h: number): number {
  const [m, n] = m0 < n0 ? [n0, m0] : [m0, n0]
  const mg = m / g
  const ng = n / g
  let minj = 0
  let maxj = Math.min(Math.ceil(h / mg), n + 1)
  let curlen = maxj - minj
  const lenA = Math.min(2 * maxj + 2, n + 1)
  const A = new Float64Array(lenA).fill(1)
  A.fill(0, minj, maxj)
  for (let i = 1; i <= m; i++) {
    const lastminj = minj
    const lastlen = curlen
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n)
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1)
    if (maxj <= minj) return 1
    let val = minj === 0 ? 0 : 1
    const shift = minj - lastminj
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj
      val = (A[jj + shift]! * i + val * j) / (i + j)
      A[jj] = val
    }
    curlen = maxj - minj
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen))
  }
  return A[maxj - minj - 1]!
}

/**
 * The two-sided statistic on sorted samples (pooled-value ECDF differences). One merge step per
 * distinct pooled value, after which both ECDFs stand just right of it. Once one sample is used
 * up the difference moves monotonically to 0 (both ECDFs at 1), so the extremes are the last
 * difference seen and that 0, with which both start.
 */
export function ksStatisticSorted(a: Float64Array, b: Float64Array): number {
  const n1 = a.length
  const n2 = b.length
  let i = 0
  let j = 0
  let maxS = 0
  let minS = 0
  while (i < n1 && j < n2) {
    const va = a[i]!
    const vb = b[j]!
    if (va < vb) {
      i++
      while (i < n1 && a[i] === va) i++
    } else if (vb < va) {
      j++
      while (j < n2 && b[j] === vb) j++
    } else {
      i++
      j++
      while (i < n1 && a[i] === va) i++
      while (j < n2 && b[j] === va) j++
    }
    const diff = i / n1 - j / n2
    if (diff > maxS) maxS = diff
    else if (diff < minS) minS = diff
  }
  const minusMin = Math.min(-minS, 1)
  return minusMin > maxS ? minusMin : maxS
}

/** The p-value for a statistic of sorted samples of sizes n1, n2 (method auto). */
export function ksPvalue(d: number, n1: number, n2: number): KsResult {
  if (Math.max(n1, n2) <= MAX_EXACT_N) {
    const g = gcd(n1, n2)
    const lcm = (n1 / g) * n2
    const h = roundHalfEven(d * lcm)
    const snapped = h / lcm
    if (h === 0) return { statistic: snapped, pvalue: 1, method: 'exact' }
    const prob = n1 === n2 ? probOutsideSquare(n1, h) : probOutsideBand(n1, n2, g, h)
    if (prob >= 0 && prob <= 1) return { statistic: snapped, pvalue: prob, method: 'exact' }
    // scipy: "Exact calculation unsuccessful. Switching to method=asymp", with the snapped D.
    d = snapped
  }
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1]
  const en = (m * n) / (m + n)
  const p = kolmogornSf(roundHalfEven(en), d)
  return { statistic: d, pvalue: Math.min(Math.max(p, 0), 1), method: 'asymp' }
}

function hasNaN(values: Float64Array): boolean {
  for (const v of values) if (Number.isNaN(v)) return true
  return false
}

/** Two-sided two-sample KS test of already sorted samples. */
export function ks2sampSorted(a: Float64Array, b: Float64Array): KsResult {
  if (a.length === 0 || b.length === 0) throw new StatisticsError('KS test needs two non-empty samples')
  if (Number.isNaN(a[a.length - 1]!) || Number.isNaN(b[b.length - 1]!)) {
    throw new StatisticsError('KS test samples must not contain NaN')
  }
  return ksPvalue(ksStatisticSorted(a, b), a.length, b.length)
}

/** `scipy.stats.ks_2samp(a, b)` (two-sided, method auto). Inputs are not modified. */
export function ks2samp(a: Float64Array, b: Float64Array): KsResult {
  if (hasNaN(a) || hasNaN(b)) throw new StatisticsError('KS test samples must not contain NaN')
  return ks2sampSorted(sortedFloat64(a), sortedFloat64(b))
}
