import { open, stat, type FileHandle } from 'node:fs/promises'
import { EvidenceError } from '../../errors.js'
import {
  categoryKey,
  type Column,
  type ColumnKind,
  type ColumnTable,
  type ReadProgress,
  type TableReadOptions
} from './table.js'

/*
 * Streaming CSV column reader for raw samples and predictions: a header row, then selected
 * columns into typed arrays (see table.ts).
 *
 * The grammar is RFC 4180 (comma separator, double-quoted fields with "" escapes and embedded
 * line breaks, LF or CRLF line ends, an optional UTF-8 BOM), parsed here byte by byte. csv-parse
 * does the same job but measured 3.0 s for 1,000,000 two-column rows (62.7 MB) on the bench
 * machine, more than the whole pandas + scipy run it is compared with; this parser reads the
 * same file in a fraction of that (see docs/statistics.md), and the tests check it against
 * csv-parse record for record on generated CSV.
 */

/** A table read from CSV (the same shape as any other). */
export type CsvTable = ColumnTable
export type CsvColumn = Column
export type CsvProgress = ReadProgress

export interface CsvReadOptions extends TableReadOptions {
  totalBytes?: number
}

// Values pandas reads as missing (pandas.read_csv default na_values), plus infinities.
const MISSING = new Set([
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '-NaN',
  '-nan',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
  'N/A',
  'NA',
  'NULL',
  'NaN',
  'None',
  'n/a',
  'nan',
  'null'
])
const INFINITE = new Set(['inf', '-inf', '+inf', 'Inf', '-Inf', '+Inf', 'Infinity', '-Infinity', '+Infinity'])

const COMMA = 0x2c
const QUOTE = 0x22
const CR = 0x0d
const LF = 0x0a

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i)

const SPLITTER = 134217729 // 2^27 + 1, Dekker's split
// Each power of ten split into a high part of 26 bits and the rest (Dekker), once.
const POW10_HIGH = Float64Array.from(POW10, (p) => SPLITTER * p - (SPLITTER * p - p))
const POW10_LOW = Float64Array.from(POW10, (p, i) => p - POW10_HIGH[i]!)
/** Relative nudge that tells a value almost exactly halfway between two doubles. */
const NUDGE = 2 ** -40
/**
 * Where scaleDecimal leaves its result: a double returned from a function the engine does not
 * inline is boxed on the heap, which for a million cells is a million objects of garbage.
 */
const scaled = new Float64Array(1)

/**
 * (high · 10^lowDigits + low) · 10^exponent, correctly rounded, or NaN when it cannot be decided
 * cheaply. The product is formed in double-double (error below 2^-100 relative), which settles
 * the rounding unless the value sits almost exactly halfway between two doubles. 10^lowDigits
 * (lowDigits ≤ 4) has fewer than 27 bits, so it splits into itself and 0: those terms are left out.
 */
function scaleDecimal(high: number, low: number, lowDigits: number, exponent: number): boolean {
  // m = high · 10^lowDigits + low, exactly, as hi + lo.
  const f = POW10[lowDigits]!
  let hi = high * f
  const t = SPLITTER * high
  const hh = t - (t - high)
  const hl = high - hh
  let lo = hh * f - hi + hl * f
  let sum = hi + low
  let bb = sum - hi
  lo += hi - (sum - bb) + (low - bb)
  hi = sum + lo
  lo = lo - (hi - sum)
  const k = exponent < 0 ? -exponent : exponent
  const p = POW10[k]!
  const ph = POW10_HIGH[k]!
  const pl = POW10_LOW[k]!
  let rHi: number
  let rLo: number
  if (exponent >= 0) {
    // (hi + lo) · p
    const prod = hi * p
    const a = SPLITTER * hi
    const ah = a - (a - hi)
    const al = hi - ah
    const err = ah * ph - prod + ah * pl + al * ph + al * pl + lo * p
    rHi = prod + err
    rLo = err - (rHi - prod)
  } else {
    // (hi + lo) / p: q1 + (remainder / p)
    const q1 = hi / p
    const a = SPLITTER * q1
    const qh = a - (a - q1)
    const ql = q1 - qh
    const prod = q1 * p
    const prodErr = qh * ph - prod + qh * pl + ql * ph + ql * pl
    sum = hi - prod
    bb = sum - hi
    const sumErr = hi - (sum - bb) + (-prod - bb)
    const q2 = (sum + (sumErr - prodErr + lo)) / p
    rHi = q1 + q2
    rLo = q2 - (rHi - q1)
  }
  // rHi is the double nearest hi + lo: |rLo| is at most half an ulp after the renormalisation
  // above. Only when it is within a hair of exactly half (the nudged sums round apart) can the
  // double-double's own error decide the rounding: then the caller's slow path decides.
  if (rHi + rLo * (1 + NUDGE) !== rHi + rLo * (1 - NUDGE)) return false
  scaled[0] = rHi
  return true
}

