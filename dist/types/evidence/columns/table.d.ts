export type ColumnKind = 'numeric' | 'categorical';
export interface NumericColumn {
    kind: 'numeric';
    name: string;
    values: Float64Array;
}
export interface CategoricalColumn {
    kind: 'categorical';
    name: string;
    /** Distinct values in order of first appearance. */
    categories: string[];
    /** Per row, the index of its value in `categories`. */
    codes: Int32Array;
}
export type Column = NumericColumn | CategoricalColumn;
export interface ColumnTable {
    file: string;
    /** Every column of the file, in file order (not only those read). */
    header: string[];
    rows: number;
    columns: Map<string, Column>;
}
export interface ReadProgress {
    file: string;
    bytes: number;
    totalBytes: number | undefined;
    rows: number;
}
export interface TableReadOptions {
    /** How the file is named in errors and progress. */
    file: string;
    /** Columns to read (default: every column of the file). */
    columns?: readonly string[];
    /**
     * Per column: `numeric` (anything else is an error), `categorical` (text), or absent/`auto`
     * (CSV: numeric until a value is not a number, then categorical; Parquet: the column's type).
     */
    kinds?: Readonly<Record<string, ColumnKind | 'auto'>>;
    /**
     * In categorical columns, key number-looking values by their numeric value (`1.0` and `1`
     * are one category). On for drift, where a column may have turned categorical mid-file;
     * off for group names and labels, which are compared as written.
     */
    normalizeNumbers?: boolean;
    onProgress?: (progress: ReadProgress) => void;
}
/**
 * A plain decimal, the one spelling of a number every reader accepts. Each digit run matches one
 * way (`\d+(?:\.\d*)?`, not `\d+\.?\d*`): the ambiguous form backtracks quadratically on a long
 * digit run that does not end the text (160,000 digits: ~25 s).
 */
export declare const DECIMAL: RegExp;
/** The category key of a value: with `normalizeNumbers`, number-like text by its numeric value. */
export declare function categoryKey(raw: string, normalizeNumbers: boolean): string;
export declare const PARQUET_MAGIC: number[];
/** A Parquet file starts (and ends) with `PAR1`; the file name is not trusted. */
export declare function isParquet(head: Uint8Array): boolean;
