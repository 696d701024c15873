import type { CategoryCounts } from './psi.js'

/*
 * The chi-square p-value Evidently's legacy `chisquare` stattest reports for a categorical column
 * (facts from evidently src/evidently/calculations/stattests/chisquare_stattest.py): expected
 * counts are the reference counts scaled to the current size, observed the current counts, over
 * the categories of either sample; p = `scipy.stats.chisquare(observed, expected)[1]`, the
 * chi-square survival function at k − 1 degrees of freedom.
 */

// Lanczos approximation of log Γ (g = 7, 9 coefficients; Godfrey's table), ~1e-15 relative.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
]

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x)
  const z = x - 1
  let a = LANCZOS[0]!
  const t = z + 7.5
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i)
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a)
}

const EPS = 1e-16
const MAX_ITERATIONS = 10000

/** Regularised upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a). */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN
  if (x === 0) return 1
  if (!Number.isFinite(x)) return 0
  const logPrefactor = a * Math.log(x) - x - logGamma(a)
  if (x < a + 1) {
    // Series for P(a, x); Q = 1 − P (no cancellation worth the name: here Q is not small).
    let term = 1 / a
    let sum = term
    for (let n = 1; n < MAX_ITERATIONS; n++) {
      term *= x / (a + n)
      sum += term
      if (Math.abs(term) < Math.abs(sum) * EPS) break
    }
    return 1 - sum * Math.exp(logPrefactor)
  }
  // Continued fraction for Q (modified Lentz).
  const tiny = 1e-300
  let b = x + 1 - a
  let c = 1 / tiny
  let d = 1 / b
  let h = d
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a)
    b += 2
    d = an * d + b
    if (Math.abs(d) < tiny) d = tiny
    c = b + an / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    const delta = d * c
    h *= delta
    if (Math.abs(delta - 1) < EPS) break
  }
  return Math.exp(logPrefactor) * h
}

/** Pr(χ²_k > x). */
export function chi2Sf(x: number, dof: number): number {
  if (!(dof > 0)) return NaN
  if (x === Infinity) return 0
  return gammaQ(dof / 2, x / 2)
}

/** Evidently's chisquare drift p-value for a categorical column; null with a single category. */
export function chiSquarePvalue(reference: CategoryCounts, current: CategoryCounts): number | null {
  const categories = [...new Set([...reference.keys(), ...current.keys()])]
  if (categories.length < 2) return null
  let nRef = 0
  let nCur = 0
  for (const count of reference.values()) nRef += count
  for (const count of current.values()) nCur += count
  const scale = nCur / nRef
  let statistic = 0
  for (const category of categories) {
    const expected = (reference.get(category) ?? 0) * scale
    const observed = current.get(category) ?? 0
    statistic += expected === 0 ? (observed === 0 ? 0 : Infinity) : (observed - expected) ** 2 / expected
  }
  return chi2Sf(statistic, categories.length - 1)
}
