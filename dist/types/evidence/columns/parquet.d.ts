import type { AsyncBuffer, Compressors, FileMetaData } from 'hyparquet';
import { isParquet, PARQUET_MAGIC, type ColumnTable, type TableReadOptions } from './table.js';
export { isParquet, PARQUET_MAGIC };
interface Chunk {
    rowStart: number;
    values: ArrayLike<unknown>;
}
/** Reads the requested flat columns of a Parquet file into typed columns. */
export declare function readParquetColumns(file: ParquetSource, options: TableReadOptions & {
    totalBytes?: number;
}): Promise<ColumnTable>;
/**
 * The common case, fast: flat columns without nulls, decoded page by page with hyparquet's own
 * page decoders into the arrays they produce (typed arrays for PLAIN numbers), skipping its
 * general nested-data assembly, which takes values one at a time. Null when a page has a null
 * (the general path then names its row) or anything is unusual; errors fall back the same way.
 */
export declare function readFlatColumns(file: ParquetSource, metadata: FileMetaData, wanted: readonly string[], options: TableReadOptions, targets?: ReadonlyMap<string, Float64Array>, compressors?: Compressors): Promise<Map<string, Chunk[]> | null>;
/**
 * Where the values of a v1 data page start when all its `count` definition levels (bit width 1:
 * a 4-byte length, then RLE and bit-packed runs) say "defined"; -1 when one is a null, or
 * anything is malformed (the general path then reads the page and names the row).
 */
export declare function allDefined(page: Uint8Array, count: number): number;
/** A Parquet file; from disk, it can also read a range into memory the reader reuses. */
export interface ParquetSource extends AsyncBuffer {
    /** Reads the bytes from `start` on into `target`; resolves to the part filled (less at the end of the file). */
    readInto?(start: number, target: Uint8Array): Promise<Uint8Array>;
}
/** Bytes already in memory as an AsyncBuffer. */
export declare function bufferSource(bytes: Uint8Array): AsyncBuffer;
/** Reads a Parquet file from disk: the footer first, then only the column chunks asked for. */
export declare function readParquetFile(path: string, options: TableReadOptions): Promise<ColumnTable>;
