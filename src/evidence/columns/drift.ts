import { EvidenceError } from '../../errors.js'
import { driftOfColumns, type DriftReport } from '../../stats/drift.js'
import { SortMemory, sortFloat64InPlace } from '../../stats/sort.js'
import { readTableOffThread, type OffThreadRead } from './parallel.js'
import { readTable, type TableInput } from './read.js'
import type { ColumnKind, ColumnTable, ReadProgress } from './table.js'

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
  // A file on disk: the current one is parsed on another thread meanwhile.
  const early = await startCurrent(current, requested, options)
  let ref: ColumnTable
  try {
    ref = await readTable(reference, {
      normalizeNumbers: true,
      ...(requested && { columns: requested }),
      ...progress
    })
  } catch (error) {
    early?.cancel()
    throw error
  }
  const columns = requested ?? ref.header
  const kinds: Record<string, ColumnKind> = {}
  for (const name of columns) kinds[name] = ref.columns.get(name)!.kind
  // The reference's numbers are sorted now, while the other thread may still be reading or
  // sorting the current sample, rather than after it (drift needs each sample in order).
  const sortMemory = new SortMemory()
  if (early) {
    for (const name of columns) {
      const column = ref.columns.get(name)!
      if (column.kind === 'numeric') sortFloat64InPlace(column.values, sortMemory)
    }
  }
  // The early read used no kinds; it stands only where it agrees with the reference's. Otherwise
  // (or if it failed) the file is read again with them, which also words any error exactly.
  const parallel = early && (await early.result)
  const agrees = parallel && columns.every((name) => parallel.columns.get(name)?.kind === kinds[name])
  const cur = agrees
    ? parallel
    : await readTable(current, { normalizeNumbers: true, columns, kinds, ...progress })
  if (!requested) {
    const extra = cur.header.filter((name) => !ref.header.includes(name))
    if (extra.length) {
      throw new EvidenceError(
        `column${extra.length > 1 ? 's' : ''} ${extra.map((n) => JSON.stringify(n)).join(', ')} not in the reference ${reference.file}; the two files must have the same columns (or pick some with --columns)`,
        { file: current.file, line: 1 }
      )
    }
  }
  // The tables are this function's own: their numeric arrays are sorted in place, not copied.
  const report = driftOfColumns(
    columns.map((name) => ({ name, reference: ref.columns.get(name)!, current: cur.columns.get(name)! })),
    { sortInPlace: true, sortMemory }
  )
  return { reference: reference.file, current: current.file, ...report }
}

async function startCurrent(
  current: TableInput,
  columns: string[] | undefined,
  options: DriftFilesOptions
): Promise<OffThreadRead | null> {
  if (!('path' in current)) return null
  return readTableOffThread(current.path, {
    sortNumeric: true,
    file: current.file,
    normalizeNumbers: true,
    ...(columns && { columns }),
    ...(options.onProgress && { onProgress: options.onProgress })
  })
}
