import type { Compressors, FileMetaData } from 'hyparquet'
import { snappyDecompress } from './snappy.js'

/*
 * The page decompressors of the codecs pandas/pyarrow, Spark, DuckDB and polars write, each
 * bounded by the page header. Snappy (the default of most writers) is always at hand; zstd
 * (fzstd) and gzip/brotli (node:zlib) are loaded only when a column chunk read uses them: loading
 * them costs milliseconds at every start, on each thread that reads a Parquet file.
 */

/** Largest page a decompressor may produce. */
export const MAX_PAGE_BYTES = 256 << 20

export function checkedPageSize(outputLength: number): number {
  if (!Number.isSafeInteger(outputLength) || outputLength < 0 || outputLength > MAX_PAGE_BYTES) {
    throw new Error(`a page header claims ${outputLength} bytes uncompressed (at most ${MAX_PAGE_BYTES})`)
  }
  return outputLength
}

type Decompress = NonNullable<Compressors[keyof Compressors]>

const snappy: Decompress = (input, outputLength) => {
  const output = new Uint8Array(checkedPageSize(outputLength))
  snappyDecompress(input, output)
  return output
}

let zlibCodecs: Promise<Compressors> | undefined
let zstdCodec: Promise<Compressors> | undefined

const loadZlib = (): Promise<Compressors> =>
  (zlibCodecs ??= import('node:zlib').then(({ gunzipSync, brotliDecompressSync }) => ({
    GZIP: (input, outputLength) =>
      new Uint8Array(gunzipSync(input, { maxOutputLength: checkedPageSize(outputLength) || 1 })),
    BROTLI: (input, outputLength) =>
      new Uint8Array(brotliDecompressSync(input, { maxOutputLength: checkedPageSize(outputLength) || 1 }))
  })))

const loadZstd = (): Promise<Compressors> =>
  (zstdCodec ??= import('fzstd').then(({ decompress }) => ({
    ZSTD: (input, outputLength) => decompress(input, new Uint8Array(checkedPageSize(outputLength)))
  })))

/**
 * The codecs of the column chunks of `columns` (top-level names) in every row group; chunks the
 * footer describes oddly are left to the reader, which refuses them.
 */
export function codecsOf(metadata: FileMetaData, columns: readonly string[]): Set<string> {
  const wanted = new Set(columns)
  const codecs = new Set<string>()
  for (const group of metadata.row_groups) {
    for (const chunk of group.columns) {
      const meta = chunk.meta_data
      if (meta && meta.path_in_schema.length === 1 && wanted.has(meta.path_in_schema[0]!))
        codecs.add(meta.codec)
    }
  }
  return codecs
}

/** Decompressors for the given codecs (a codec nobody implements is missing: the reader names it). */
export async function compressorsFor(codecs: ReadonlySet<string>): Promise<Compressors> {
  const loaded = await Promise.all([
    codecs.has('GZIP') || codecs.has('BROTLI') ? loadZlib() : {},
    codecs.has('ZSTD') ? loadZstd() : {}
  ])
  return Object.assign({ SNAPPY: snappy }, ...loaded) as Compressors
}
