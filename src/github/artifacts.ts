import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import yauzl from 'yauzl'
import { ArchiveError, EvidenceError } from '../errors.js'
import type { EvidenceSource, SourceFile } from '../evidence/source.js'
import type { EvidenceSpec } from '../policy/types.js'
import { githubError, type GitHubClient } from './client.js'

/**
 * Evidence from workflow artifacts. The run's artifacts are listed once; an artifact's zip is
 * never downloaded whole when storage honours Range requests: the central directory is read from
 * the tail and only the named entry's bytes are fetched, so a 2 KB metrics.json inside a 2 GB
 * model artifact costs two small reads. When ranges are refused the zip is streamed to a file
 * under RUNNER_TEMP and read from there. The signed storage URL is fetched WITHOUT the token.
 */

export interface ArtifactSourceOptions {
  owner: string
  repo: string
  runId: number
  /** Where a full download may go (RUNNER_TEMP); nothing is written outside it. */
  tempDir: string
  /** Largest evidence file accepted, uncompressed. */
  maxEntryBytes?: number
  /** Minimum bytes per storage read (small reads around one spot are merged into one). */
  blockBytes?: number
}

interface ArtifactInfo {
  id: number
  name: string
  size: number
  digest?: string
  expired: boolean
}

interface OpenArchive {
  zip: yauzl.ZipFile
  entries: Map<string, yauzl.Entry>
  artifact: ArtifactInfo
}

const DEFAULT_MAX_ENTRY = 256 << 20
const DEFAULT_BLOCK = 64 << 10
/** A zip entry that inflates more than this many times its compressed size is treated as a bomb. */
const MAX_RATIO = 1000

export class ArtifactEvidenceSource implements EvidenceSource {
  private listing?: Promise<ArtifactInfo[]>
  private readonly archives = new Map<string, Promise<OpenArchive>>()
  private readonly cleanups: Array<() => Promise<void>> = []
  /** Bytes received from artifact storage, for the bench. */
  storageBytes = 0

  constructor(
    private readonly client: GitHubClient,
    private readonly options: ArtifactSourceOptions
  ) {}

  async read(name: string, spec: EvidenceSpec, path: string): Promise<SourceFile> {
    const artifactName = spec.artifact
    if (!artifactName) throw new EvidenceError(`evidence "${name}" names no artifact`)
    const display = `artifact:${artifactName}/${path}`
    const archive = await this.open(artifactName)
    const wanted = normalizeEntryName(path)
    const entry = archive.entries.get(wanted)
    if (!entry) {
      const names = [...archive.entries.keys()].slice(0, 20)
      throw new EvidenceError(
        `evidence "${name}": no file ${wanted} in artifact ${artifactName} (it holds ${names.join(', ')}${archive.entries.size > names.length ? ', …' : ''})`,
        { file: display }
      )
    }
    const bytes = await this.extract(archive.zip, entry, display)
    return { display, bytes, ...(archive.artifact.digest && { artifactDigest: archive.artifact.digest }) }
  }

  /** Removes anything written under the temp dir. */
  async close(): Promise<void> {
    for (const archive of this.archives.values()) (await archive.catch(() => undefined))?.zip.close()
    await Promise.all(this.cleanups.map((cleanup) => cleanup()))
  }

  private list(): Promise<ArtifactInfo[]> {
    this.listing ??= (async () => {
      try {
        const artifacts = await this.client.paginate(this.client.actions.listWorkflowRunArtifacts, {
          owner: this.options.owner,
          repo: this.options.repo,
          run_id: this.options.runId,
          per_page: 100
        })
        return artifacts.map((a) => ({
          id: a.id,
          name: a.name,
          size: a.size_in_bytes,
          expired: a.expired,
          ...(a.digest && { digest: a.digest })
        }))
      } catch (error) {
        throw githubError(`listing the artifacts of workflow run ${this.options.runId}`, 'artifacts', error)
      }
    })()
    return this.listing
  }

  private open(artifactName: string): Promise<OpenArchive> {
    let archive = this.archives.get(artifactName)
    if (!archive) {
      archive = this.openUncached(artifactName)
      this.archives.set(artifactName, archive)
    }
    return archive
  }

