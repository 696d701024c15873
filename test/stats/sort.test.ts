import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { SortMemory, sortedFloat64, sortFloat64InPlace } from '../../src/stats/sort.js'

/*
 * The radix sort behind drift must order exactly as Float64Array#sort: same values, same bit
 * patterns (-0 before +0), infinities at the ends, NaN last. Samples are long enough (≥ 4096)
 * to take the radix path.
 */

const LONG = 5000

/** `length` values drawn (with repeats) from `pool`, in an order given by `seed`. */
function spread(pool: number[], length: number, seed: number): Float64Array {
  const out = new Float64Array(length)
  let state = seed >>> 0
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    out[i] = pool[state % pool.length]!
  }
  return out
}

function expectSameBits(actual: Float64Array, expected: Float64Array): void {
  expect(actual.length).toBe(expected.length)
  const a = new Uint32Array(actual.buffer, actual.byteOffset, actual.length * 2)
  const e = new Uint32Array(expected.buffer, expected.byteOffset, expected.length * 2)
  for (let i = 0; i < e.length; i++) {
    if (a[i] !== e[i])
      throw new Error(`word ${i}: ${a[i]} ≠ ${e[i]} (${actual[i >> 1]} vs ${expected[i >> 1]})`)
  }
}

describe('sortFloat64InPlace orders as Float64Array#sort', () => {
  it('on any doubles, long and short samples alike', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.integer(),
        fc.constantFrom(LONG, 7, 4096),
        (pool, seed, length) => {
          const values = spread(pool, length, seed)
          const expected = Float64Array.from(values).sort()
          sortFloat64InPlace(values)
          expectSameBits(values, expected)
        }
      ),
      { numRuns: 60 }
    )
  })

  it('places -0 before +0, and infinities and subnormals where they belong', () => {
    const pool = [
      0,
      -0,
      Infinity,
      -Infinity,
      5e-324,
      -5e-324,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      1,
      -1,
      0.1
    ]
    const values = spread(pool, LONG, 7)
    const expected = Float64Array.from(values).sort()
    sortFloat64InPlace(values)
    expectSameBits(values, expected)
    expect(Object.is(values[0], -Infinity)).toBe(true)
    const firstZero = values.findIndex((v) => v === 0)
    expect(Object.is(values[firstZero], -0)).toBe(true)
  })

  it('when some digits are shared by every value (an odd number of passes)', () => {
    // float32 precision: the low 29 bits are zero; small integers: the whole low word.
    for (const pool of [
      [0.1, 2.5, 1e10, 3.3, 7e-5, 1 / 3].map(Math.fround),
      [-0.1, -2.5, -1e10, -3.3, -7e-5].map(Math.fround),
      [1, 2, 3, 1000, 65537, 2 ** 20 - 1],
      [-1, -2, -3, -1000, -65537]
    ]) {
      const values = spread(pool, LONG, 9)
      const expected = Float64Array.from(values).sort()
      sortFloat64InPlace(values)
      expectSameBits(values, expected)
    }
  })

  it('puts NaN last, as the engine does', () => {
    const values = spread([3, -2, NaN, -0, 1e300], LONG, 11)
    sortFloat64InPlace(values)
    const firstNaN = values.findIndex((v) => Number.isNaN(v))
    expect(firstNaN).toBeGreaterThan(0)
    expect(values.subarray(firstNaN).every((v) => Number.isNaN(v))).toBe(true)
    expect(values.subarray(0, firstNaN).every((v, i, all) => i === 0 || all[i - 1]! <= v)).toBe(true)
  })

  it('sorts a view into a larger buffer without touching the rest', () => {
    const buffer = new Float64Array(LONG + 20).fill(42)
    const view = buffer.subarray(10, 10 + LONG)
    view.set(spread([-1.5, 2.25, 1e-9, -7e12, 3], LONG, 3))
    const expected = Float64Array.from(view).sort()
    sortFloat64InPlace(view)
    expectSameBits(view, expected)
    expect([...buffer.subarray(0, 10), ...buffer.subarray(10 + LONG)].every((v) => v === 42)).toBe(true)
  })

  it('shares its scratch memory between samples of different sizes', () => {
    const memory = new SortMemory()
    for (const [length, seed] of [
      [LONG * 2, 1],
      [LONG, 2],
      [LONG + 1, 3]
    ] as const) {
      const values = spread([9, -3.5, 1e-7, 2 ** 60, -0, 0.25, 7e3], length, seed)
      const expected = Float64Array.from(values).sort()
      sortFloat64InPlace(values, memory)
      expectSameBits(values, expected)
    }
  })

  it('sortedFloat64 copies unless told to sort in place', () => {
    const values = spread([5, 4, 3, 2, 1, -1e-300], LONG, 5)
    const before = Float64Array.from(values)
    const copy = sortedFloat64(values)
    expectSameBits(values, before)
    expectSameBits(copy, Float64Array.from(before).sort())
    expect(sortedFloat64(values, true)).toBe(values)
    expectSameBits(values, copy)
  })
})
