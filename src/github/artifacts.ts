import { createHash } from 'node:crypto'
import type yauzl from 'yauzl'
import { EvidenceError } from '../errors.js'
import { LocalEvidenceSource } from '../evidence/local-source.js'
import type {
  ArtifactOrigin,
  EvidenceSource,
  ModelFileDigest,
  ModelFileRequest,
  ModelFileSource,
  SourceFile
} from '../evidence/source.js'
import type { EvidenceSpec } from '../policy/types.js'
import { githubError, type GitHubClient } from './client.js'
import { readWorkflowRun, type WorkflowRunInfo } from './runs.js'
import {
  assertExtractable,
  extractEntry,
  normalizeEntryName,
  readEntries,
  streamEntry,
  type ArchiveLimits
} from './zip-extract.js'
import { DEFAULT_BLOCK_BYTES, openRemoteZip, type RemoteZip } from './zip-range.js'

/**
 * Evidence from workflow artifacts. The run's artifacts are listed once; an artifact's zip is
 * never downloaded whole when storage honours Range requests (see zip-range.ts): the central
 * directory is read from the tail and only the named entry's bytes are fetched, so a 2 KB
 * metrics.json inside a 2 GB model artifact costs two small reads. When ranges are refused the
 * zip is streamed to a file under RUNNER_TEMP and read from there. The signed storage URL is
 * fetched WITHOUT the token.
 */

/** Bytes allowed for a local header's extra field beyond the central directory's (zip64, timestamps). */
const LOCAL_EXTRA_SLACK = 1024
/** Files larger than this report progress while hashed, at least every this many bytes (or 5%). */
const PROGRESS_STEP_BYTES = 256 << 20

