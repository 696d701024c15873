import { type CsvProgress } from '../evidence/csv.js';
import { type DriftReport } from './drift.js';
/** One CSV: a path to stream from disk, or bytes already in memory (evidence sources). */
export type CsvInput = {
    file: string;
    path: string;
} | {
    file: string;
    bytes: Uint8Array;
};
export interface DriftCsvOptions {
    /** Columns to compare (default: all; then both files must have the same columns). */
    columns?: readonly string[];
    onProgress?: (progress: CsvProgress) => void;
}
/**
 * Reads the reference, then the current sample with the column kinds the reference decided (a
 * word in a numeric column of the current file is an error naming its line), and computes drift.
 */
export declare function driftOfCsv(reference: CsvInput, current: CsvInput, options?: DriftCsvOptions): Promise<DriftReport & {
    reference: string;
    current: string;
}>;
