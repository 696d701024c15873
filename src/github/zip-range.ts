import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { PassThrough, Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import yauzl from 'yauzl'
import { ArchiveError, EvidenceError } from '../errors.js'
import { DEFAULT_LIMITS, describeZipError, YAUZL_OPTIONS } from './zip-extract.js'

/**
 * A zip in artifact storage, read without downloading it: yauzl asks for byte ranges and each one
 * becomes an HTTP `Range` request against the signed storage URL (never with the GitHub token).
 * Reads are widened to a block and cached, so the end-of-central-directory record and the central
 * directory of a typical artifact arrive in the first request, and a small entry with its local
 * header in one more: a 2 KB file in a 2 GB artifact costs two requests of at most ~64 KiB each.
 * Storage that answers a range request with 200 does not do ranges: that same response is then
 * streamed to a temporary file (one download, not two) and yauzl reads the file.
 */

/** Bytes yauzl reads from the end to find the end-of-central-directory record (22 + 65535 + 20). */
export const EOCD_SEARCH_BYTES = 22 + 0xffff + 20
export const DEFAULT_BLOCK_BYTES = 64 << 10
/**
 * Longer reads (a model file being hashed) are streamed as consecutive range requests of this
 * size: memory holds two pieces at most (the one consumed, the next in flight), each piece is
 * retried on its own, and an expired signed URL is renewed between pieces.
 */
export const DEFAULT_STREAM_CHUNK_BYTES = 16 << 20

export interface StorageOptions {
  /** Signed storage URL (from the artifact download's 302). */
  url: string
  /** Asks GitHub for a fresh URL: the signed one lives for about a minute. */
  relocate?: () => Promise<string>
  /** For messages, e.g. `artifact "eval"`. The URL itself is never quoted (it is a credential). */
  label: string
  /** Per-request timeout (default 120 s; full downloads get 30 min). */
  timeoutMs?: number
  /** Retries after a 5xx, a reset or a timeout (default 3). */
  retries?: number
  /** Milliseconds per backoff unit (default 1000; tests pass 1). */
  delayUnitMs?: number
}

/** GETs against artifact storage with retries, re-signing an expired URL once. */
export class StorageClient {
  private url: string
  private relocated = false
  requests = 0
  bytes = 0

  constructor(private readonly options: StorageOptions) {
    this.url = options.url
  }

  async get(range?: { start: number; end: number }, timeoutMs?: number): Promise<Response> {
    const retries = this.options.retries ?? 3
    const unit = this.options.delayUnitMs ?? 1000
    let lastProblem = ''
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await sleep(attempt * attempt * unit)
      let response: Response
      try {
        this.requests++
        response = await fetch(this.url, {
          // Deliberately a bare fetch: no Authorization header ever reaches storage.
          headers: range ? { range: `bytes=${range.start}-${range.end - 1}` } : {},
          signal: AbortSignal.timeout(timeoutMs ?? this.options.timeoutMs ?? 120_000)
        })
      } catch (error) {
        lastProblem = networkProblem(error)
        continue
      }
      if (response.status >= 500 || response.status === 429) {
        lastProblem = `HTTP ${response.status}`
        await response.body?.cancel()
        continue
      }
      if ((response.status === 401 || response.status === 403) && this.options.relocate && !this.relocated) {
        // The signed URL expired between reads: ask GitHub for a new one, once.
        await response.body?.cancel()
        this.relocated = true
        this.url = await this.options.relocate()
        attempt--
        continue
      }
      return response
    }
    throw new EvidenceError(
      `${this.options.label}: artifact storage failed after ${retries + 1} attempts (${lastProblem})`
    )
  }
}

/** Thrown by the reader when storage ignores Range; carries the 200 response to stream instead. */
export class RangesRefused extends Error {
  constructor(readonly response: Response | undefined) {
    super('artifact storage does not honour Range requests')
  }
}

interface Block {
  start: number
  end: number
  bytes: Promise<Buffer>
}

/** yauzl's view of the remote zip: every read is served from a cached block or one Range GET. */
export class HttpRangeReader extends yauzl.RandomAccessReader {
  private readonly blocks: Block[] = []

  constructor(
    private readonly storage: StorageClient,
    public size: number,
    private readonly blockBytes: number = DEFAULT_BLOCK_BYTES,
    private readonly streamChunkBytes: number = DEFAULT_STREAM_CHUNK_BYTES
  ) {
    super()
  }

