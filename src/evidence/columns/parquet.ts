import { open, stat } from 'node:fs/promises'
import type { AsyncBuffer, Compressors, FileMetaData, SchemaTree } from 'hyparquet'
// hyparquet's modules one by one: what the common case needs, not its general reader (loaded
// below only when a file needs it), query planner, filters and bloom filters.
import { parquetHeader } from 'hyparquet/src/column.js'
import { DEFAULT_PARSERS, convert, convertWithDictionary } from 'hyparquet/src/convert.js'
import { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js'
import { parquetMetadataAsync, parquetSchema } from 'hyparquet/src/metadata.js'
import { readPlain } from 'hyparquet/src/plain.js'
import { getMaxDefinitionLevel, getMaxRepetitionLevel, getSchemaPath } from 'hyparquet/src/schema.js'
import { EvidenceError } from '../../errors.js'
import { checkedPageSize, codecsOf, compressorsFor } from './parquet-codecs.js'
import { snappyDecompress } from './snappy.js'
import {
  categoryKey,
  isParquet,
  PARQUET_MAGIC,
  type Column,
  type ColumnKind,
  type ColumnTable,
  type TableReadOptions
} from './table.js'

/*
 * Parquet samples into the same columns as CSV (hyparquet: pure JavaScript, so the bundle runs on
 * any runner). Flat columns only; the Parquet type decides the kind: integers, floats and
 * decimals are numeric, strings are categories, booleans are the categories `True` and `False`
 * (as pandas writes them to CSV), so a Parquet file and the CSV written from the same frame give
 * the same figures. A null is refused as an empty CSV cell is, NaN as the CSV text `NaN` is.
 *
 * The file is data someone else wrote: every size the footer or a page header claims is checked
 * before it is allocated.
 */

export { isParquet, PARQUET_MAGIC }

/** Largest sum of the chunks read. */
const MAX_UNCOMPRESSED_BYTES = 4 * 1024 ** 3
/** Rows index Int32Array codes and typed arrays. */
const MAX_ROWS = 2 ** 31 - 1

/** A message from the Parquet library, bounded: it may quote bytes of the file. */
function shortMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean
}

type ValueType = 'number' | 'text' | 'boolean'

/** What a flat column holds, from its Parquet types; null when modelgate cannot compare it. */
function valueType(node: SchemaTree): ValueType | string {
  const { type, converted_type: converted, logical_type: logical } = node.element
  const logicalType = logical?.type
  if (
    logicalType === 'DATE' ||
    logicalType === 'TIME' ||
    logicalType === 'TIMESTAMP' ||
    logicalType === 'INTERVAL' ||
    logicalType === 'UUID' ||
    logicalType === 'FLOAT16' ||
    converted === 'DATE' ||
    converted === 'TIME_MILLIS' ||
    converted === 'TIME_MICROS' ||
    converted === 'TIMESTAMP_MILLIS' ||
    converted === 'TIMESTAMP_MICROS' ||
    converted === 'INTERVAL' ||
    type === 'INT96'
  ) {
    return `${logicalType ?? converted ?? type} values`
  }
  if (type === 'BOOLEAN') return 'boolean'
  if (type === 'INT32' || type === 'INT64' || type === 'FLOAT' || type === 'DOUBLE') return 'number'
  if (converted === 'DECIMAL' || logicalType === 'DECIMAL') return 'number'
  if (
    type === 'BYTE_ARRAY' &&
    (converted === 'UTF8' || converted === 'ENUM' || logicalType === 'STRING' || logicalType === 'ENUM')
  ) {
    return 'text'
  }
  return `${logicalType ?? converted ?? type ?? 'untyped'} values`
}

interface Chunk {
  rowStart: number
  values: ArrayLike<unknown>
}

