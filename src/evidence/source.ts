import type { EvidenceSpec } from '../policy/types.js'

/** Where an artifact came from: the workflow run that uploaded it, as GitHub reports it. */
export interface ArtifactOrigin {
  artifact: string
  artifact_id: number
  run_id: string
  /** The run's workflow (its name, or its file when it has none). */
  workflow: string
  head_sha: string
  /** `owner/repo` of the run's head commit. */
  head_repository: string
  /** The head repository is not this repository (a fork's pull request). */
  fork: boolean
}

/** One file as an evidence source hands it over. */
export interface SourceFile {
  /** Human-readable origin for messages and records: a path or `artifact:<name>/<path>`. */
  display: string
  /** How a record names the file when that differs from `display`: relative to the repository root. */
  recorded?: string
  bytes: Buffer
  /** Digest of the workflow artifact the file came from (`sha256:…`), when it came from one. */
  artifactDigest?: string
  /** The run that uploaded the artifact, when the file came from one. */
  origin?: ArtifactOrigin
}

/**
 * Where evidence bytes come from: local files for the CLI, workflow artifacts for the action.
 * `path` is the file named by the spec (or by a related key such as `reference`).
 */
export interface EvidenceSource {
  read(name: string, spec: EvidenceSpec, path: string): Promise<SourceFile>
}