  override _readStreamForRange(start: number, end: number): Readable {
    if (end - start > this.streamChunkBytes && !this.cached(start, end))
      // Not cached, not buffered whole: pulled a piece at a time as the reader consumes it.
      return Readable.from(this.pieces(start, end), { objectMode: false, highWaterMark: 1 })
    const out = new PassThrough()
    this.readRange(start, end).then(
      (bytes) => out.end(bytes),
      (error: Error) => out.destroy(error)
    )
    return out
  }

  private cached(start: number, end: number): boolean {
    return this.blocks.some((block) => block.start <= start && block.end >= end)
  }

  /** [start, end) piece by piece, the next one in flight while this one is consumed (two in memory at most). */
  private async *pieces(start: number, end: number): AsyncGenerator<Buffer> {
    const piece = (at: number): Promise<Buffer> => {
      const fetched = this.fetchRange(at, Math.min(end, at + this.streamChunkBytes))
      fetched.catch(() => {}) // awaited below; a reader that stops early must not leave it unhandled
      return fetched
    }
    let next = piece(start)
    for (let at = start; at < end; at += this.streamChunkBytes) {
      const current = next
      if (at + this.streamChunkBytes < end) next = piece(at + this.streamChunkBytes)
      try {
        yield await current
      } catch (error) {
        if (!(error instanceof RangesRefused)) throw error
        await error.response?.body?.cancel()
        throw new EvidenceError('artifact storage stopped honouring Range requests mid-file')
      }
    }
  }

  /** Bytes [start, end) of the zip. */
  async readRange(start: number, end: number): Promise<Buffer> {
    for (const block of this.blocks)
      if (block.start <= start && block.end >= end) {
        const bytes = await block.bytes
        return bytes.subarray(start - block.start, end - block.start)
      }
    const to = Math.min(this.size, Math.max(end, start + this.blockBytes))
    const block: Block = { start, end: to, bytes: this.fetchRange(start, to) }
    this.blocks.push(block)
    block.bytes.catch(() => this.blocks.splice(this.blocks.indexOf(block), 1))
    return (await block.bytes).subarray(0, end - start)
  }

  /**
   * Reads [start, end) in one request unless already cached: the caller knows an entry's extent
   * from the central directory, so its local header and data cost exactly one small read instead
   * of a block-sized one.
   */
  async prefetch(start: number, end: number): Promise<void> {
    const to = Math.min(this.size, end)
    if (to <= start) return
    for (const block of this.blocks) if (block.start <= start && block.end >= to) return
    const block: Block = { start, end: to, bytes: this.fetchRange(start, to) }
    this.blocks.push(block)
    block.bytes.catch(() => this.blocks.splice(this.blocks.indexOf(block), 1))
    await block.bytes
  }

  /** Prefills the cache with `response` (a 206 for [start, end)). */
  adopt(start: number, bytes: Buffer): void {
    this.blocks.push({ start, end: start + bytes.length, bytes: Promise.resolve(bytes) })
  }

  private async fetchRange(start: number, end: number): Promise<Buffer> {
    const response = await this.storage.get({ start, end })
    if (response.status === 200) throw new RangesRefused(response)
    return receiveRange(response, start, end, this.storage)
  }
}

async function receiveRange(
  response: Response,
  start: number,
  end: number,
  storage: StorageClient
): Promise<Buffer> {
  if (response.status !== 206) {
    await response.body?.cancel()
    throw new EvidenceError(`artifact storage answered HTTP ${response.status} to a range request`)
  }
  const range = parseContentRange(response.headers.get('content-range'))
  if (range && range.start !== start) {
    await response.body?.cancel()
    throw new EvidenceError(`artifact storage sent bytes from ${range.start}, asked for ${start}`)
  }
  const bytes = Buffer.from(await response.arrayBuffer())
  storage.bytes += bytes.length
  if (bytes.length < end - start)
    throw new EvidenceError(`artifact storage returned ${bytes.length} bytes, expected ${end - start}`)
  return bytes
}

/** `bytes 0-99/1234` → {start: 0, end: 100, total: 1234} (total undefined for `*`). */
export function parseContentRange(
  header: string | null
): { start: number; end: number; total: number | undefined } | undefined {
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header?.trim() ?? '')
  if (!match) return undefined
  return {
    start: Number(match[1]),
    end: Number(match[2]) + 1,
    total: match[3] === '*' ? undefined : Number(match[3])
  }
}

