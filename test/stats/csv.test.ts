import { describe, expect, it } from '@jest/globals'
import { parse } from 'csv-parse/sync'
import fc from 'fast-check'
import {
  CsvColumnReader,
  parseDecimal,
  readCsvColumns,
  readCsvFile,
  type CsvTable
} from '../../src/evidence/columns/csv.js'
import { EvidenceError } from '../../src/errors.js'

const read = (text: string, options: Partial<Parameters<typeof readCsvColumns>[1]> = {}): Promise<CsvTable> =>
  readCsvColumns(Buffer.from(text), { file: 'data.csv', ...options })

/** Feeds the text in chunks of `size` bytes, to exercise records cut at chunk boundaries. */
function readChunked(
  text: string,
  size: number,
  options: Partial<Parameters<typeof readCsvColumns>[1]> = {}
) {
  const reader = new CsvColumnReader({ file: 'data.csv', ...options })
  const bytes = Buffer.from(text)
  for (let i = 0; i < bytes.length; i += size) reader.push(bytes.subarray(i, i + size))
  return reader.end()
}

function textOf(table: CsvTable, name: string): string[] {
  const column = table.columns.get(name)!
  return column.kind === 'numeric'
    ? [...column.values].map(String)
    : [...column.codes].map((code) => column.categories[code]!)
}

async function rejection(promise: Promise<unknown> | (() => unknown)): Promise<EvidenceError> {
  try {
    await (typeof promise === 'function' ? promise() : promise)
  } catch (error) {
    expect(error).toBeInstanceOf(EvidenceError)
    return error as EvidenceError
  }
  throw new Error('expected an EvidenceError')
}