const mebibytes = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`

export interface ArtifactSourceOptions {
  owner: string
  repo: string
  runId: number
  /** Where a full download may go (RUNNER_TEMP); nothing is written outside it. */
  tempDir: string
  /** Largest evidence file accepted, uncompressed (shorthand for `limits.maxEntryBytes`). */
  maxEntryBytes?: number
  /** Size, ratio and download caps for the archives. */
  limits?: ArchiveLimits
  /** Minimum bytes per storage read (small reads around one spot are merged into one). */
  blockBytes?: number
  /** Specs without `artifact:` are read from this directory; without it they are an error. */
  workspace?: string
  /** Milliseconds per storage backoff unit (default 1000; tests pass 1). */
  delayUnitMs?: number
  /** Per-request timeout of storage reads (default 120 s). */
  storageTimeoutMs?: number
  /** Piece size of long storage reads, streamed (a model file being hashed; default 16 MiB). */
  streamChunkBytes?: number
  /** Told how far hashing a large model file has got (the action logs it). */
  progress?: (message: string) => void
  /**
   * The run the action is part of: when the artifacts are its own and the listing says its head
   * is this repository, the run's workflow is known without reading the run.
   */
  currentRun?: { id: number; workflow: string }
}

/** One file read out of an artifact. */
export interface ArtifactFile {
  bytes: Buffer
  /** The artifact's `digest` from the list API (`sha256:…`), when GitHub reports one. */
  artifactDigest?: string
  /** Bytes received from storage for this read (the central directory counts on the first). */
  bytesTransferred: number
  /** Whether the zip was read with Range requests (false: downloaded whole). */
  usedRanges: boolean
}

export interface ArtifactInfo {
  id: number
  name: string
  size: number
  digest?: string
  expired: boolean
  createdAt?: string
  /** The run that uploaded it, as the listing reports it. */
  workflowRun?: { id?: number; headSha?: string; headRepositoryId?: number; repositoryId?: number }
}

interface OpenArchive {
  remote: RemoteZip
  entries: Map<string, yauzl.Entry>
  artifact: ArtifactInfo
}

/** A workflow run's artifacts: the listing and each opened archive are cached for the run. */
export class RunArtifacts {
  private listing?: Promise<ArtifactInfo[]>
  private readonly archives = new Map<string, Promise<OpenArchive>>()

  constructor(
    private readonly client: GitHubClient,
    private readonly options: ArtifactSourceOptions
  ) {}

  /** Bytes received from artifact storage so far. */
  get storageBytes(): number {
    let total = 0
    for (const bytes of this.received.values()) total += bytes()
    return total
  }
  private readonly received = new Map<string, () => number>()

  /** `path` inside the artifact named `artifactName`, as bytes. */
  async readFile(artifactName: string, path: string, display?: string): Promise<ArtifactFile> {
    const before = this.storageBytes
    const archive = await this.open(artifactName)
    const wanted = normalizeEntryName(path)
    const shown = display ?? `artifact:${artifactName}/${wanted}`
    const entry = archive.entries.get(wanted)
    if (!entry) {
      const names = [...archive.entries.keys()].slice(0, 20)
      throw new EvidenceError(
        `no file ${wanted} in artifact ${artifactName} (it holds ${names.join(', ') || 'nothing'}${archive.entries.size > names.length ? ', …' : ''})`,
        { file: shown }
      )
    }
    const limits = { ...this.options.limits }
    if (this.options.maxEntryBytes !== undefined) limits.maxEntryBytes = this.options.maxEntryBytes
    assertExtractable(entry, limits, shown)
    // The local header repeats the name and may carry its own extra field: allow for both.
    const start = entry.relativeOffsetOfLocalHeader
    const headerRoom = 30 + entry.fileNameLength + entry.extraFieldLength + LOCAL_EXTRA_SLACK
    await archive.remote.prefetch(start, start + headerRoom + entry.compressedSize)
    const bytes = await extractEntry(archive.remote.zip, entry, limits, shown)
    return {
      bytes,
      ...(archive.artifact.digest && { artifactDigest: archive.artifact.digest }),
      bytesTransferred: this.storageBytes - before,
      usedRanges: archive.remote.usedRanges
    }
  }

  /**
   * The sha256 of `path` inside the artifact (no path: its only file), streamed through the hash
   * as it arrives — the file is never held in memory or written to disk. Refused before a byte is
   * read when it is a symbolic link, encrypted, declared larger than `maxBytes` or inflates like a
   * zip bomb; stopped past `maxBytes` when its header lies.
   */
  async digestFile(
    artifactName: string,
    path: string | undefined,
    maxBytes: number
  ): Promise<ModelFileDigest> {
    const archive = await this.open(artifactName)
    let name: string
    if (path === undefined) {
      if (archive.entries.size !== 1)
        throw new EvidenceError(
          `artifact ${artifactName} holds ${archive.entries.size} files; model_uri artifact:${artifactName} names the artifact's only file, so name the model file (artifact:${artifactName}/<path>)`
        )
      name = [...archive.entries.keys()][0]!
    } else name = normalizeEntryName(path)
    const display = `artifact:${artifactName}/${name}`
    const entry = archive.entries.get(name)
    if (!entry) throw new EvidenceError(`no file ${name} in artifact ${artifactName}`, { file: display })
    const limits: ArchiveLimits = { ...this.options.limits, maxEntryBytes: maxBytes, kind: 'model files' }
    assertExtractable(entry, limits, display)
    const hash = createHash('sha256')
    const total = entry.uncompressedSize
    const step = Math.max(PROGRESS_STEP_BYTES, Math.ceil(total / 20))
    let next = total > PROGRESS_STEP_BYTES ? step : Infinity
    let hashed = 0
    this.options.progress?.(
      `modelgate: hashing ${display} (${mebibytes(total)}) to compare with lineage model_digest`
    )
    await streamEntry(archive.remote.zip, entry, limits, display, (chunk) => {
      hash.update(chunk)
      hashed += chunk.length
      if (hashed >= next) {
        this.options.progress?.(`modelgate: hashed ${mebibytes(hashed)} of ${mebibytes(total)} of ${display}`)
        next += step
      }
    })
    return { digest: `sha256:${hash.digest('hex')}`, path: name, bytes: hashed }
  }

  /**
   * Where the artifact named `artifactName` came from. Its own run's artifacts whose head is this
   * repository (the listing says so) cost nothing more; anything else — another run, a fork's,
   * a listing without the run — reads the run once.
   */
  async origin(artifactName: string): Promise<ArtifactOrigin> {
    const artifact = pickArtifact(await this.list(), artifactName, this.options.runId)
    const listed = artifact.workflowRun
    const runId = listed?.id ?? this.options.runId
    const current = this.options.currentRun
    const own = `${this.options.owner}/${this.options.repo}`
    const base = { artifact: artifact.name, artifact_id: artifact.id, run_id: String(runId) }
    if (
      current &&
      runId === current.id &&
      listed?.headSha &&
      listed.headRepositoryId !== undefined &&
      listed.headRepositoryId === listed.repositoryId
    )
      return {
        ...base,
        workflow: current.workflow,
        head_sha: listed.headSha,
        head_repository: own,
        fork: false
      }
    const run = await this.run(runId)
    return {
      ...base,
      workflow: run.workflow || run.workflowPath,
      head_sha: run.headSha,
      head_repository: run.headRepository,
      fork: run.headRepository.toLowerCase() !== own.toLowerCase()
    }
  }

  private readonly runs = new Map<number, Promise<WorkflowRunInfo>>()
  private run(runId: number): Promise<WorkflowRunInfo> {
    let run = this.runs.get(runId)
    if (!run) {
      run = readWorkflowRun(this.client, { owner: this.options.owner, repo: this.options.repo }, runId)
      run.catch(() => this.runs.delete(runId))
      this.runs.set(runId, run)
    }
    return run
  }

  /** The run's artifacts, all pages, listed once. */
  list(): Promise<ArtifactInfo[]> {
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
          ...(a.digest && { digest: a.digest }),
          ...(a.created_at && { createdAt: a.created_at }),
          ...(a.workflow_run && {
            workflowRun: {
              ...(a.workflow_run.id !== undefined && { id: a.workflow_run.id }),
              ...(a.workflow_run.head_sha !== undefined && { headSha: a.workflow_run.head_sha }),
              ...(a.workflow_run.head_repository_id !== undefined && {
                headRepositoryId: a.workflow_run.head_repository_id
              }),
              ...(a.workflow_run.repository_id !== undefined && {
                repositoryId: a.workflow_run.repository_id
              })
            }
          })
        }))
      } catch (error) {
        this.listing = undefined
        throw githubError(`listing the artifacts of workflow run ${this.options.runId}`, 'artifacts', error)
      }
    })()
    return this.listing
  }

  /** Closes the archives and removes anything written under the temp dir. */
  async close(): Promise<void> {
    for (const archive of this.archives.values()) {
      const open = await archive.catch(() => undefined)
      if (!open) continue
      open.remote.zip.close()
      await open.remote.close()
    }
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
    const artifact = pickArtifact(await this.list(), artifactName, this.options.runId)
    const label = `artifact "${artifactName}"`
    const remote = await openRemoteZip({
      url: await this.storageUrl(artifact),
      relocate: () => this.storageUrl(artifact),
      label,
      size: artifact.size,
      blockBytes: this.options.blockBytes ?? DEFAULT_BLOCK_BYTES,
      tempDir: this.options.tempDir,
      ...(this.options.limits?.maxArchiveBytes !== undefined && {
        maxArchiveBytes: this.options.limits.maxArchiveBytes
      }),
      ...(this.options.delayUnitMs !== undefined && { delayUnitMs: this.options.delayUnitMs }),
      ...(this.options.storageTimeoutMs !== undefined && { timeoutMs: this.options.storageTimeoutMs }),
      ...(this.options.streamChunkBytes !== undefined && { streamChunkBytes: this.options.streamChunkBytes })
    })
    this.received.set(artifactName, () => remote.storage.bytes)
    try {
      return { remote, entries: await readEntries(remote.zip, label), artifact }
    } catch (error) {
      remote.zip.close()
      await remote.close()
      throw error
    }
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
          // Follow the redirect ourselves: fetch would carry the Authorization header along.
          request: { redirect: 'manual' }
        }
      )
      const location = (response.headers as Record<string, string | undefined>).location
      if (!location) throw new EvidenceError(`expected a redirect to storage, got HTTP ${response.status}`)
      return location
    } catch (error) {
      if (error instanceof EvidenceError) throw error
      const status = (error as { status?: number }).status
      if (status === 410 || status === 404)
        throw new EvidenceError(
          `artifact "${artifact.name}" (id ${artifact.id}) can no longer be downloaded (HTTP ${status}): it expired or was deleted; re-run the job that uploads it`
        )
      throw githubError(`downloading artifact "${artifact.name}"`, 'artifacts', error)
    }
  }
}

