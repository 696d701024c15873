import type { Compressors, FileMetaData } from 'hyparquet';
/** Largest page a decompressor may produce. */
export declare const MAX_PAGE_BYTES: number;
export declare function checkedPageSize(outputLength: number): number;
/**
 * The codecs of the column chunks of `columns` (top-level names) in every row group; chunks the
 * footer describes oddly are left to the reader, which refuses them.
 */
export declare function codecsOf(metadata: FileMetaData, columns: readonly string[]): Set<string>;
/** Decompressors for the given codecs (a codec nobody implements is missing: the reader names it). */
export declare function compressorsFor(codecs: ReadonlySet<string>): Promise<Compressors>;
