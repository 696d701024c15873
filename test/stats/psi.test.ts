import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { chi2Sf, chiSquarePvalue, gammaQ } from '../../src/stats/chi2.js'
import { fillZeroShares, psi, psiCategorical, sturgesEdges } from '../../src/stats/psi.js'

/*
 * Parity with Evidently's legacy PSI (and its chisquare p-value for categorical columns) on
 * figures computed by test/reference/generate.py with numpy/pandas following Evidently's code.
 */

interface PsiCase {
  name: string
  kind: 'numeric' | 'categorical'
  reference: Array<number | string>
  current: Array<number | string>
  psi: number
  bins: number
  chi2_pvalue?: number
}

const reference = JSON.parse(readFileSync(new URL('../reference/psi.json', import.meta.url), 'utf8')) as {
  cases: PsiCase[]
}

const counts = (values: Array<number | string>): Map<string, number> => {
  const map = new Map<string, number>()
  for (const v of values) map.set(String(v), (map.get(String(v)) ?? 0) + 1)
  return map
}

const close = (actual: number, expected: number): void => {
  if (expected === 0) expect(actual).toBe(0)
  else expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(1e-9)
}

describe('PSI matches Evidently', () => {
  it.each(reference.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result =
      c.kind === 'numeric'
        ? psi(Float64Array.from(c.reference as number[]), Float64Array.from(c.current as number[]))
        : psiCategorical(counts(c.reference), counts(c.current))
    expect(result.bins).toBe(c.bins)
    close(result.psi, c.psi)
    if (c.chi2_pvalue !== undefined)
      close(chiSquarePvalue(counts(c.reference), counts(c.current))!, c.chi2_pvalue)
  })

  it('uses Sturges bins only above 20 distinct reference values', () => {
    const twenty = Float64Array.from({ length: 200 }, (_, i) => i % 20)
    const twentyOne = Float64Array.from({ length: 210 }, (_, i) => i % 21)
    expect(psi(twenty, twenty).binning).toBe('distinct')
    expect(psi(twentyOne, twentyOne).binning).toBe('sturges')
    expect(psi(twentyOne, twentyOne).psi).toBe(0)
  })
})

describe('PSI building blocks', () => {
  it('fills zero shares with 0.0001, or a millionth of the smallest share when that is <= 0.0001', () => {
    const coarse = Float64Array.from([0.5, 0.5, 0])
    fillZeroShares(coarse)
    expect([...coarse]).toEqual([0.5, 0.5, 0.0001])
    const fine = Float64Array.from([0.99995, 0.00005, 0])
    fillZeroShares(fine)
    expect(fine[2]).toBe(0.00005 / 1e6)
  })

  it('makes numpy sturges edges over both samples, the last edge exactly the maximum', () => {
    const edges = sturgesEdges(Float64Array.from([0, 1, 2, 3]), Float64Array.from([4, 5, 6, 7]))
    // n = 8: width = 7 / (log2(8) + 1) = 1.75, 4 bins
    expect([...edges]).toEqual([0, 1.75, 3.5, 5.25, 7])
  })
})

describe('chi-square survival function', () => {
  it('agrees with closed forms', () => {
    // 2 degrees of freedom: sf = exp(-x/2); 1 degree: erfc(sqrt(x/2)) at x = 3.841458820694124 is 0.05
    for (const x of [0.1, 1, 5, 20, 200]) close(chi2Sf(x, 2), Math.exp(-x / 2))
    expect(Math.abs(chi2Sf(3.841458820694124, 1) - 0.05)).toBeLessThan(1e-12)
    expect(gammaQ(3, 0)).toBe(1)
    expect(chi2Sf(Infinity, 3)).toBe(0)
  })

  it('is null with a single category', () => {
    expect(chiSquarePvalue(new Map([['a', 3]]), new Map([['a', 5]]))).toBeNull()
  })
})