  private async openUncached(artifactName: string): Promise<OpenArchive> {
    const artifacts = await this.list()
    // Re-uploads with the same name: the newest wins, as actions/download-artifact does.
    const artifact = artifacts.filter((a) => a.name === artifactName).sort((a, b) => b.id - a.id)[0]
    if (!artifact) {
      const names = artifacts.map((a) => a.name)
      throw new EvidenceError(
        `artifact "${artifactName}" is not among the artifacts of workflow run ${this.options.runId}${names.length > 0 ? ` (found: ${names.join(', ')})` : ' (it has none)'}`
      )
    }
    if (artifact.expired)
      throw new EvidenceError(`artifact "${artifactName}" of workflow run ${this.options.runId} has expired`)
    const location = await this.storageUrl(artifact)
    const reader = new HttpRangeReader(
      location,
      artifact.size,
      this.options.blockBytes ?? DEFAULT_BLOCK,
      (n) => {
        this.storageBytes += n
      }
    )
    let zip: yauzl.ZipFile
    try {
      zip = await fromReader(reader, artifact.size)
    } catch (error) {
      if (!(error instanceof RangesRefused)) throw archiveError(artifactName, error)
      zip = await this.downloadWhole(artifactName, location)
    }
    const entries = new Map<string, yauzl.Entry>()
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.endsWith('/')) {
          const key = normalizeEntryName(entry.fileName)
          if (entries.has(key)) {
            reject(
              new ArchiveError(
                `artifact ${artifactName} holds ${key} twice; refusing to guess which one is evidence`
              )
            )
            return
          }
          entries.set(key, entry)
        }
        zip.readEntry()
      })
      zip.on('end', () => resolve())
      zip.on('error', (error: Error) => reject(archiveError(artifactName, error)))
      zip.readEntry()
    })
    return { zip, entries, artifact }
  }

  /** The short-lived signed URL GitHub redirects an artifact download to. */
  private async storageUrl(artifact: ArtifactInfo): Promise<string> {
    try {
      const response = await this.client.request(
        'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}',
        {
          owner: this.options.owner,
          repo: this.options.repo,
          artifact_id: artifact.id,
          archive_format: 'zip',
          request: { redirect: 'manual' }
        }
      )
      const location = (response.headers as Record<string, string | undefined>).location
      if (!location) throw new Error(`expected a redirect to storage, got HTTP ${response.status}`)
      return location
    } catch (error) {
      const status = (error as { status?: number }).status
      if (status === 410 || status === 404)
        throw new EvidenceError(
          `artifact "${artifact.name}" (id ${artifact.id}) can no longer be downloaded (HTTP ${status}): it expired or was deleted; re-run the job that uploads it`
        )
      throw githubError(`downloading artifact "${artifact.name}"`, 'artifacts', error)
    }
  }

  private async downloadWhole(artifactName: string, location: string): Promise<yauzl.ZipFile> {
    const dir = await mkdtemp(join(this.options.tempDir, 'modelgate-artifact-'))
    this.cleanups.push(() => rm(dir, { recursive: true, force: true }))
    const file = join(dir, 'artifact.zip')
    const response = await fetch(location, { signal: AbortSignal.timeout(30 * 60_000) })
    if (!response.ok || !response.body)
      throw new EvidenceError(`artifact "${artifactName}": storage answered HTTP ${response.status}`)
    const counter = new PassThrough()
    counter.on('data', (chunk: Buffer) => {
      this.storageBytes += chunk.length
    })
    await pipeline(Readable.fromWeb(response.body as never), counter, createWriteStream(file))
    return new Promise((resolve, reject) =>
      yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, zip) =>
        error ? reject(archiveError(artifactName, error)) : resolve(zip)
      )
    )
  }

  private async extract(zip: yauzl.ZipFile, entry: yauzl.Entry, display: string): Promise<Buffer> {
    const max = this.options.maxEntryBytes ?? DEFAULT_MAX_ENTRY
    if (entry.uncompressedSize > max)
      throw new ArchiveError(
        `${entry.fileName} is ${entry.uncompressedSize} bytes; evidence files are limited to ${max}`,
        {
          file: display
        }
      )
    if (entry.compressedSize > 0 && entry.uncompressedSize / entry.compressedSize > MAX_RATIO)
      throw new ArchiveError(
        `${entry.fileName} inflates ${Math.round(entry.uncompressedSize / entry.compressedSize)}x; refusing a likely zip bomb`,
        {
          file: display
        }
      )
    const stream = await new Promise<Readable>((resolve, reject) =>
      zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s)))
    ).catch((error: unknown) => {
      throw new ArchiveError(`cannot read ${entry.fileName}: ${(error as Error).message}`, { file: display })
    })
    const chunks: Buffer[] = []
    let total = 0
    try {
      for await (const chunk of stream) {
        total += (chunk as Buffer).length
        // yauzl checks declared sizes too; this guards the memory while it streams.
        if (total > max)
          throw new ArchiveError(`${entry.fileName} is larger than declared`, { file: display })
        chunks.push(chunk as Buffer)
      }
    } catch (error) {
      if (error instanceof ArchiveError) throw error
      throw new ArchiveError(`cannot read ${entry.fileName}: ${(error as Error).message}`, { file: display })
    }
    return Buffer.concat(chunks)
  }
}

