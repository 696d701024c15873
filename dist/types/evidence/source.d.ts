import type { EvidenceSpec } from '../policy/types.js';
/** One file as an evidence source hands it over. */
export interface SourceFile {
    /** Human-readable origin for messages and records: a path or `artifact:<name>/<path>`. */
    display: string;
    bytes: Buffer;
    /** Digest of the workflow artifact the file came from (`sha256:…`), when it came from one. */
    artifactDigest?: string;
}
/**
 * Where evidence bytes come from: local files for the CLI, workflow artifacts for the action.
 * `path` is the file named by the spec (or by a related key such as `reference`).
 */
export interface EvidenceSource {
    read(name: string, spec: EvidenceSpec, path: string): Promise<SourceFile>;
}