/** Reads the requested flat columns of a Parquet file into typed columns. */
export async function readParquetColumns(
  file: ParquetSource,
  options: TableReadOptions & { totalBytes?: number }
): Promise<ColumnTable> {
  const where = { file: options.file }
  const fail = (message: string): EvidenceError => new EvidenceError(message, where)
  if (file.byteLength < 12) throw fail('not a Parquet file: shorter than its header and footer')
  const head = new Uint8Array(await file.slice(0, 4))
  const tail = new Uint8Array(await file.slice(file.byteLength - 4))
  if (!isParquet(head) || !isParquet(tail)) {
    throw fail('not a Parquet file: it must start and end with "PAR1"')
  }
  let metadata: FileMetaData
  let schema: SchemaTree
  try {
    metadata = await parquetMetadataAsync(file)
    schema = parquetSchema(metadata)
  } catch (error) {
    throw fail(`cannot read the Parquet footer: ${shortMessage(error)}`)
  }
  const header = schema.children.map((child) => child.element.name)
  const seen = new Set<string>()
  for (const name of header) {
    if (seen.has(name)) throw fail(`the schema names column ${JSON.stringify(name)} twice`)
    seen.add(name)
  }
  const wanted = options.columns ?? header
  const types = new Map<string, ValueType>()
  for (const name of wanted) {
    const node = schema.children.find((child) => child.element.name === name)
    if (!node) {
      throw fail(
        `no column ${JSON.stringify(name)} in the file (columns: ${header.map((n) => JSON.stringify(n)).join(', ')})`
      )
    }
    if (node.children.length > 0 || node.element.repetition_type === 'REPEATED') {
      throw fail(
        `column ${JSON.stringify(name)} is nested (a list or struct); only flat columns can be compared`
      )
    }
    const type = valueType(node)
    if (type !== 'number' && type !== 'text' && type !== 'boolean') {
      throw fail(`column ${JSON.stringify(name)} holds ${type}; convert it to numbers or text first`)
    }
    types.set(name, type)
  }
  let rows = 0
  let uncompressed = 0
  for (const group of metadata.row_groups) {
    rows += Number(group.num_rows)
    for (const chunk of group.columns) {
      const path = chunk.meta_data?.path_in_schema
      if (path && path.length === 1 && types.has(path[0]!)) {
        uncompressed += Number(chunk.meta_data!.total_uncompressed_size)
      }
    }
  }
  if (!Number.isSafeInteger(rows) || rows > MAX_ROWS || rows !== Number(metadata.num_rows)) {
    throw fail(`the footer's row counts do not add up (${String(metadata.num_rows)} rows)`)
  }
  if (!(uncompressed <= MAX_UNCOMPRESSED_BYTES)) {
    throw fail(
      `the columns read would take ${uncompressed} bytes uncompressed (at most ${MAX_UNCOMPRESSED_BYTES})`
    )
  }
  if (rows === 0) throw fail('no data rows')

  // Numeric columns get their final arrays now: the fast path decodes plain pages straight into them.
  const targets = new Map<string, Float64Array>()
  for (const name of wanted) {
    if (types.get(name) === 'number' && options.kinds?.[name] !== 'categorical') {
      targets.set(name, new Float64Array(rows))
    }
  }
  const compressors = await compressorsFor(codecsOf(metadata, wanted))
  const flat = await readFlatColumns(file, metadata, wanted, options, targets, compressors).catch(() => null)
  const chunks = flat ?? new Map<string, Chunk[]>(wanted.map((name) => [name, []]))
  let rowsRead = 0
  if (!flat)
    try {
      // hyparquet's general reader (nested-data assembly, filters, planning): only for files the
      // flat-column path leaves to it, so most runs never load it.
      const { parquetRead } = await import('hyparquet/src/read.js')
      await parquetRead({
        file,
        metadata,
        columns: [...wanted],
        compressors,
        utf8: true,
        onChunk: ({ columnName, columnData, rowStart }) => {
          chunks.get(columnName)?.push({ rowStart, values: columnData })
          if (columnName === wanted[0]) {
            rowsRead += columnData.length
            options.onProgress?.({
              file: options.file,
              bytes: 0,
              totalBytes: undefined,
              rows: rowsRead
            })
          }
        }
      })
    } catch (error) {
      throw fail(`cannot read the Parquet data: ${shortMessage(error)}`)
    }

  const columns = new Map<string, Column>()
  for (const name of wanted) {
    const parts = chunks.get(name)!.sort((a, b) => a.rowStart - b.rowStart)
    let expected = 0
    for (const part of parts) {
      if (part.rowStart !== expected) break
      expected += part.values.length
    }
    if (expected !== rows) throw fail(`column ${JSON.stringify(name)}: ${expected} values for ${rows} rows`)
    const requested = options.kinds?.[name] ?? 'auto'
    columns.set(name, toColumn(name, types.get(name)!, requested, parts, rows, options, targets.get(name)))
  }
  return { file: options.file, header, rows, columns }
}

