import { EvidenceError } from '../../errors.js'
import { driftOfColumns, type DriftReport } from '../../stats/drift.js'
import { readTable, type TableInput } from './read.js'
import type { ColumnKind, ReadProgress } from './table.js'

export interface DriftFilesOptions {
  /** Columns to compare (default: all; then both files must have the same columns). */
  columns?: readonly string[]
  onProgress?: (progress: ReadProgress) => void
}

/**
 * Reads the reference, then the current sample (CSV or Parquet each) with the column kinds the
 * reference decided (a word in a numeric column of the current file is an error naming its
 * line), and computes drift.
 */
export async function driftOfFiles(
  reference: TableInput,
  current: TableInput,
  options: DriftFilesOptions = {}
): Promise<DriftReport & { reference: string; current: string }> {
  const requested = options.columns?.length ? [...options.columns] : undefined
  const progress = options.onProgress && { onProgress: options.onProgress }
  const ref = await readTable(reference, {
    normalizeNumbers: true,
    ...(requested && { columns: requested }),
    ...progress
  })
  const columns = requested ?? ref.header
  const kinds: Record<string, ColumnKind> = {}
  for (const name of columns) kinds[name] = ref.columns.get(name)!.kind
  const cur = await readTable(current, { normalizeNumbers: true, columns, kinds, ...progress })
  if (!requested) {
    const extra = cur.header.filter((name) => !ref.header.includes(name))
    if (extra.length) {
      throw new EvidenceError(
        `column${extra.length > 1 ? 's' : ''} ${extra.map((n) => JSON.stringify(n)).join(', ')} not in the reference ${reference.file}; the two files must have the same columns (or pick some with --columns)`,
        { file: current.file, line: 1 }
      )
    }
  }
  const report = driftOfColumns(
    columns.map((name) => ({ name, reference: ref.columns.get(name)!, current: cur.columns.get(name)! }))
  )
  return { reference: reference.file, current: current.file, ...report }
}

/** The earlier name, when only CSV was read. */
export const driftOfCsv = driftOfFiles