/**
 * Parses [start, end) of `buf` as a decimal number. NaN when the text is not a number in the
 * plain decimal syntax `[+-]digits[.digits][e[+-]digits]`. Up to 15 significant digits and a
 * power of ten within ±22 give one correctly rounded operation (Clinger's fast path); up to 19
 * digits go through a double-double product; anything else goes to the engine's correctly
 * rounded Number().
 */
export function parseDecimal(buf: Buffer, start: number, end: number): number {
  let i = start
  let negative = false
  if (i < end && (buf[i] === 0x2d || buf[i] === 0x2b)) {
    negative = buf[i] === 0x2d
    i++
  }
  // Significant digits: the first 15 in `high`, the next (up to 4) in `low`.
  let high = 0
  let low = 0
  let lowDigits = 0
  let significant = 0
  let digits = 0
  let exponent = 0
  let dropped = false
  let seenPoint = false
  for (; i < end; i++) {
    const c = buf[i]!
    if (c === 0x2e) {
      if (seenPoint) return NaN
      seenPoint = true
      continue
    }
    const d = c - 0x30
    if (d < 0 || d > 9) break
    digits++
    if (seenPoint) exponent--
    if (significant === 0 && d === 0) continue
    significant++
    if (significant <= 15) high = high * 10 + d
    else if (significant <= 19) {
      low = low * 10 + d
      lowDigits++
    } else {
      // Digits beyond 19 only shift the scale; the slow path will read them.
      dropped = true
      exponent++
    }
  }
  if (digits === 0) return NaN
  if (i < end && (buf[i] === 0x65 || buf[i] === 0x45)) {
    i++
    let expNegative = false
    if (i < end && (buf[i] === 0x2d || buf[i] === 0x2b)) {
      expNegative = buf[i] === 0x2d
      i++
    }
    let e = 0
    let expDigits = 0
    for (; i < end; i++) {
      const d = buf[i]! - 0x30
      if (d < 0 || d > 9) break
      if (e < 100000) e = e * 10 + d
      expDigits++
    }
    if (expDigits === 0) return NaN
    exponent += expNegative ? -e : e
  }
  if (i !== end) return NaN
  let value = NaN
  if (significant === 0) value = 0
  else if (!dropped && exponent >= -22 && exponent <= 22) {
    if (lowDigits === 0) value = exponent < 0 ? high / POW10[-exponent]! : high * POW10[exponent]!
    else if (scaleDecimal(high, low, lowDigits, exponent)) value = scaled[0]!
  }
  if (Number.isNaN(value)) {
    return Number(
      (buf as Buffer & { latin1Slice(start: number, end: number): string }).latin1Slice(start, end)
    )
  }
  return negative ? -value : value
}

interface ColumnState {
  name: string
  fieldIndex: number
  requested: ColumnKind | 'auto'
  kind: ColumnKind
  numbers: Float64Array
  codes: Int32Array
  categories: string[]
  dictionary: Map<string, number>
}

const INITIAL_CAPACITY = 1 << 14

function grow<T extends Float64Array | Int32Array>(array: T, needed: number): T {
  if (needed <= array.length) return array
  let capacity = array.length * 2
  while (capacity < needed) capacity *= 2
  const next = new (array.constructor as new (n: number) => T)(capacity)
  next.set(array)
  return next
}

/** The array with room for `capacity` values (a copy, when it has less). */
function resize<T extends Float64Array | Int32Array>(array: T, capacity: number): T {
  if (capacity <= array.length) return array
  const next = new (array.constructor as new (n: number) => T)(capacity)
  next.set(array)
  return next
}

