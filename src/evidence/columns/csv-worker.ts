import { isMainThread, parentPort, workerData } from 'node:worker_threads'
import { isModelgateError } from '../../errors.js'
import { SortMemory, sortFloat64InPlace } from '../../stats/sort.js'
import { readTable } from './read.js'
import type { Column, ReadProgress, TableReadOptions } from './table.js'

/*
 * The worker side of reading a sample file (CSV or Parquet) on another thread (see
 * parallel.ts): reads the file
 * named in `workerData`, posts progress, then the columns with their buffers transferred (not
 * copied). Run as a worker script only; importing it on the main thread does nothing.
 */

export const CSV_WORKER_TASK = 'modelgate:read-csv'

export interface CsvWorkerRequest {
  task: typeof CSV_WORKER_TASK
  path: string
  /**
   * Numeric columns come back sorted (the sorting overlaps the main thread's work): for drift,
   * which needs only each sample's values in order, never their rows.
   */
  options: Omit<TableReadOptions, 'onProgress'> & { sortNumeric?: boolean }
}

export type CsvWorkerMessage =
  | { type: 'progress'; progress: ReadProgress }
  | { type: 'table'; file: string; header: string[]; rows: number; columns: Column[] }
  | { type: 'error'; modelgate: boolean; code?: string; message: string; location?: unknown }

const request = workerData as CsvWorkerRequest | undefined
if (!isMainThread && parentPort && request?.task === CSV_WORKER_TASK) {
  const port = parentPort
  const { sortNumeric: _sortNumeric, ...options } = request.options
  readTable(
    { file: options.file, path: request.path },
    {
      ...options,
      onProgress: (progress) => port.postMessage({ type: 'progress', progress } satisfies CsvWorkerMessage)
    }
  ).then(
    (table) => {
      const columns = [...table.columns.values()]
      if (request.options.sortNumeric) {
        const memory = new SortMemory()
        for (const c of columns) if (c.kind === 'numeric') sortFloat64InPlace(c.values, memory)
      }
      const buffers = columns.map((c) => (c.kind === 'numeric' ? c.values.buffer : c.codes.buffer))
      port.postMessage(
        {
          type: 'table',
          file: table.file,
          header: table.header,
          rows: table.rows,
          columns
        } satisfies CsvWorkerMessage,
        [...new Set(buffers)] as ArrayBuffer[]
      )
    },
    (error: unknown) => {
      port.postMessage({
        type: 'error',
        modelgate: isModelgateError(error),
        ...(isModelgateError(error) && { code: error.code, location: error.location }),
        message: error instanceof Error ? error.message : String(error)
      } satisfies CsvWorkerMessage)
    }
  )
}
