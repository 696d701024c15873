import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { CSV_WORKER_TASK, type CsvWorkerMessage, type CsvWorkerRequest } from './csv-worker.js'
import type { ColumnTable, TableReadOptions } from './table.js'

/*
 * Reading a sample file on a worker thread, so that the two samples of a drift run are parsed at
 * once (parsing is most of the time of a drift run). Only an optimisation: when no worker script
 * can be found (tests running the TypeScript sources without a loader) the caller reads on its own
 * thread, and any failure of the worker is answered by reading again on the main thread, which
 * reports the error exactly as a sequential read would.
 */

/** The worker script beside this module (bundle: dist/csv-worker.js; sources under tsx). */
function workerScript(): URL | null {
  const here = import.meta.url
  if (here.endsWith('.ts')) {
    // TypeScript sources: a worker can load them only through the loader this process runs with.
    const tsx = process.execArgv.some((arg) => /\btsx\b/.test(arg))
    return tsx ? new URL('./csv-worker.ts', here) : null
  }
  for (const candidate of ['./csv-worker.js', '../csv-worker.js']) {
    const url = new URL(candidate, here)
    if (existsSync(fileURLToPath(url))) return url
  }
  return null
}

export interface OffThreadRead {
  /** The table, or null when the worker failed for any reason (read again to get the error). */
  result: Promise<ColumnTable | null>
  cancel(): void
}

/** Starts reading a sample file (CSV or Parquet) on a worker thread; null when workers are not available here. */
export function readTableOffThread(
  path: string,
  options: TableReadOptions & { sortNumeric?: boolean }
): OffThreadRead | null {
  if (process.env.MODELGATE_NO_WORKERS === '1') return null
  const script = workerScript()
  if (!script) return null
  const { onProgress, ...plain } = options
  let worker: Worker
  try {
    worker = new Worker(script, {
      workerData: { task: CSV_WORKER_TASK, path, options: plain } satisfies CsvWorkerRequest
    })
  } catch {
    return null
  }
  const result = new Promise<ColumnTable | null>((resolve) => {
    worker.on('message', (message: CsvWorkerMessage) => {
      if (message.type === 'progress') {
        onProgress?.(message.progress)
        return
      }
      if (message.type === 'table') {
        resolve({
          file: message.file,
          header: message.header,
          rows: message.rows,
          columns: new Map(message.columns.map((column) => [column.name, column]))
        })
      } else resolve(null)
      void worker.terminate()
    })
    worker.on('error', () => resolve(null))
    worker.on('exit', () => resolve(null))
  })
  return { result, cancel: () => void worker.terminate() }
}