/** Entry names as users write them: no leading `./` or `/`, forward slashes. */
function normalizeEntryName(name: string): string {
  return name
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '')
}

function archiveError(artifactName: string, error: unknown): ArchiveError | EvidenceError {
  if (error instanceof ArchiveError || error instanceof EvidenceError) return error
  return new ArchiveError(`artifact "${artifactName}" is not a readable zip: ${(error as Error).message}`)
}

class RangesRefused extends Error {}

function fromReader(reader: HttpRangeReader, size: number): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromRandomAccessReader(reader, size, { lazyEntries: true, autoClose: false }, (error, zip) => {
      if (reader.refused) return reject(new RangesRefused())
      return error ? reject(error) : resolve(zip)
    })
  )
}

/**
 * yauzl reads through this: every read is an HTTP Range request (no credentials), merged into
 * blocks and cached, so the many small reads of a central directory cost one request.
 */
class HttpRangeReader extends yauzl.RandomAccessReader {
  private readonly blocks: Array<{ start: number; bytes: Buffer }> = []
  refused = false

  constructor(
    private readonly url: string,
    private readonly size: number,
    private readonly blockBytes: number,
    private readonly onBytes: (n: number) => void
  ) {
    super()
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const out = new PassThrough()
    this.fetchRange(start, end).then(
      (bytes) => out.end(bytes),
      (error: Error) => out.destroy(error)
    )
    return out
  }

  private cached(start: number, end: number): Buffer | undefined {
    for (const block of this.blocks) {
      if (block.start <= start && block.start + block.bytes.length >= end)
        return block.bytes.subarray(start - block.start, end - block.start)
    }
    return undefined
  }

  private async fetchRange(start: number, end: number): Promise<Buffer> {
    const hit = this.cached(start, end)
    if (hit) return hit
    const from = start
    const to = Math.min(this.size, Math.max(end, start + this.blockBytes))
    const response = await fetch(this.url, {
      headers: { range: `bytes=${from}-${to - 1}` },
      signal: AbortSignal.timeout(120_000)
    })
    if (response.status === 200) {
      // Storage ignored the range: stop here and let the caller stream the whole blob to disk.
      this.refused = true
      await response.body?.cancel()
      throw new RangesRefused('storage does not honour Range requests')
    }
    if (response.status !== 206)
      throw new Error(`artifact storage answered HTTP ${response.status} to a range request`)
    const bytes = Buffer.from(await response.arrayBuffer())
    this.onBytes(bytes.length)
    if (bytes.length < end - start)
      throw new Error(`artifact storage returned ${bytes.length} bytes, expected ${end - start}`)
    this.blocks.push({ start: from, bytes })
    return bytes.subarray(0, end - start)
  }
}