/**
 * Re-uploads under one name (re-runs, matrix jobs that overwrite): the newest live one wins, as
 * actions/download-artifact does. Only expired ones: a clear error, not stale evidence.
 */
export function pickArtifact(artifacts: readonly ArtifactInfo[], name: string, runId: number): ArtifactInfo {
  const named = artifacts.filter((a) => a.name === name)
  const newestFirst = (a: ArtifactInfo, b: ArtifactInfo): number =>
    Date.parse(b.createdAt ?? '') - Date.parse(a.createdAt ?? '') || b.id - a.id
  const live = named.filter((a) => !a.expired).sort(newestFirst)
  if (live[0]) return live[0]
  if (named.length > 0)
    throw new EvidenceError(
      `artifact "${name}" of workflow run ${runId} has expired (retention ended); re-run the job that uploads it, or raise its retention-days`
    )
  const names = [...new Set(artifacts.map((a) => a.name))]
  throw new EvidenceError(
    `artifact "${name}" is not among the artifacts of workflow run ${runId}${names.length > 0 ? ` (found: ${names.join(', ')})` : ' (it has none)'}`
  )
}

/**
 * The action's evidence source: a spec with `artifact:` reads the file from that workflow
 * artifact (three files in one artifact: one listing, one central directory, three entry reads);
 * a spec without reads from the workspace when one is given.
 */