function toColumn(
  name: string,
  type: ValueType,
  requested: ColumnKind | 'auto',
  parts: Chunk[],
  rows: number,
  options: TableReadOptions,
  target?: Float64Array
): Column {
  const fail = (message: string, row?: number): EvidenceError =>
    new EvidenceError(
      `column ${JSON.stringify(name)}${row === undefined ? '' : `, row ${row + 1}`}: ${message}`,
      { file: options.file }
    )
  const missing = (value: unknown, row: number): EvidenceError =>
    value === null || value === undefined
      ? fail('null; drop or impute missing values before computing drift or fairness', row)
      : Number.isNaN(value)
        ? fail('missing value NaN; drop or impute missing values before computing drift', row)
        : fail(`${String(value)} is not a finite number`, row)

  if (type === 'number' && requested !== 'categorical') {
    const values = target?.length === rows ? target : new Float64Array(rows)
    for (const { rowStart, values: part } of parts) {
      if (part instanceof Float64Array) {
        // Decoded doubles (often already in place, a view of `values`): only checked.
        for (let i = 0; i < part.length; i++) {
          if (!Number.isFinite(part[i])) throw missing(part[i], rowStart + i)
        }
        if (part.buffer !== values.buffer) values.set(part, rowStart)
        continue
      }
      for (let i = 0; i < part.length; i++) {
        const raw = part[i]
        const value = typeof raw === 'number' ? raw : typeof raw === 'bigint' ? Number(raw) : NaN
        if (!Number.isFinite(value)) throw missing(raw, rowStart + i)
        values[rowStart + i] = value
      }
    }
    return { kind: 'numeric', name, values }
  }
  if (requested === 'numeric') {
    throw fail(`the Parquet column holds ${type === 'text' ? 'text' : 'booleans'}, but the column is numeric`)
  }
  const normalize = options.normalizeNumbers ?? false
  const categories: string[] = []
  const dictionary = new Map<string, number>()
  const codes = new Int32Array(rows)
  for (const { rowStart, values: part } of parts) {
    for (let i = 0; i < part.length; i++) {
      const raw = part[i]
      let text: string
      if (typeof raw === 'string') text = categoryKey(raw, normalize)
      else if (typeof raw === 'boolean') text = raw ? 'True' : 'False'
      else if (typeof raw === 'number' && Number.isFinite(raw)) text = String(raw)
      else if (typeof raw === 'bigint') text = String(Number(raw))
      else throw missing(raw, rowStart + i)
      let code = dictionary.get(text)
      if (code === undefined) {
        code = categories.length
        categories.push(text)
        dictionary.set(text, code)
      }
      codes[rowStart + i] = code
    }
  }
  return { kind: 'categorical', name, categories, codes }
}

/**
 * The common case, fast: flat columns without nulls, decoded page by page with hyparquet's own
 * page decoders into the arrays they produce (typed arrays for PLAIN numbers), skipping its
 * general nested-data assembly, which takes values one at a time. Null when a page has a null
 * (the general path then names its row) or anything is unusual; errors fall back the same way.
 */
