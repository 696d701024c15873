import type { Column, ReadProgress, TableReadOptions } from './table.js';
export declare const CSV_WORKER_TASK = "modelgate:read-csv";
export interface CsvWorkerRequest {
    task: typeof CSV_WORKER_TASK;
    path: string;
    /**
     * Numeric columns come back sorted (the sorting overlaps the main thread's work): for drift,
     * which needs only each sample's values in order, never their rows.
     */
    options: Omit<TableReadOptions, 'onProgress'> & {
        sortNumeric?: boolean;
    };
}
export type CsvWorkerMessage = {
    type: 'progress';
    progress: ReadProgress;
} | {
    type: 'table';
    file: string;
    header: string[];
    rows: number;
    columns: Column[];
} | {
    type: 'error';
    modelgate: boolean;
    code?: string;
    message: string;
    location?: unknown;
};