export class ArtifactEvidenceSource implements EvidenceSource, ModelFileSource {
  readonly artifacts: RunArtifacts
  private readonly local?: EvidenceSource

  constructor(client: GitHubClient, options: ArtifactSourceOptions) {
    this.artifacts = new RunArtifacts(client, options)
    if (options.workspace !== undefined)
      this.local = new LocalEvidenceSource(options.workspace, 'the workspace', options.workspace)
  }

  /** Bytes received from artifact storage, for the bench. */
  get storageBytes(): number {
    return this.artifacts.storageBytes
  }

  async read(name: string, spec: EvidenceSpec, path: string): Promise<SourceFile> {
    const artifactName = spec.artifact
    if (!artifactName) {
      if (this.local) return this.local.read(name, spec, path)
      throw new EvidenceError(`evidence "${name}" names no artifact`)
    }
    const display = `artifact:${artifactName}/${path}`
    try {
      // Provenance before content: a fork's artifact is refused before a byte of it is read.
      const origin = await this.artifacts.origin(artifactName)
      if (origin.fork && !spec.allow_fork_runs)
        throw new EvidenceError(
          `evidence "${name}": artifact "${artifactName}" was uploaded by workflow run ${origin.run_id}, whose head repository ${origin.head_repository} is not this repository (a fork's pull request); set allow_fork_runs: true on evidence ${name} in the policy to accept it`,
          { file: display }
        )
      const file = await this.artifacts.readFile(artifactName, path, display)
      return {
        display,
        bytes: file.bytes,
        ...(file.artifactDigest && { artifactDigest: file.artifactDigest }),
        origin
      }
    } catch (error) {
      if (error instanceof EvidenceError && !error.message.startsWith('evidence "'))
        throw new EvidenceError(`evidence "${name}": ${error.message}`, error.location ?? { file: display })
      throw error
    }
  }

  /**
   * The digest of a model file a lineage model_uri names (`artifact:<name>/<path>`), from the same
   * run's artifacts as the evidence, under the same provenance rule: a fork's artifact is refused
   * before a byte of it is read unless the lineage evidence allows fork runs.
   */
  async digest(request: ModelFileRequest): Promise<ModelFileDigest> {
    const origin = await this.artifacts.origin(request.artifact)
    if (origin.fork && !request.allowForkRuns)
      throw new EvidenceError(
        `artifact "${request.artifact}" was uploaded by workflow run ${origin.run_id}, whose head repository ${origin.head_repository} is not this repository (a fork's pull request)`
      )
    return this.artifacts.digestFile(request.artifact, request.path, request.maxBytes)
  }

  /** Removes anything written under the temp dir. */
  close(): Promise<void> {
    return this.artifacts.close()
  }
}

/** One file of one artifact of a run, in one call (lists, locates, reads; nothing cached). */
export async function readArtifactFile(
  client: GitHubClient,
  options: ArtifactSourceOptions & { artifact: string; path: string }
): Promise<ArtifactFile> {
  const artifacts = new RunArtifacts(client, options)
  try {
    return await artifacts.readFile(options.artifact, options.path)
  } finally {
    await artifacts.close()
  }
}
