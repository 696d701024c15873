import type { ColumnTable, TableReadOptions } from './table.js';
export interface OffThreadRead {
    /** The table, or null when the worker failed for any reason (read again to get the error). */
    result: Promise<ColumnTable | null>;
    cancel(): void;
}
/** Starts reading a sample file (CSV or Parquet) on a worker thread; null when workers are not available here. */
export declare function readTableOffThread(path: string, options: TableReadOptions & {
    sortNumeric?: boolean;
}): OffThreadRead | null;
