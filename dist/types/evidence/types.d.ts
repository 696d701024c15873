import type { EvidenceFormat } from '../policy/types.js';
import type { ArtifactOrigin } from './source.js';
/** One named report, read and normalised. `data` is what metric paths are resolved against. */
export interface LoadedEvidence {
    name: string;
    format: EvidenceFormat;
    /** Human-readable origin: a file path, or `artifact:<name>/<path>`. */
    source: string;
    /** sha256 (hex) of the bytes read. */
    sha256: string;
    data: unknown;
    /** Digest of the workflow artifact it came from, when it came from one. */
    artifactDigest?: string;
    /** The workflow run that uploaded that artifact. */
    origin?: ArtifactOrigin;
}
export type EvidenceSet = ReadonlyMap<string, LoadedEvidence>;
