import { type Column, type ColumnTable, type ReadProgress, type TableReadOptions } from './table.js';
/** A table read from CSV (the same shape as any other). */
export type CsvTable = ColumnTable;
export type CsvColumn = Column;
export type CsvProgress = ReadProgress;
export interface CsvReadOptions extends TableReadOptions {
    totalBytes?: number;
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
    /** Reused for carry + chunk, so a file costs no garbage per chunk. */
    private scratch;
    private header;
    private states;
    /** field index → index into `states`, or -1. */
    private slotOf;
    private rows;
    /** 1-based line number of the next byte to parse. */
    private line;
    private bytes;
    private started;
    private reserved;
    private starts;
    private ends;
    private escaped;
    private fields;
    private readonly normalize;
    constructor(options: CsvReadOptions);
    push(chunk: Uint8Array): void;
    /**
     * Parses the whole records in `window`, whose last `fresh` bytes are new and whose start is
     * what the previous call did not consume; returns how many bytes it consumed. For callers
     * that own the buffer (a file read into it): they move the rest to the front of the next
     * window, or hand it to `end`, instead of this reader copying every chunk.
     */
    pushWindow(window: Buffer, fresh: number): number;
    /**
     * Once, after the first chunk: room for as many rows as the file holds at the rate seen so far
     * (plus 5%), so that a column is allocated once rather than copied at every doubling. Short
     * first rows before long ones cannot make this ask for more than an honest file of the same
     * size made of such short rows would need (a cell takes at least two bytes of the file and
     * eight of memory).
     */
    private reserve;
    /** The last record(s): what `push` kept, or the unconsumed `rest` of the last window. */
    end(rest?: Buffer): CsvTable;
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
