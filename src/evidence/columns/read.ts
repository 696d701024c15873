import { open } from 'node:fs/promises'
import { EvidenceError } from '../../errors.js'
import { readCsvColumns, readCsvFile } from './csv.js'
import { isParquet, type ColumnTable, type TableReadOptions } from './table.js'

/** The Parquet reader (and its decompressors), loaded only when a file is Parquet. */
const parquet = (): Promise<typeof import('./parquet.js')> => import('./parquet.js')
const PARQUET_NAME = /\.parquet$/i

/** One sample file: a path to read from disk, or bytes already in memory (evidence sources). */
export type TableInput = { file: string; path: string } | { file: string; bytes: Uint8Array }

/** The first bytes of a file on disk (fewer when it is shorter). */
async function headOf(path: string, file: string): Promise<Uint8Array> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new EvidenceError(code === 'ENOENT' ? 'no such file' : `cannot read: ${String(code)}`, { file })
  }
  try {
    const head = new Uint8Array(4)
    const { bytesRead } = await handle.read(head, 0, 4, 0)
    return head.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/**
 * Reads a sample file into columns: Parquet when it starts with the magic `PAR1` (whatever its
 * name), CSV otherwise.
 */
export async function readTable(
  input: TableInput,
  options: Omit<TableReadOptions, 'file'>
): Promise<ColumnTable> {
  const common = { file: input.file, ...options }
  if ('path' in input) {
    // A name ending in .parquet starts loading the reader while the first bytes are read; the
    // magic alone decides (a wrong guess costs only the loading).
    const early = PARQUET_NAME.test(input.path) ? parquet() : null
    early?.catch(() => undefined)
    return isParquet(await headOf(input.path, input.file))
      ? (await (early ?? parquet())).readParquetFile(input.path, common)
      : readCsvFile(input.path, common)
  }
  if (!isParquet(input.bytes))
    return readCsvColumns(input.bytes, { ...common, totalBytes: input.bytes.length })
  const { bufferSource, readParquetColumns } = await parquet()
  return readParquetColumns(bufferSource(input.bytes), { ...common, totalBytes: input.bytes.length })
}