export interface RemoteZip {
  zip: yauzl.ZipFile
  /** True when the central directory and entries are read with ranges; false after a full download. */
  usedRanges: boolean
  storage: StorageClient
  /** Fetches a byte range ahead of yauzl (ranges only; a no-op for a downloaded file). */
  prefetch(start: number, end: number): Promise<void>
  /** Removes a full download's temporary directory. */
  close(): Promise<void>
}

export interface OpenRemoteZipOptions extends StorageOptions {
  /** Size from the artifact listing; storage's Content-Range corrects it when they differ. */
  size: number
  blockBytes?: number
  /** Piece size of long reads, streamed (default DEFAULT_STREAM_CHUNK_BYTES). */
  streamChunkBytes?: number
  /** Where a full download goes when ranges are refused (RUNNER_TEMP). */
  tempDir: string
  maxArchiveBytes?: number
}

/** Opens the artifact zip with ranges, or by one full download when storage refuses them. */
export async function openRemoteZip(options: OpenRemoteZipOptions): Promise<RemoteZip> {
  const storage = new StorageClient(options)
  const noop = async (): Promise<void> => {}
  let refused: Response | undefined
  let size = options.size
  const reader = new HttpRangeReader(storage, size, options.blockBytes, options.streamChunkBytes)
  // The tail first, read here rather than by yauzl so that its Content-Range tells the true size.
  const tailStart = Math.max(0, size - EOCD_SEARCH_BYTES)
  const tail = size > 0 ? await storage.get({ start: tailStart, end: size }) : undefined
  if (tail?.status === 200 || tail?.status === 416) refused = tail
  else if (tail) {
    const range = parseContentRange(tail.headers.get('content-range'))
    if (tail.status === 206 && range?.total !== undefined && range.total !== size) {
      // The listing's size was not the blob's: read the right tail.
      await tail.body?.cancel()
      size = range.total
      reader.size = size
    } else reader.adopt(tailStart, await receiveRange(tail, tailStart, size, storage))
  }
  if (!refused) {
    try {
      const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
        yauzl.fromRandomAccessReader(reader, size, YAUZL_OPTIONS, (error, zip) =>
          error ? reject(error) : resolve(zip)
        )
      )
      return { zip, usedRanges: true, storage, prefetch: (a, b) => reader.prefetch(a, b), close: noop }
    } catch (error) {
      if (!(error instanceof RangesRefused)) throw describeZipError(options.label, error)
      refused = error.response
    }
  }
  if (refused?.status === 416) {
    await refused.body?.cancel()
    refused = undefined
  }
  return downloadWhole(storage, refused, options)
}

async function downloadWhole(
  storage: StorageClient,
  first: Response | undefined,
  options: OpenRemoteZipOptions
): Promise<RemoteZip> {
  const dir = await mkdtemp(join(options.tempDir, 'modelgate-artifact-'))
  const close = (): Promise<void> => rm(dir, { recursive: true, force: true })
  const file = join(dir, 'artifact.zip')
  const max = options.maxArchiveBytes ?? DEFAULT_LIMITS.maxArchiveBytes
  try {
    const response = first ?? (await storage.get(undefined, 30 * 60_000))
    if (!response.ok || !response.body) {
      await response.body?.cancel()
      throw new EvidenceError(`${options.label}: artifact storage answered HTTP ${response.status}`)
    }
    let received = 0
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length
        storage.bytes += chunk.length
        if (received > max)
          return done(
            new ArchiveError(`${options.label} is larger than ${max} bytes; refusing to download it`)
          )
        done(null, chunk)
      }
    })
    await pipeline(Readable.fromWeb(response.body as never), counter, createWriteStream(file))
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(file, YAUZL_OPTIONS, (error, zip) => (error ? reject(error) : resolve(zip)))
    )
    return { zip, usedRanges: false, storage, prefetch: () => Promise.resolve(), close }
  } catch (error) {
    await close()
    throw describeZipError(options.label, error)
  }
}

function networkProblem(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } }
  if (e.name === 'TimeoutError') return 'no answer in time'
  return e.cause?.code ?? e.cause?.message ?? e.message ?? 'network error'
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