describe('CSV column reader', () => {
  it('reads numeric and categorical columns into typed arrays', async () => {
    const table = await read('a,b,c\n1,x,2.5\n-3e2,y,0.1\n4.,x,.5\n')
    expect(table.rows).toBe(3)
    const a = table.columns.get('a')!
    expect(a.kind).toBe('numeric')
    expect(a.kind === 'numeric' && [...a.values]).toEqual([1, -300, 4])
    const b = table.columns.get('b')!
    expect(b.kind === 'categorical' && b.categories).toEqual(['x', 'y'])
    expect(b.kind === 'categorical' && [...b.codes]).toEqual([0, 1, 0])
  })

  it('handles quotes, escaped quotes, embedded line breaks, CRLF, a BOM and blank lines', async () => {
    const text = '\ufeffname,"note"\r\n"a, b","say ""hi"""\r\n\r\nc,"two\nlines"\r\n'
    const table = await read(text)
    expect(table.header).toEqual(['name', 'note'])
    expect(textOf(table, 'name')).toEqual(['a, b', 'c'])
    expect(textOf(table, 'note')).toEqual(['say "hi"', 'two\nlines'])
  })

  it('reads only the selected columns', async () => {
    const table = await read('a,b,c\n1,2,3\n4,5,6', { columns: ['c'] })
    expect([...table.columns.keys()]).toEqual(['c'])
    expect(textOf(table, 'c')).toEqual(['3', '6'])
  })

  it('turns a column categorical at its first word, keeping earlier numbers by value', async () => {
    const table = await read('v\n1.0\n2\nthree\n1\n', { normalizeNumbers: true })
    const v = table.columns.get('v')!
    expect(v.kind).toBe('categorical')
    expect(textOf(table, 'v')).toEqual(['1', '2', 'three', '1'])
  })

  it('agrees with csv-parse record for record, whatever the chunk size', () => {
    const cell = fc.oneof(
      fc
        .string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', 'é', '1', '.'), maxLength: 6 })
        .filter((s) => s.length > 0),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String)
    )
    const quote = (s: string): string => (/[",\n\r]/.test(s) || s === '' ? `"${s.replaceAll('"', '""')}"` : s)
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((width) =>
            fc.tuple(
              fc.constant(width),
              fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 })
            )
          ),
        fc.integer({ min: 1, max: 17 }),
        fc.boolean(),
        ([width, rows], chunk, crlf) => {
          const header = Array.from({ length: width }, (_, i) => `c${i}`)
          const eol = crlf ? '\r\n' : '\n'
          const text = [header, ...rows].map((r) => r.map(quote).join(',')).join(eol) + eol
          const expected = parse(text, { columns: false }) as string[][]
          const kinds = Object.fromEntries(header.map((h) => [h, 'categorical' as const]))
          const table = readChunked(text, chunk, { kinds })
          for (let c = 0; c < width; c++) {
            expect(textOf(table, header[c]!)).toEqual(expected.slice(1).map((r) => r[c]))
          }
        }
      ),
      { numRuns: 300 }
    )
  })

  it('reads numeric rows on the fused fast path exactly, whatever the chunk size and formatting', () => {
    const formatted = fc
      .tuple(fc.double({ min: -1e300, max: 1e300, noNaN: true }), fc.integer({ min: 0, max: 4 }))
      .map(
        ([x, style]) =>
          [
            String(x),
            x.toPrecision(17),
            x.toFixed(Math.min(20, Math.max(0, 6))),
            x.toExponential(3),
            `+${Math.abs(x)}`
          ][style]!
      )
    // Plain decimals as people and tools write them: leading zeros, up to 24 digits, a point
    // anywhere (or none), a sign.
    const digits = (max: number) =>
      fc.string({ unit: fc.constantFrom('0', '0', '1', '5', '9'), maxLength: max })
    const written = fc
      .tuple(fc.constantFrom('', '-', '+'), digits(12), fc.boolean(), digits(24))
      .filter(([, whole, , fraction]) => whole.length + fraction.length > 0)
      .map(([sign, whole, point, fraction]) =>
        point ? `${sign}${whole}.${fraction}` : `${sign}${whole}${fraction}`
      )
    const number = fc.oneof(formatted, written)
    fc.assert(
      fc.property(
        fc.array(fc.tuple(number, number, fc.constantFrom('skip', '"q,x"', 'w')), {
          minLength: 1,
          maxLength: 30
        }),
        fc.integer({ min: 1, max: 64 }),
        fc.boolean(),
        (rows, chunk, crlf) => {
          const eol = crlf ? '\r\n' : '\n'
          const text = `a,b,other${eol}${rows.map((r) => r.join(',')).join(eol)}${crlf ? '' : eol}`
          const table = readChunked(text, chunk, { columns: ['a', 'b'] })
          expect(textOf(table, 'a')).toEqual(rows.map((r) => String(Number(r[0]))))
          expect(textOf(table, 'b')).toEqual(rows.map((r) => String(Number(r[1]))))
        }
      ),
      { numRuns: 300 }
    )
  })

  it('streams a large file from disk with progress, values intact', async () => {
    const { scratchDir } = await import('../helpers/tmp.js')
    const scratch = scratchDir()
    try {
      const rows = 200_000
      const lines = ['i,half']
      for (let i = 0; i < rows; i++) lines.push(`${i},${i / 2}`)
      const path = scratch.write('big.csv', `${lines.join('\n')}\n`)
      const seen: number[] = []
      const table = await readCsvFile(path, { file: 'big.csv', onProgress: (p) => seen.push(p.bytes) })
      expect(table.rows).toBe(rows)
      const half = table.columns.get('half')!
      expect(half.kind === 'numeric' && half.values[rows - 1]).toBe((rows - 1) / 2)
      expect(seen.length).toBeGreaterThan(1)
      expect(seen[seen.length - 1]).toBe(Buffer.byteLength(`${lines.join('\n')}\n`))
    } finally {
      scratch.cleanup()
    }
  })

  it('reads a file through its window as from memory: records across reads, one record wider than the window', async () => {
    const { scratchDir } = await import('../helpers/tmp.js')
    const scratch = scratchDir()
    try {
      const lines = ['x,note']
      for (let i = 0; i < 20_000; i++) lines.push(`${i / 7},n${i % 10}`)
      // 2.7 MB in one quoted cell with line breaks: wider than the 1 MiB window, twice over.
      lines.push(`1.5,"${'ab\n'.repeat(900_000)}"`)
      for (let i = 0; i < 5_000; i++) lines.push(`${-i / 3},"m""${i % 10}"`)
      const text = `${lines.join('\r\n')}\r\n`
      const path = scratch.write('wide.csv', text)
      const fromFile = await readCsvFile(path, { file: 'wide.csv' })
      const fromMemory = await read(text)
      expect(fromFile.rows).toBe(25_001)
      expect(textOf(fromFile, 'x')).toEqual(textOf(fromMemory, 'x'))
      expect(textOf(fromFile, 'note')).toEqual(textOf(fromMemory, 'note'))
      expect(textOf(fromFile, 'note')[20_000]).toHaveLength(2_700_000)
      // Line numbers still count the line breaks inside the wide cell.
      const broken = scratch.write('broken.csv', `${text}7,8,9\r\n`)
      const brokenLine = 1 + 20_000 + 900_000 + 1 + 5_000 + 1
      await expect(readCsvFile(broken, { file: 'broken.csv' })).rejects.toMatchObject({
        location: { file: 'broken.csv', line: brokenLine }
      })
    } finally {
      scratch.cleanup()
    }
  })

  it('sizes columns from the first chunk, and still takes rows beyond the estimate', async () => {
    const rows = 70_000
    const uniform = ['x,label']
    for (let i = 0; i < rows; i++) uniform.push(`${i * 1.5},g${i % 7}`)
    const uniformText = `${uniform.join('\n')}\n`
    const table = readChunked(uniformText, 1 << 16, { totalBytes: Buffer.byteLength(uniformText) })
    const x = table.columns.get('x')!
    expect(x.kind === 'numeric' && x.values[rows - 1]).toBe((rows - 1) * 1.5)
    // One allocation near the row count, not a power-of-two doubling.
    expect(x.kind === 'numeric' && x.values.buffer.byteLength).toBeLessThanOrEqual((rows * 1.25 + 1024) * 8)
    // Long rows first (a small estimate), then many short ones: the columns grow past it.
    const skewed = ['x,label']
    for (let i = 0; i < 3000; i++) skewed.push(`${i}.123456789012,${'w'.repeat(300)}`)
    for (let i = 0; i < rows; i++) skewed.push(`${i},s`)
    const skewedText = `${skewed.join('\n')}\n`
    const grown = readChunked(skewedText, 1 << 20, { totalBytes: Buffer.byteLength(skewedText) })
    expect(grown.rows).toBe(3000 + rows)
    const gx = grown.columns.get('x')!
    expect(gx.kind === 'numeric' && [gx.values[2999], gx.values[3000 + rows - 1]]).toEqual([
      2999.123456789012,
      rows - 1
    ])
    expect(textOf(grown, 'label').slice(-2)).toEqual(['s', 's'])
    // Short rows first, then one huge cell: the reserve stays within what short rows would need.
    const hostileText = `x\n${'1\n'.repeat(20_000)}"${'9'.repeat(4 << 20)}"\n`
    const totalBytes = Buffer.byteLength(hostileText)
    const reader = new CsvColumnReader({ file: 'data.csv', totalBytes, kinds: { x: 'categorical' } })
    reader.push(Buffer.from(hostileText).subarray(0, 1 << 16))
    const hx = (reader as unknown as { states: Array<{ codes: Int32Array }> }).states[0]!
    expect(hx.codes.length).toBeGreaterThan(20_000)
    expect(hx.codes.length * 4).toBeLessThanOrEqual(totalBytes * 2.2 + 4096)
  })

  it('parses decimals exactly as Number() does (correctly rounded)', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer({ min: 1, max: 21 }),
        (x, digits) => {
          for (const text of [String(x), x.toPrecision(digits), x.toExponential(Math.min(digits, 20) - 1)]) {
            const bytes = Buffer.from(text)
            expect(Object.is(parseDecimal(bytes, 0, bytes.length), Number(text))).toBe(true)
          }
        }
      ),
      { numRuns: 2000 }
    )
    for (const bad of ['', '-', '.', '1e', '1.2.3', '0x10', ' 1', 'Infinity']) {
      const bytes = Buffer.from(bad)
      expect(parseDecimal(bytes, 0, bytes.length)).toBeNaN()
    }
  })
})

