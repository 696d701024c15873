import type { Readable } from 'node:stream'
import yauzl from 'yauzl'
import { ArchiveError, ModelgateError } from '../errors.js'

/**
 * Reading one named file out of an untrusted zip, whatever yauzl is reading from (HTTP ranges or
 * a downloaded file). Nothing is ever written to disk from an entry: the file comes back as bytes,
 * so no entry name can place anything anywhere. Hostile archives are still refused outright, with
 * a message saying what was wrong, because an artifact that carries them was not made by
 * actions/upload-artifact and cannot be trusted as evidence.
 */

export interface ArchiveLimits {
  /** Largest accepted file, uncompressed (default 256 MiB). */
  maxEntryBytes?: number
  /** Largest uncompressed/compressed ratio (default 1000; deflate's own maximum is about 1032). */
  maxRatio?: number
  /** Files smaller than this are exempt from the ratio check: their size alone is harmless. */
  ratioFloorBytes?: number
  /** Largest archive downloaded whole when storage refuses ranges (default 16 GiB). */
  maxArchiveBytes?: number
  /** What the files read are, for messages (default `evidence files`). */
  kind?: string
}

export const DEFAULT_LIMITS: Required<ArchiveLimits> = {
  maxEntryBytes: 256 << 20,
  maxRatio: 1000,
  ratioFloorBytes: 1 << 20,
  maxArchiveBytes: 16 * 1024 ** 3,
  kind: 'evidence files'
}

export const YAUZL_OPTIONS = {
  lazyEntries: true,
  autoClose: false,
  // yauzl refuses absolute and `..` names and checks declared sizes against the inflated stream.
  decodeStrings: true,
  validateEntrySizes: true
} as const

/** Entry names as users write them: no leading `./` or `/`, forward slashes. */
export function normalizeEntryName(name: string): string {
  return name
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '')
}

/** Unix file type bits of an entry written on Unix (version made by, high byte 3). */
export function isSymlink(entry: yauzl.Entry): boolean {
  const unix = entry.versionMadeBy >> 8 === 3
  return unix && ((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000
}

/** Every file entry, by normalised name; refuses duplicates and the names yauzl rejects. */
export function readEntries(zip: yauzl.ZipFile, label: string): Promise<Map<string, yauzl.Entry>> {
  const entries = new Map<string, yauzl.Entry>()
  return new Promise((resolve, reject) => {
    let done = false
    const fail = (error: unknown): void => {
      if (done) return
      done = true
      reject(describeZipError(label, error))
    }
    zip.on('entry', (entry: yauzl.Entry) => {
      if (done) return
      if (!entry.fileName.endsWith('/')) {
        const key = normalizeEntryName(entry.fileName)
        if (entries.has(key))
          return fail(
            new ArchiveError(`${label} holds ${key} twice; refusing to guess which one is evidence`)
          )
        entries.set(key, entry)
      }
      zip.readEntry()
    })
    zip.on('end', () => {
      if (done) return
      done = true
      resolve(entries)
    })
    zip.on('error', fail)
    zip.readEntry()
  })
}

/** Checks the entry against the limits before a byte of it is read. */
export function assertExtractable(entry: yauzl.Entry, limits: ArchiveLimits, display: string): void {
  const { maxEntryBytes, maxRatio, ratioFloorBytes, kind } = { ...DEFAULT_LIMITS, ...limits }
  const at = { file: display }
  if (isSymlink(entry))
    throw new ArchiveError(`${entry.fileName} is a symbolic link; evidence must be a regular file`, at)
  if (entry.isEncrypted())
    throw new ArchiveError(`${entry.fileName} is encrypted; evidence must be readable as is`, at)
  if (entry.uncompressedSize > maxEntryBytes)
    throw new ArchiveError(
      `${entry.fileName} is ${entry.uncompressedSize} bytes; ${kind} are limited to ${maxEntryBytes}`,
      at
    )
  if (entry.uncompressedSize > ratioFloorBytes) {
    const ratio = entry.compressedSize > 0 ? entry.uncompressedSize / entry.compressedSize : Infinity
    if (ratio > maxRatio)
      throw new ArchiveError(
        `${entry.fileName} inflates ${Number.isFinite(ratio) ? Math.round(ratio) : '∞'}x (limit ${maxRatio}x); refusing a likely zip bomb`,
        at
      )
  }
}

/** The entry's bytes, in memory, never more than the size limit even if its header lies. */
export async function extractEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  limits: ArchiveLimits,
  display: string
): Promise<Buffer> {
  const chunks: Buffer[] = []
  await streamEntry(zip, entry, limits, display, (chunk) => chunks.push(chunk))
  return Buffer.concat(chunks)
}

/**
 * Hands the entry's bytes to `take` as they inflate, one chunk at a time (memory stays at a
 * chunk, whatever the entry's size), and stops with an error past the size limit even if the
 * header lies about the size.
 */
export async function streamEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  limits: ArchiveLimits,
  display: string,
  take: (chunk: Buffer) => void
): Promise<number> {
  assertExtractable(entry, limits, display)
  const max = limits.maxEntryBytes ?? DEFAULT_LIMITS.maxEntryBytes
  const at = { file: display }
  const stream = await new Promise<Readable>((resolve, reject) =>
    zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s)))
  ).catch((error: unknown) => {
    throw new ArchiveError(`cannot read ${entry.fileName}: ${(error as Error).message}`, at)
  })
  let total = 0
  try {
    for await (const chunk of stream) {
      total += (chunk as Buffer).length
      if (total > max) {
        stream.destroy()
        throw new ArchiveError(`${entry.fileName} is larger than declared (over ${max} bytes)`, at)
      }
      take(chunk as Buffer)
    }
  } catch (error) {
    if (error instanceof ArchiveError) throw error
    throw new ArchiveError(`cannot read ${entry.fileName}: ${(error as Error).message}`, at)
  }
  return total
}

/** yauzl's complaints, said in terms of the artifact. */
export function describeZipError(label: string, error: unknown): Error {
  if (error instanceof ModelgateError) return error
  const message = (error as Error)?.message ?? String(error)
  const absolute = /^absolute path: (.*)$/.exec(message)
  if (absolute) return new ArchiveError(`${label} is refused: entry "${absolute[1]}" has an absolute path`)
  const relative = /^invalid relative path: (.*)$/.exec(message)
  if (relative)
    return new ArchiveError(
      `${label} is refused: entry "${relative[1]}" escapes the archive (invalid relative path)`
    )
  if (/strong encryption/.test(message)) return new ArchiveError(`${label} is refused: it is encrypted`)
  return new ArchiveError(`${label} is not a readable zip: ${message}`)
}
