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
export type CsvColumn = NumericColumn | CategoricalColumn;
export interface CsvTable {
    file: string;
    header: string[];
    rows: number;
    columns: Map<string, CsvColumn>;
}
export interface CsvProgress {
    file: string;
    bytes: number;
    totalBytes: number | undefined;
    rows: number;
}
export interface CsvReadOptions {
    /** How the file is named in errors and progress. */
    file: string;
    /** Columns to read (default: every column of the header). */
    columns?: readonly string[];
    /**
     * Per column: `numeric` (anything else is an error), `categorical` (text), or absent/`auto`
     * (numeric until a value is not a number, then categorical).
     */
    kinds?: Readonly<Record<string, ColumnKind | 'auto'>>;
    /**
     * In categorical columns, key number-looking values by their numeric value (`1.0` and `1`
     * are one category). On for drift, where a column may have turned categorical mid-file;
     * off for group names and labels, which are compared as written.
     */
    normalizeNumbers?: boolean;
    totalBytes?: number;
    onProgress?: (progress: CsvProgress) => void;
}
/**
 * Parses [start, end) of `buf` as a decimal number. NaN when the text is not a number in the
 * plain decimal syntax `[+-]digits[.digits][e[+-]digits]`. Up to 15 significant digits and a
 * power of ten within ±22 give one correctly rounded operation (Clinger's fast path); up to 19
 * digits go through a double-double product; anything else goes to the engine's correctly
 * rounded Number().
 */
export declare function parseDecimal(buf: Buffer, start: number, end: number): number;
/** Incremental parser: `push` chunks, then `end`. */
export declare class CsvColumnReader {
    private readonly options;
    private carry;
    private header;
    private states;
    /** field index → index into `states`, or -1. */
    private slotOf;
    private rows;
    /** 1-based line number of the next byte to parse. */
    private line;
    private bytes;
    private started;
    private starts;
    private ends;
    private escaped;
    private fields;
    private readonly normalize;
    constructor(options: CsvReadOptions);
    push(chunk: Uint8Array): void;
    end(): CsvTable;
    private error;
    /**
     * Parses whole records from `buf`; returns how many bytes were consumed. An incomplete last
     * record is left for the next chunk unless `final`.
     */
    private parse;
    private text;
    /**
     * The common case, fused: a record of plain unquoted fields (numbers as plain decimals),
     * parsed straight into the columns in one pass. Returns the position after the
     * record's line end, or -1 to let the general path parse (or reject) the record instead.
     */
    private plainRecord;
    private addField;
    private record;
    private rejectMissing;
    private addCategory;
    /** A column read as numbers turns out to hold text: its earlier numbers become categories. */
    private becomeCategorical;
    private setHeader;
}
/** Reads columns from chunks (a file stream) or one buffer. */
export declare function readCsvColumns(source: Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: CsvReadOptions): Promise<CsvTable>;
/** Streams a CSV file from disk into columns. */
export declare function readCsvFile(path: string, options: Omit<CsvReadOptions, 'totalBytes'> & {
    display?: string;
}): Promise<CsvTable>;
