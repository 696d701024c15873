import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { snappyUncompress } from 'hyparquet'
import { allDefined } from '../../src/evidence/columns/parquet.js'
import { snappyDecompress, SnappyError } from '../../src/evidence/columns/snappy.js'

/*
 * The snappy decoder behind Parquet pages: built streams of literals and copies (short, long,
 * overlapping, every tag form) decode to what they describe and to what hyparquet's decoder
 * gives; damaged streams are refused with a SnappyError, never read or written out of bounds.
 */

type Element = { literal: number[] } | { copy: { offset: number; length: number; form: 1 | 2 | 3 } }

function varint(value: number): number[] {
  const bytes: number[] = []
  while (value >= 0x80) {
    bytes.push((value & 0x7f) | 0x80)
    value = Math.floor(value / 128)
  }
  bytes.push(value)
  return bytes
}

/** The stream and the bytes it stands for (copies clipped to what precedes them). */
function encode(elements: Element[]): { stream: Uint8Array; expected: Uint8Array } {
  const out: number[] = []
  const body: number[] = []
  for (const element of elements) {
    if ('literal' in element) {
      const n = element.literal.length
      if (n === 0) continue
      if (n <= 60) body.push((n - 1) << 2)
      else {
        const extra = n - 1 < 256 ? 1 : n - 1 < 65536 ? 2 : 3
        body.push((59 + extra) << 2)
        for (let i = 0; i < extra; i++) body.push(((n - 1) >>> (8 * i)) & 0xff)
      }
      for (const byte of element.literal) {
        body.push(byte)
        out.push(byte)
      }
      continue
    }
    const { form } = element.copy
    const offset = Math.min(element.copy.offset, out.length, form === 1 ? 2047 : 65535)
    if (offset === 0) continue
    const length =
      form === 1 ? Math.min(Math.max(element.copy.length, 4), 11) : Math.min(element.copy.length, 64)
    if (form === 1) body.push(1 | ((length - 4) << 2) | ((offset >>> 8) << 5), offset & 0xff)
    else if (form === 2) body.push(2 | ((length - 1) << 2), offset & 0xff, offset >>> 8)
    else body.push(3 | ((length - 1) << 2), offset & 0xff, (offset >>> 8) & 0xff, 0, 0)
    for (let i = 0; i < length; i++) out.push(out[out.length - offset]!)
  }
  return { stream: Uint8Array.from([...varint(out.length), ...body]), expected: Uint8Array.from(out) }
}

const element: fc.Arbitrary<Element> = fc.oneof(
  fc.record({
    literal: fc.oneof(
      fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 70 }),
      fc.integer({ min: 200, max: 3000 }).map((n) => Array.from({ length: n }, (_, i) => (i * 31) & 0xff))
    )
  }),
  fc.record({
    copy: fc.record({
      offset: fc.integer({ min: 1, max: 5000 }),
      length: fc.integer({ min: 1, max: 64 }),
      form: fc.constantFrom(1 as const, 2 as const, 3 as const)
    })
  })
)

describe('snappyDecompress', () => {
  it('decodes every element form to the bytes described, as hyparquet does', () => {
    fc.assert(
      fc.property(fc.array(element, { maxLength: 12 }), (elements) => {
        const { stream, expected } = encode(elements)
        const ours = new Uint8Array(expected.length)
        snappyDecompress(stream, ours)
        expect(Buffer.from(ours).equals(Buffer.from(expected))).toBe(true)
        const theirs = new Uint8Array(expected.length)
        snappyUncompress(stream, theirs)
        expect(Buffer.from(ours).equals(Buffer.from(theirs))).toBe(true)
      }),
      { numRuns: 100 }
    )
  })

  it('takes literals and offsets beyond 64 KiB (three-byte lengths, four-byte offsets)', () => {
    const big = Array.from({ length: 70_000 }, (_, i) => (i * 7) & 0xff)
    const { stream, expected } = encode([
      { literal: big },
      { copy: { offset: 66_000, length: 64, form: 3 } },
      { copy: { offset: 3, length: 40, form: 2 } }
    ])
    expect(stream[varint(expected.length).length]).toBe(62 << 2)
    const output = new Uint8Array(expected.length)
    snappyDecompress(stream, output)
    expect(Buffer.from(output).equals(Buffer.from(expected))).toBe(true)
  })

  it('refuses damaged streams with a SnappyError and stays within its buffers', () => {
    fc.assert(
      fc.property(
        fc.array(element, { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: -3, max: 3 }),
        (elements, damage, sizeChange) => {
          const { stream, expected } = encode(elements)
          const damaged = Uint8Array.from(stream)
          for (const [at, byte] of damage) damaged[at % damaged.length] = byte
          const size = Math.max(0, expected.length + sizeChange)
          // Guard bytes around the output: a write out of bounds would change them.
          const backing = new Uint8Array(size + 64).fill(0xa5)
          const output = backing.subarray(32, 32 + size)
          try {
            snappyDecompress(damaged.subarray(0, Math.max(1, damaged.length - (sizeChange & 1))), output)
          } catch (error) {
            expect(error).toBeInstanceOf(SnappyError)
          }
          expect(backing.subarray(0, 32).every((b) => b === 0xa5)).toBe(true)
          expect(backing.subarray(32 + size).every((b) => b === 0xa5)).toBe(true)
        }
      ),
      { numRuns: 150 }
    )
  })

  it('names the mismatch between the stream and the page size', () => {
    const { stream } = encode([{ literal: [1, 2, 3] }])
    expect(() => snappyDecompress(stream, new Uint8Array(4))).toThrow(
      'snappy data of 3 bytes where the page announces 4'
    )
    expect(() => snappyDecompress(stream.subarray(0, 3), new Uint8Array(3))).toThrow(SnappyError)
  })
})

describe('allDefined: the definition levels of a page without nulls', () => {
  /** A v1 level block: 4-byte little-endian length, then the runs. */
  const levels = (runs: number[]): Uint8Array =>
    Uint8Array.from([runs.length & 0xff, (runs.length >>> 8) & 0xff, 0, 0, ...runs, 0xee])

  it('finds the values after one RLE run or bit-packed groups of ones', () => {
    // RLE: header 1000 << 1 (varint 0xd0 0x0f), value 1.
    expect(allDefined(levels([0xd0, 0x0f, 1]), 1000)).toBe(7)
    // Bit-packed: header (2 groups << 1) | 1, then 16 levels; 11 used, the rest padding.
    expect(allDefined(levels([0x05, 0xff, 0x07]), 11)).toBe(7)
    // Both kinds in one block.
    expect(allDefined(levels([0x10, 1, 0x03, 0xff]), 16)).toBe(8)
  })

  it('answers -1 for a null or a malformed block', () => {
    expect(allDefined(levels([0xd0, 0x0f, 0]), 1000)).toBe(-1) // an RLE run of nulls
    expect(allDefined(levels([0x05, 0xff, 0x03]), 11)).toBe(-1) // level 11 is a null
    expect(allDefined(levels([0x10, 1]), 9)).toBe(-1) // too few levels
    expect(allDefined(levels([0x00, 1]), 1)).toBe(-1) // an empty run
    expect(allDefined(Uint8Array.from([200, 0, 0, 0, 0x10, 1]), 8)).toBe(-1) // length past the page
    expect(allDefined(Uint8Array.from([1, 0]), 1)).toBe(-1) // no room for the length
  })
})