export async function readFlatColumns(
  file: ParquetSource,
  metadata: FileMetaData,
  wanted: readonly string[],
  options: TableReadOptions,
  targets?: ReadonlyMap<string, Float64Array>,
  compressors?: Compressors
): Promise<Map<string, Chunk[]> | null> {
  const codecs = compressors ?? (await compressorsFor(codecsOf(metadata, wanted)))
  const chunks = new Map<string, Chunk[]>(wanted.map((name) => [name, []]))
  const scratch = new PageScratch(codecs)
  // Each column chunk's bytes, in reading order; the next is read while one is decoded. From a
  // file on disk, into two buffers used in turn: fresh memory for every chunk costs a page fault
  // per 4 KiB, which took longer than reading the bytes. A buffer is used again only once every
  // page of its chunk has been copied out (other decoders may return views of the page bytes).
  const ranges = metadata.row_groups.flatMap((group) => wanted.map((name) => chunkRange(group, name)))
  const spare: Uint8Array[] = []
  const fetch = (k: number): Promise<Uint8Array | null> => {
    const range = ranges[k]
    if (!range || !(range.start >= 4 && range.end <= file.byteLength - 8)) return Promise.resolve(null)
    if (!file.readInto) {
      return Promise.resolve(file.slice(range.start, range.end)).then((buffer) => new Uint8Array(buffer))
    }
    const length = range.end - range.start
    const reused = spare.pop()
    const buffer = reused && reused.length >= length ? reused : new Uint8Array(length)
    return file.readInto(range.start, buffer.subarray(0, length))
  }
  let next: Promise<Uint8Array | null> | null = ranges.length ? fetch(0) : null
  next?.catch(() => undefined)
  let fetched = 0
  let groupStart = 0
  for (const group of metadata.row_groups) {
    const groupRows = Number(group.num_rows)
    for (const name of wanted) {
      const column = group.columns.find(
        (c) => c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === name
      )
      const meta = column?.meta_data
      if (!meta || column.file_path) return null
      const schemaPath = getSchemaPath(metadata.schema, [name])
      const element = schemaPath[schemaPath.length - 1]!.element
      const decoder = {
        pathInSchema: [name],
        type: meta.type,
        element,
        schemaPath,
        codec: meta.codec,
        parsers: DEFAULT_PARSERS,
        compressors: codecs,
        utf8: true
      }
      const current = next!
      next = ++fetched < ranges.length ? fetch(fetched) : null
      // Not awaited when this chunk fails: its error must not go unhandled.
      next?.catch(() => undefined)
      const bytes = await current
      if (!bytes) return null
      const reader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 }
      let dictionary: ReturnType<typeof convert> | undefined
      let copiedOut = true
      let rows = 0
      while (rows < groupRows) {
        if (reader.offset >= bytes.length) return null
        const header = parquetHeader(reader)
        const size = header.compressed_page_size
        if (!(size >= 0 && reader.offset + size <= bytes.length)) return null
        const compressed = bytes.subarray(reader.offset, reader.offset + size)
        reader.offset += size
        let values: ArrayLike<unknown>
        if (header.type === 'DICTIONARY_PAGE' && header.dictionary_page_header) {
          copiedOut = false
          const page = decompressPage(
            compressed,
            checkedPageSize(header.uncompressed_page_size),
            meta.codec,
            codecs
          )
          const view = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 }
          dictionary = convert(
            readPlain(view, meta.type, header.dictionary_page_header.num_values, element.type_length),
            decoder
          )
          continue
        } else if (header.type === 'DATA_PAGE' && header.data_page_header) {
          const target = targets?.get(name)
          const plain =
            target && plainNumbers(meta.type, element, schemaPath, header.data_page_header.encoding)
          if (plain) {
            // Plain numbers without nulls: decompressed into reused memory, copied into place.
            const count = header.data_page_header.num_values
            const rowStart = groupStart + rows
            if (!(count >= 0 && rows + count <= groupRows && rowStart + count <= target.length)) return null
            const page = scratch.decompress(compressed, header.uncompressed_page_size, meta.codec)
            const valuesAt =
              schemaPath[1]!.element.repetition_type === 'REQUIRED'
                ? 0
                : header.data_page_header.definition_level_encoding === 'RLE'
                  ? allDefined(page, count)
                  : -1
            if (valuesAt < 0 || !plain(page, valuesAt, count, target, rowStart)) return null
            chunks.get(name)!.push({ rowStart, values: target.subarray(rowStart, rowStart + count) })
            rows += count
            continue
          }
          copiedOut = false
          const page = decompressPage(
            compressed,
            checkedPageSize(header.uncompressed_page_size),
            meta.codec,
            codecs
          )
          const { definitionLevels, dataPage } = readDataPage(page, header.data_page_header, decoder)
          if (definitionLevels && definitionLevels.length > 0) return null
          values = convertWithDictionary(dataPage, dictionary, header.data_page_header.encoding, decoder)
          if (values.length !== header.data_page_header.num_values) return null
        } else if (header.type === 'DATA_PAGE_V2' && header.data_page_header_v2) {
          if (header.data_page_header_v2.num_nulls !== 0) return null
          copiedOut = false
          checkedPageSize(header.uncompressed_page_size)
          const { dataPage } = readDataPageV2(compressed, header, decoder)
          values = convertWithDictionary(dataPage, dictionary, header.data_page_header_v2.encoding, decoder)
          if (values.length !== header.data_page_header_v2.num_rows) return null
        } else continue
        if (rows + values.length > groupRows) return null
        chunks.get(name)!.push({ rowStart: groupStart + rows, values })
        rows += values.length
      }
      if (copiedOut && file.readInto) spare.push(new Uint8Array(bytes.buffer))
    }
    groupStart += groupRows
    options.onProgress?.({ file: options.file, bytes: 0, totalBytes: undefined, rows: groupStart })
  }
  return chunks
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