/** Incremental parser: `push` chunks, then `end`. */
export class CsvColumnReader {
  private carry: Buffer | null = null
  /** Reused for carry + chunk, so a file costs no garbage per chunk. */
  private scratch: Buffer | null = null
  private header: string[] | null = null
  private states: ColumnState[] = []
  /** field index → index into `states`, or -1. */
  private slotOf: Int32Array = new Int32Array(0)
  private rows = 0
  /** 1-based line number of the next byte to parse. */
  private line = 1
  private bytes = 0
  private started = false
  private reserved = false
  // Field boundaries of the record being parsed: [start, end) and whether it had "" escapes.
  private starts = new Int32Array(64)
  private ends = new Int32Array(64)
  private escaped = new Uint8Array(64)
  private fields = 0
  private readonly normalize: boolean

  constructor(private readonly options: CsvReadOptions) {
    this.normalize = options.normalizeNumbers ?? false
  }

  push(chunk: Uint8Array): void {
    let data: Buffer
    if (this.carry) {
      const needed = this.carry.length + chunk.length
      if (!this.scratch || this.scratch.length < needed) this.scratch = Buffer.allocUnsafe(needed)
      this.carry.copy(this.scratch, 0)
      this.scratch.set(chunk, this.carry.length)
      data = this.scratch.subarray(0, needed)
    } else data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length)
    const consumed = this.pushWindow(data, chunk.length)
    this.carry = consumed < data.length ? Buffer.from(data.subarray(consumed)) : null
  }

  /**
   * Parses the whole records in `window`, whose last `fresh` bytes are new and whose start is
   * what the previous call did not consume; returns how many bytes it consumed. For callers
   * that own the buffer (a file read into it): they move the rest to the front of the next
   * window, or hand it to `end`, instead of this reader copying every chunk.
   */
  pushWindow(window: Buffer, fresh: number): number {
    this.bytes += fresh
    const consumed = this.parse(window, false)
    if (!this.reserved && this.rows > 0) this.reserve(this.bytes - (window.length - consumed))
    this.options.onProgress?.({
      file: this.options.file,
      bytes: this.bytes,
      totalBytes: this.options.totalBytes,
      rows: this.rows
    })
    return consumed
  }

  /**
   * Once, after the first chunk: room for as many rows as the file holds at the rate seen so far
   * (plus 5%), so that a column is allocated once rather than copied at every doubling. Short
   * first rows before long ones cannot make this ask for more than an honest file of the same
   * size made of such short rows would need (a cell takes at least two bytes of the file and
   * eight of memory).
   */
  private reserve(parsedBytes: number): void {
    this.reserved = true
    const total = this.options.totalBytes
    if (total === undefined || parsedBytes <= 0 || total <= parsedBytes) return
    const rows = Math.ceil((this.rows / parsedBytes) * total * 1.05) + 1024
    for (const state of this.states) {
      if (state.kind === 'numeric') state.numbers = resize(state.numbers, rows)
      else state.codes = resize(state.codes, rows)
    }
  }

  /** The last record(s): what `push` kept, or the unconsumed `rest` of the last window. */
  end(rest?: Buffer): CsvTable {
    const last = rest ?? this.carry
    this.carry = null
    if (last?.length) this.parse(last, true)
    if (!this.header) throw this.error('the file is empty: expected a header row', 1)
    if (this.rows === 0) throw this.error('no data rows after the header', this.line)
    const columns = new Map<string, CsvColumn>()
    for (const s of this.states) {
      columns.set(
        s.name,
        s.kind === 'numeric'
          ? { kind: 'numeric', name: s.name, values: s.numbers.subarray(0, this.rows) }
          : {
              kind: 'categorical',
              name: s.name,
              categories: s.categories,
              codes: s.codes.subarray(0, this.rows)
            }
      )
    }
    return { file: this.options.file, header: this.header, rows: this.rows, columns }
  }

  private error(message: string, line: number, column?: string): EvidenceError {
    return new EvidenceError(
      column === undefined ? message : `column ${JSON.stringify(column)}: ${message}`,
      { file: this.options.file, line }
    )
  }

  /**
   * Parses whole records from `buf`; returns how many bytes were consumed. An incomplete last
   * record is left for the next chunk unless `final`.
   */
  private parse(buf: Buffer, final: boolean): number {
    const length = buf.length
    let pos = 0
    if (!this.started) {
      if (length < 3 && !final) return 0
      this.started = true
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3
    }
    while (pos < length) {
      const recordStart = pos
      const recordLine = this.line
      let newlines = 0
      this.fields = 0
      // Blank line: skipped, as csv-parse's skip_empty_lines does.
      if (buf[pos] === LF || (buf[pos] === CR && buf[pos + 1] === LF)) {
        pos += buf[pos] === CR ? 2 : 1
        this.line++
        continue
      }
      if (this.header) {
        const next = this.plainRecord(buf, pos, length)
        if (next > 0) {
          pos = next
          this.line++
          continue
        }
      }
      if (buf[pos] === CR && pos + 1 >= length && !final) return recordStart
      for (;;) {
        if (buf[pos] === QUOTE) {
          // Quoted field.
          let p = pos + 1
          let hasEscape = false
          let closed = false
          while (p < length) {
            const b = buf[p]
            if (b === QUOTE) {
              if (buf[p + 1] === QUOTE) {
                hasEscape = true
                p += 2
                continue
              }
              if (p + 1 >= length && !final) break
              closed = true
              break
            }
            if (b === LF) newlines++
            p++
          }
          if (!closed) {
            if (!final) return recordStart
            throw this.error('a quoted field is not closed before the end of the file', recordLine)
          }
          this.addField(pos + 1, p, hasEscape)
          pos = p + 1
          const next = buf[pos]
          if (pos >= length) {
            break
          }
          if (next === COMMA) {
            pos++
            if (pos >= length && !final) return recordStart
            if (pos >= length) {
              this.addField(pos, pos, false)
              break
            }
            continue
          }
          if (next === LF || next === CR) {
            if (next === CR && pos + 1 >= length && !final) return recordStart
            pos += next === CR && buf[pos + 1] === LF ? 2 : 1
            newlines++
            break
          }
          throw this.error(
            `unexpected character ${JSON.stringify(String.fromCharCode(next!))} after a closing quote`,
            recordLine + newlines
          )
        }
        // Unquoted field.
        let p = pos
        while (p < length) {
          const b = buf[p]
          if (b === COMMA || b === LF || b === CR) break
          if (b === QUOTE) {
            throw this.error(
              'a quote inside an unquoted field (quote the whole field and double the quote)',
              recordLine
            )
          }
          p++
        }
        if (p >= length) {
          if (!final) return recordStart
          this.addField(pos, p, false)
          pos = p
          break
        }
        this.addField(pos, p, false)
        const b = buf[p]
        if (b === COMMA) {
          pos = p + 1
          if (pos >= length) {
            if (!final) return recordStart
            this.addField(pos, pos, false)
            break
          }
          continue
        }
        if (b === CR && p + 1 >= length && !final) return recordStart
        pos = p + (b === CR && buf[p + 1] === LF ? 2 : 1)
        newlines++
        break
      }
      this.record(buf, recordLine)
      this.line += newlines
    }
    return pos
  }

  private text(buf: Buffer, start: number, end: number, hasEscape: boolean): string {
    const s = buf.toString('utf8', start, end)
    return hasEscape ? s.replaceAll('""', '"') : s
  }

  /**
   * The common case, fused: a record of plain unquoted fields (numbers as plain decimals),
   * parsed straight into the columns in one pass. Returns the position after the
   * record's line end, or -1 to let the general path parse (or reject) the record instead.
   */
  private plainRecord(buf: Buffer, pos: number, length: number): number {
    const nFields = this.header!.length
    const row = this.rows
    let p = pos
    for (let f = 0; f < nFields; f++) {
      const slot = this.slotOf[f]!
      if (slot < 0) {
        while (p < length) {
          const b = buf[p]
          if (b === COMMA || b === LF || b === CR || b === QUOTE) break
          p++
        }
      } else if (this.states[slot]!.kind === 'categorical') {
        const state = this.states[slot]!
        const start = p
        while (p < length) {
          const b = buf[p]
          if (b === COMMA || b === LF || b === CR) break
          if (b === QUOTE) return -1
          p++
        }
        if (p === start || p >= length) return -1
        const text = buf.toString('utf8', start, p)
        if (state.requested !== 'categorical' || this.normalize) {
          const trimmed = text.trim()
          if (MISSING.has(trimmed) || INFINITE.has(trimmed)) return -1
        }
        this.addCategory(state, row, text)
      } else {
        let negative = false
        const sign = buf[p]
        if (sign === 0x2d) {
          negative = true
          p++
        } else if (sign === 0x2b) p++
        // Leading zeros are not significant; the first 15 significant digits go to `high`, the
        // next 4 to `low`; the integer part, then the fraction, each in a loop of its own.
        let high = 0
        let low = 0
        let lowDigits = 0
        let significant = 0
        const integerStart = p
        while (p < length && buf[p] === 0x30) p++
        while (p < length) {
          const d = buf[p]! - 0x30
          if (d < 0 || d > 9) break
          if (significant < 15) high = high * 10 + d
          else if (significant < 19) {
            low = low * 10 + d
            lowDigits++
          } else return -1
          significant++
          p++
        }
        let digits = p - integerStart
        let exponent = 0
        if (p < length && buf[p] === 0x2e) {
          p++
          const fractionStart = p
          if (significant === 0) while (p < length && buf[p] === 0x30) p++
          while (p < length) {
            const d = buf[p]! - 0x30
            if (d < 0 || d > 9) break
            if (significant < 15) high = high * 10 + d
            else if (significant < 19) {
              low = low * 10 + d
              lowDigits++
            } else return -1
            significant++
            p++
          }
          exponent = fractionStart - p
          digits -= exponent
        }
        if (digits === 0 || exponent < -22) return -1
        let value: number
        if (significant === 0) value = 0
        else if (lowDigits === 0) value = exponent < 0 ? high / POW10[-exponent]! : high
        else if (scaleDecimal(high, low, lowDigits, exponent)) value = scaled[0]!
        else return -1
        if (negative) value = -value
        const state = this.states[slot]!
        if (row >= state.numbers.length) state.numbers = grow(state.numbers, row + 1)
        state.numbers[row] = value
      }
      if (p >= length) return -1
      const b = buf[p]
      if (f < nFields - 1) {
        if (b !== COMMA) return -1
        p++
      } else {
        if (b === LF) {
          this.rows = row + 1
          return p + 1
        }
        if (b === CR && p + 1 < length && buf[p + 1] === LF) {
          this.rows = row + 1
          return p + 2
        }
        return -1
      }
    }
    return -1
  }

  private addField(start: number, end: number, hasEscape: boolean): void {
    const f = this.fields++
    if (f >= this.starts.length) {
      this.starts = grow(this.starts, f + 1)
      this.ends = grow(this.ends, f + 1)
      const flags = new Uint8Array(this.starts.length)
      flags.set(this.escaped)
      this.escaped = flags
    }
    this.starts[f] = start
    this.ends[f] = end
    this.escaped[f] = hasEscape ? 1 : 0
  }

  private record(buf: Buffer, line: number): void {
    const fields = this.fields
    const starts = this.starts
    const ends = this.ends
    const escaped = this.escaped
    if (!this.header) {
      const names: string[] = []
      for (let i = 0; i < fields; i++) names.push(this.text(buf, starts[i]!, ends[i]!, escaped[i] === 1))
      this.setHeader(names, line)
      return
    }
    if (fields !== this.header.length) {
      throw this.error(
        `${fields} field${fields === 1 ? '' : 's'}, but the header has ${this.header.length}`,
        line
      )
    }
    const row = this.rows
    for (let f = 0; f < fields; f++) {
      const slot = this.slotOf[f]!
      if (slot < 0) continue
      const state = this.states[slot]!
      const start = starts[f]!
      const end = ends[f]!
      if (start === end) {
        throw this.error(
          'empty value; drop or impute missing values before computing drift or fairness',
          line,
          state.name
        )
      }
      if (state.kind === 'numeric') {
        const value = escaped[f] === 1 ? NaN : parseDecimal(buf, start, end)
        if (Number.isFinite(value)) {
          if (row >= state.numbers.length) state.numbers = grow(state.numbers, row + 1)
          state.numbers[row] = value
          continue
        }
        const text = this.text(buf, start, end, escaped[f] === 1)
        this.rejectMissing(text, value, line, state)
        if (state.requested === 'numeric') {
          throw this.error(
            `${JSON.stringify(text)} is not a number, but the column is numeric`,
            line,
            state.name
          )
        }
        this.becomeCategorical(state, row)
        this.addCategory(state, row, text)
        continue
      }
      const text = this.text(buf, start, end, escaped[f] === 1)
      if (state.requested !== 'categorical' || this.normalize) this.rejectMissing(text, NaN, line, state)
      this.addCategory(state, row, text)
    }
    this.rows = row + 1
  }

  private rejectMissing(text: string, value: number, line: number, state: ColumnState): void {
    if (MISSING.has(text.trim())) {
      throw this.error(
        `missing value ${JSON.stringify(text)}; drop or impute missing values before computing drift`,
        line,
        state.name
      )
    }
    if (INFINITE.has(text.trim()) || value === Infinity || value === -Infinity) {
      throw this.error(`${JSON.stringify(text)} is not a finite number`, line, state.name)
    }
  }

  private addCategory(state: ColumnState, row: number, raw: string): void {
    const key = categoryKey(raw, this.normalize)
    let code = state.dictionary.get(key)
    if (code === undefined) {
      code = state.categories.length
      state.categories.push(key)
      state.dictionary.set(key, code)
    }
    if (row >= state.codes.length) state.codes = grow(state.codes, row + 1)
    state.codes[row] = code
  }

  /** A column read as numbers turns out to hold text: its earlier numbers become categories. */
  private becomeCategorical(state: ColumnState, rows: number): void {
    state.kind = 'categorical'
    state.codes = new Int32Array(Math.max(INITIAL_CAPACITY, state.numbers.length))
    for (let r = 0; r < rows; r++) this.addCategory(state, r, String(state.numbers[r]))
    state.numbers = new Float64Array(0)
  }

  private setHeader(names: string[], line: number): void {
    const seen = new Set<string>()
    for (const name of names) {
      if (seen.has(name)) throw this.error(`the header names column ${JSON.stringify(name)} twice`, line)
      seen.add(name)
    }
    const wanted = this.options.columns ?? names
    for (const name of wanted) {
      if (!seen.has(name)) {
        throw this.error(
          `no column ${JSON.stringify(name)} in the header (columns: ${names.map((n) => JSON.stringify(n)).join(', ')})`,
          line
        )
      }
    }
    this.header = names
    this.slotOf = new Int32Array(names.length).fill(-1)
    this.states = wanted.map((name, slot) => {
      const fieldIndex = names.indexOf(name)
      this.slotOf[fieldIndex] = slot
      const requested = this.options.kinds?.[name] ?? 'auto'
      const kind: ColumnKind = requested === 'categorical' ? 'categorical' : 'numeric'
      return {
        name,
        fieldIndex,
        requested,
        kind,
        numbers: new Float64Array(kind === 'numeric' ? INITIAL_CAPACITY : 0),
        codes: new Int32Array(kind === 'categorical' ? INITIAL_CAPACITY : 0),
        categories: [],
        dictionary: new Map()
      }
    })
  }
}

