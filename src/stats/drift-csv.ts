import { EvidenceError } from '../errors.js'
import {
  readCsvColumns,
  readCsvFile,
  type ColumnKind,
  type CsvProgress,
  type CsvTable
} from '../evidence/csv.js'
import { driftOfTables, type DriftReport } from './drift.js'

/** One CSV: a path to stream from disk, or bytes already in memory (evidence sources). */
export type CsvInput = { file: string; path: string } | { file: string; bytes: Uint8Array }

export interface DriftCsvOptions {
  /** Columns to compare (default: all; then both files must have the same columns). */
  columns?: readonly string[]
  onProgress?: (progress: CsvProgress) => void
}

async function read(
  input: CsvInput,
  options: {
    columns?: readonly string[]
    kinds?: Record<string, ColumnKind | 'auto'>
    onProgress?: (progress: CsvProgress) => void
  }
): Promise<CsvTable> {
  const common = { file: input.file, normalizeNumbers: true, ...options }
  return 'path' in input
    ? readCsvFile(input.path, common)
    : readCsvColumns(input.bytes, { ...common, totalBytes: input.bytes.length })
}

/**
 * Reads the reference, then the current sample with the column kinds the reference decided (a
 * word in a numeric column of the current file is an error naming its line), and computes drift.
 */
export async function driftOfCsv(
  reference: CsvInput,
  current: CsvInput,
  options: DriftCsvOptions = {}
): Promise<DriftReport & { reference: string; current: string }> {
  const requested = options.columns?.length ? [...options.columns] : undefined
  const ref = await read(reference, {
    ...(requested && { columns: requested }),
    ...(options.onProgress && { onProgress: options.onProgress })
  })
  const columns = requested ?? ref.header
  const kinds: Record<string, ColumnKind> = {}
  for (const name of columns) kinds[name] = ref.columns.get(name)!.kind
  const cur = await read(current, {
    columns,
    kinds,
    ...(options.onProgress && { onProgress: options.onProgress })
  })
  if (!requested) {
    const extra = cur.header.filter((name) => !ref.header.includes(name))
    if (extra.length) {
      throw new EvidenceError(
        `column${extra.length > 1 ? 's' : ''} ${extra.map((n) => JSON.stringify(n)).join(', ')} not in the reference ${reference.file}; the two files must have the same columns (or pick some with --columns)`,
        { file: current.file, line: 1 }
      )
    }
  }
  return { reference: reference.file, current: current.file, ...driftOfTables(ref, cur, columns) }
}
