import { type ColumnTable, type TableReadOptions } from './table.js';
/** One sample file: a path to read from disk, or bytes already in memory (evidence sources). */
export type TableInput = {
    file: string;
    path: string;
} | {
    file: string;
    bytes: Uint8Array;
};
/**
 * Reads a sample file into columns: Parquet when it starts with the magic `PAR1` (whatever its
 * name), CSV otherwise.
 */
export declare function readTable(input: TableInput, options: Omit<TableReadOptions, 'file'>): Promise<ColumnTable>;