/** The bytes of one column's chunk in a row group (null when the footer gives no usable range). */
function chunkRange(
  group: FileMetaData['row_groups'][number],
  name: string
): { start: number; end: number } | null {
  const meta = group.columns.find(
    (c) => c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === name
  )?.meta_data
  if (!meta) return null
  const start = Number(meta.dictionary_page_offset || meta.data_page_offset)
  const length = Number(meta.total_compressed_size)
  return Number.isSafeInteger(start) && Number.isSafeInteger(length) && length > 0
    ? { start, end: start + length }
    : null
}

/** Decompressed pages, in one buffer reused from page to page. */
class PageScratch {
  private buffer = new Uint8Array(0)

  constructor(private readonly codecs: Compressors) {}

  decompress(compressed: Uint8Array, size: number, codec: string): Uint8Array {
    checkedPageSize(size)
    if (codec === 'UNCOMPRESSED') {
      if (compressed.length !== size) throw new Error('an uncompressed page of the wrong size')
      return compressed
    }
    if (codec !== 'SNAPPY') return decompressPage(compressed, size, codec as never, this.codecs)
    if (this.buffer.length < size) this.buffer = new Uint8Array(size)
    const page = this.buffer.subarray(0, size)
    snappyDecompress(compressed, page)
    return page
  }
}

type PlainCopy = (page: Uint8Array, at: number, count: number, target: Float64Array, row: number) => boolean

/**
 * How to copy the values of a PLAIN page of a flat column into a Float64Array, or null for pages
 * left to hyparquet: only physical types without a logical or converted type (a DECIMAL or an
 * unsigned integer needs hyparquet's conversion), at most one definition level, no repetition.
 */
function plainNumbers(
  type: string,
  element: { converted_type?: unknown; logical_type?: unknown },
  schemaPath: Parameters<typeof getMaxDefinitionLevel>[0],
  encoding: string
): PlainCopy | null {
  if (encoding !== 'PLAIN' || element.converted_type !== undefined || element.logical_type !== undefined)
    return null
  if (
    schemaPath.length !== 2 ||
    getMaxRepetitionLevel(schemaPath) !== 0 ||
    getMaxDefinitionLevel(schemaPath) > 1
  )
    return null
  if (type === 'DOUBLE' && LITTLE_ENDIAN) return copyDoubles
  if (type === 'FLOAT') return copyFloats
  if (type === 'INT32') return copyInt32
  return null
}

/** Little-endian doubles, byte for byte (the page need not be aligned). */
const copyDoubles: PlainCopy = (page, at, count, target, row) => {
  if (at + count * 8 > page.length) return false
  new Uint8Array(target.buffer, target.byteOffset + row * 8, count * 8).set(page.subarray(at, at + count * 8))
  return true
}

