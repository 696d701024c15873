import type { EvidenceSpec } from '../policy/types.js';
/** Where an artifact came from: the workflow run that uploaded it, as GitHub reports it. */
export interface ArtifactOrigin {
    artifact: string;
    artifact_id: number;
    run_id: string;
    /** The run's workflow (its name, or its file when it has none). */
    workflow: string;
    head_sha: string;
    /** `owner/repo` of the run's head commit. */
    head_repository: string;
    /** The head repository is not this repository (a fork's pull request). */
    fork: boolean;
}
/** One file as an evidence source hands it over. */
export interface SourceFile {
    /** Human-readable origin for messages and records: a path or `artifact:<name>/<path>`. */
    display: string;
    /** How a record names the file when that differs from `display`: relative to the repository root. */
    recorded?: string;
    bytes: Buffer;
    /** Digest of the workflow artifact the file came from (`sha256:…`), when it came from one. */
    artifactDigest?: string;
    /** The run that uploaded the artifact, when the file came from one. */
    origin?: ArtifactOrigin;
}
/**
 * Where evidence bytes come from: local files for the CLI, workflow artifacts for the action.
 * `path` is the file named by the spec (or by a related key such as `reference`).
 */
export interface EvidenceSource {
    read(name: string, spec: EvidenceSpec, path: string): Promise<SourceFile>;
}
/** A model file inside a workflow artifact; no `path`: the artifact's only file. */
export interface ModelFileRequest {
    artifact: string;
    path?: string;
    /** Largest file hashed, uncompressed; a larger one (declared or streamed) is refused. */
    maxBytes: number;
    /** Accept the artifact from a run whose head repository is a fork (the lineage evidence allows it). */
    allowForkRuns: boolean;
}
/** What hashing the file found: its digest, the file inside the artifact and its size. */
export interface ModelFileDigest {
    /** `sha256:<64 hex>` of the file's bytes. */
    digest: string;
    /** The file's name inside the artifact. */
    path: string;
    bytes: number;
}
/**
 * Recomputes the digest of a model file where it lies (a workflow artifact, in the action),
 * streaming: the file is never held in memory. Throws EvidenceError/ArchiveError when the file is
 * absent, refused (too large, a likely zip bomb, a symbolic link) or unreadable.
 */
export interface ModelFileSource {
    digest(request: ModelFileRequest): Promise<ModelFileDigest>;
}