describe('CSV errors name the file, the line and the column', () => {
  it('a missing column', async () => {
    const error = await rejection(read('a,b\n1,2\n', { columns: ['z'] }))
    expect(error.format()).toBe('data.csv:1: no column "z" in the header (columns: "a", "b")')
  })

  it('a word in a numeric column', async () => {
    const error = await rejection(read('a\n1\n2\nabc\n', { kinds: { a: 'numeric' } }))
    expect(error.format()).toBe('data.csv:4: column "a": "abc" is not a number, but the column is numeric')
  })

  it('an empty value and a missing-value marker', async () => {
    expect((await rejection(read('a,b\n1,2\n,3\n'))).format()).toMatch(
      /^data\.csv:3: column "a": empty value/
    )
    expect((await rejection(read('a\n1\nNaN\n'))).format()).toMatch(
      /^data\.csv:3: column "a": missing value "NaN"/
    )
    expect((await rejection(read('a\n1\ninf\n'))).format()).toMatch(/not a finite number/)
  })

  it('a row with the wrong number of fields, counting lines inside quoted fields', async () => {
    const error = await rejection(read('a,b\n"x\ny",2\n3\n', { kinds: { a: 'categorical' } }))
    expect(error.format()).toBe('data.csv:4: 1 field, but the header has 2')
  })

  it('an unclosed quote, a stray quote, an empty file, a header without rows', async () => {
    expect((await rejection(read('a\n"open\n'))).message).toMatch(/not closed/)
    expect((await rejection(read('a\nx"y\n'))).message).toMatch(/quote inside an unquoted field/)
    expect((await rejection(read(''))).message).toMatch(/empty/)
    expect((await rejection(read('a,b\n'))).message).toMatch(/no data rows/)
    expect((await rejection(read('a,a\n1,2\n'))).message).toMatch(/twice/)
  })
})