const copyFloats: PlainCopy = (page, at, count, target, row) => {
  if (at + count * 4 > page.length) return false
  const view = new DataView(page.buffer, page.byteOffset + at, count * 4)
  for (let i = 0; i < count; i++) target[row + i] = view.getFloat32(i * 4, true)
  return true
}

const copyInt32: PlainCopy = (page, at, count, target, row) => {
  if (at + count * 4 > page.length) return false
  const view = new DataView(page.buffer, page.byteOffset + at, count * 4)
  for (let i = 0; i < count; i++) target[row + i] = view.getInt32(i * 4, true)
  return true
}

/**
 * Where the values of a v1 data page start when all its `count` definition levels (bit width 1:
 * a 4-byte length, then RLE and bit-packed runs) say "defined"; -1 when one is a null, or
 * anything is malformed (the general path then reads the page and names the row).
 */
export function allDefined(page: Uint8Array, count: number): number {
  if (page.length < 4) return -1
  const length = (page[0]! | (page[1]! << 8) | (page[2]! << 16)) + page[3]! * 2 ** 24
  const end = 4 + length
  if (end > page.length) return -1
  let pos = 4
  let seen = 0
  while (seen < count) {
    let header = 0
    for (let shift = 0; ; shift += 7) {
      if (pos >= end || shift > 28) return -1
      const byte = page[pos++]!
      header += (byte & 0x7f) * 2 ** shift
      if (byte < 0x80) break
    }
    const runs = Math.floor(header / 2)
    if (header % 2 === 0) {
      // An RLE run: `runs` repetitions of one value, in one byte.
      if (runs === 0 || pos >= end || page[pos++] !== 1) return -1
      seen += runs
    } else {
      // Bit-packed: `runs` groups of 8 levels, one byte each; levels past `count` are padding.
      if (runs === 0 || pos + runs > end) return -1
      for (let g = 0; g < runs && seen < count; g++) {
        const left = count - seen
        const mask = left >= 8 ? 0xff : (1 << left) - 1
        if ((page[pos + g]! & mask) !== mask) return -1
        seen += 8
      }
      pos += runs
    }
  }
  return end
}

/** A Parquet file; from disk, it can also read a range into memory the reader reuses. */
export interface ParquetSource extends AsyncBuffer {
  /** Reads the bytes from `start` on into `target`; resolves to the part filled (less at the end of the file). */
  readInto?(start: number, target: Uint8Array): Promise<Uint8Array>
}

/** Bytes already in memory as an AsyncBuffer. */
export function bufferSource(bytes: Uint8Array): AsyncBuffer {
  return {
    byteLength: bytes.length,
    slice: (start, end) => {
      const view = bytes.subarray(start, end)
      return view.buffer.slice(view.byteOffset, view.byteOffset + view.length) as ArrayBuffer
    }
  }
}

/** Reads a Parquet file from disk: the footer first, then only the column chunks asked for. */
export async function readParquetFile(path: string, options: TableReadOptions): Promise<ColumnTable> {
  let size: number
  try {
    size = (await stat(path)).size
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new EvidenceError(code === 'ENOENT' ? 'no such file' : `cannot read: ${String(code)}`, {
      file: options.file
    })
  }
  const handle = await open(path, 'r')
  try {
    const readInto = async (start: number, target: Uint8Array): Promise<Uint8Array> => {
      let read = 0
      while (read < target.length) {
        const { bytesRead } = await handle.read(target, read, target.length - read, start + read)
        if (bytesRead === 0) break
        read += bytesRead
      }
      return target.subarray(0, read)
    }
    const source: ParquetSource = {
      byteLength: size,
      slice: async (start, end = size) => {
        const buffer = new Uint8Array(Math.max(0, Math.min(end, size) - start))
        await readInto(start, buffer)
        return buffer.buffer
      },
      readInto
    }
    return await readParquetColumns(source, { ...options, totalBytes: size })
  } finally {
    await handle.close()
  }
}
