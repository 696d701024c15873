import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { kolmogornSf, smirnovSf } from '../../src/stats/kolmogorov.js'
import { ks2samp, ksStatisticSorted, roundHalfEven } from '../../src/stats/ks.js'
import { draw, type SampleSpec } from '../reference/generator.js'

/*
 * Parity with scipy.stats.ks_2samp / kstwo / special.smirnov on figures made by
 * test/reference/generate.py (scipy version recorded in the JSON).
 */

interface KsCase {
  name: string
  statistic: number
  pvalue: number
  method: 'exact' | 'asymp'
  a?: number[]
  b?: number[]
  spec_a?: SampleSpec
  spec_b?: SampleSpec
}

const reference = JSON.parse(readFileSync(new URL('../reference/ks.json', import.meta.url), 'utf8')) as {
  cases: KsCase[]
  kstwo_sf: Array<[number, number, number]>
  smirnov: Array<[number, number, number]>
}

/** Relative tolerance 1e-9 (absolute below 1e-300, where both are zero). */
function expectClose(actual: number, expected: number, rtol = 1e-9): void {
  if (expected === 0) expect(actual).toBe(0)
  else expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(rtol)
}

describe('ks2samp matches scipy.stats.ks_2samp (two-sided, method auto)', () => {
  it.each(reference.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const a = c.a ? Float64Array.from(c.a) : draw(c.spec_a!)
    const b = c.b ? Float64Array.from(c.b) : draw(c.spec_b!)
    const result = ks2samp(a, b)
    expect(result.method).toBe(c.method)
    expectClose(result.statistic, c.statistic)
    expectClose(result.pvalue, c.pvalue)
  })

  it('covers p-values from near 1 down below 1e-30, in both methods', () => {
    const p = (method: string) => reference.cases.filter((c) => c.method === method).map((c) => c.pvalue)
    for (const method of ['exact', 'asymp']) {
      expect(Math.max(...p(method))).toBeGreaterThan(0.5)
      expect(Math.min(...p(method).filter((v) => v > 0))).toBeLessThan(1e-30)
    }
  })
})

describe('kolmogornSf matches scipy.stats.kstwo.sf on every branch', () => {
  it('over the reference grid', () => {
    expect(reference.kstwo_sf.length).toBeGreaterThan(200)
    for (const [n, x, p] of reference.kstwo_sf) expectClose(kolmogornSf(n, x), p)
  })
})

describe('smirnovSf matches scipy.special.smirnov', () => {
  it('over the reference grid', () => {
    for (const [n, x, p] of reference.smirnov) expectClose(smirnovSf(n, x), p)
  })
})

describe('ks2samp properties', () => {
  const sample = fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 60 })
  it('is symmetric in its samples and stays in range', () => {
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        const a = Float64Array.from(x, (v) => v / 4)
        const b = Float64Array.from(y, (v) => v / 4)
        const ab = ks2samp(a, b)
        const ba = ks2samp(b, a)
        expect(ab).toEqual(ba)
        expect(ab.statistic).toBeGreaterThanOrEqual(0)
        expect(ab.statistic).toBeLessThanOrEqual(1)
        expect(ab.pvalue).toBeGreaterThanOrEqual(0)
        expect(ab.pvalue).toBeLessThanOrEqual(1)
      })
    )
  })

  it('gives D = 0 and p = 1 for identical samples, and does not modify its inputs', () => {
    const a = Float64Array.from([3, 1, 2, 2])
    expect(ks2samp(a, Float64Array.from([2, 2, 3, 1]))).toEqual({ statistic: 0, pvalue: 1, method: 'exact' })
    expect([...a]).toEqual([3, 1, 2, 2])
  })

  it('rejects empty samples and NaN', () => {
    expect(() => ks2samp(new Float64Array(0), Float64Array.from([1]))).toThrow(/non-empty/)
    expect(() => ks2samp(Float64Array.from([NaN, 1]), Float64Array.from([1]))).toThrow(/NaN/)
  })

  it('rounds halves to even, as numpy.round', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, -0, -2, 2, 3])
  })

  it('the statistic is the largest ECDF gap over every pooled value, ties within and across samples included', () => {
    // Brute force: both ECDFs evaluated at each pooled value, as scipy does with searchsorted.
    const ecdf = (sorted: Float64Array, x: number): number =>
      sorted.filter((v) => v <= x).length / sorted.length
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 1, maxLength: 30 }),
        fc.constantFrom(1, 0.5, -0.25),
        (xs, ys, scale) => {
          const a = Float64Array.from(xs, (x) => x * scale).sort()
          const b = Float64Array.from(ys, (y) => y * scale).sort()
          let expected = 0
          for (const x of [...a, ...b]) expected = Math.max(expected, Math.abs(ecdf(a, x) - ecdf(b, x)))
          expect(ksStatisticSorted(a, b)).toBe(expected)
        }
      ),
      { numRuns: 300 }
    )
  })
})
