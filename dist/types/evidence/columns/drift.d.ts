import { type DriftReport } from '../../stats/drift.js';
import { type TableInput } from './read.js';
import type { ReadProgress } from './table.js';
export interface DriftFilesOptions {
    /** Columns to compare (default: all; then both files must have the same columns). */
    columns?: readonly string[];
    onProgress?: (progress: ReadProgress) => void;
}
/**
 * Reads the reference, then the current sample (CSV or Parquet each) with the column kinds the
 * reference decided (a word in a numeric column of the current file is an error naming its
 * line), and computes drift.
 */
export declare function driftOfFiles(reference: TableInput, current: TableInput, options?: DriftFilesOptions): Promise<DriftReport & {
    reference: string;
    current: string;
}>;