/** Reads columns from chunks (a file stream) or one buffer. */
export async function readCsvColumns(
  source: Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: CsvReadOptions
): Promise<CsvTable> {
  const reader = new CsvColumnReader(options)
  if (source instanceof Uint8Array) {
    // One buffer: fed in slices so progress can be reported on big inputs.
    const slice = 4 << 20
    for (let offset = 0; offset < source.length; offset += slice) {
      reader.push(source.subarray(offset, Math.min(source.length, offset + slice)))
    }
  } else {
    for await (const chunk of source as AsyncIterable<Uint8Array>) reader.push(chunk)
  }
  return reader.end()
}

/** Streams a CSV file from disk into columns. */
export async function readCsvFile(
  path: string,
  options: Omit<CsvReadOptions, 'totalBytes'> & { display?: string }
): Promise<CsvTable> {
  let totalBytes: number
  try {
    totalBytes = (await stat(path)).size
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new EvidenceError(code === 'ENOENT' ? 'no such file' : `cannot read: ${String(code)}`, {
      file: options.file
    })
  }
  let handle: FileHandle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new EvidenceError(`cannot read: ${String(code)}`, { file: options.file })
  }
  try {
    return await readIntoWindow(handle, new CsvColumnReader({ ...options, totalBytes }))
  } finally {
    await handle.close()
  }
}

/**
 * Reads a file through one reused buffer (1 MiB, doubled only while one record fills it): each
 * read lands after the unfinished record the previous parse left at the front, so reading
 * copies nothing but that record and makes no garbage; the peak memory of a run is its columns.
 */
async function readIntoWindow(handle: FileHandle, reader: CsvColumnReader): Promise<CsvTable> {
  let window = Buffer.allocUnsafe(1 << 20)
  let kept = 0
  for (;;) {
    if (kept === window.length) {
      const wider = Buffer.allocUnsafe(window.length * 2)
      window.copy(wider, 0, 0, kept)
      window = wider
    }
    const { bytesRead } = await handle.read(window, kept, window.length - kept, null)
    if (bytesRead === 0) return reader.end(window.subarray(0, kept))
    const filled = kept + bytesRead
    const consumed = reader.pushWindow(window.subarray(0, filled), bytesRead)
    kept = filled - consumed
    if (kept > 0 && consumed > 0) window.copy(window, 0, consumed, filled)
  }
}
