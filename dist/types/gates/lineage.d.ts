import type { EvidenceSet } from '../evidence/types.js';
import type { LineageField, LineageGate } from '../policy/types.js';
import type { Outcome } from './outcome.js';
import type { ModelFileCheck } from './types.js';
/** What is wrong with a model URI, or null when it is well-formed. */
export declare function modelUriProblem(value: string): string | null;
/** What well-formed means per field; each rule says what it expects. */
export declare const LINEAGE_RULES: Record<LineageField, {
    test: (v: string) => boolean;
    expected: string;
}>;
/** A lineage field as the record may show it: well-formed values as they are, others described. */
export declare function lineageValueShown(field: LineageField, value: unknown): unknown;
/**
 * Largest model file whose digest is recomputed when the gate does not say otherwise
 * (`max_model_file_bytes`): 16 GiB, uncompressed. Hashing streams, so the bound is about time and
 * transfer (a model artifact is read once, whole), not memory.
 */
export declare const DEFAULT_MAX_MODEL_FILE_BYTES: number;
/** The file a lineage `model_uri: artifact:<name>[/<path>]` names: no path means the artifact's only file. */
export interface ArtifactModelFile {
    artifact: string;
    path?: string;
}
/**
 * Where `artifact:<name>[/<path>]` points, or what stops it naming one file: the URI must be
 * well-formed (no `..`, `%`, `\\` or empty segment, so no path can climb out of the artifact) and
 * name a file, not a directory (a digest is one file's).
 */
export declare function artifactModelFile(uri: string): ArtifactModelFile | {
    problem: string;
};
/**
 * The `model_uri` whose file a lineage gate must hash: the gate lists `model_digest` (it vouches
 * for the digest), has not opted out, and the lineage names the model inside a workflow artifact.
 * Other schemes (s3://, hf://, …) name storage modelgate does not read; the digest is then only
 * checked for form, or against `--model-file` when one is given.
 */
export declare function modelFileToVerify(gate: LineageGate, lineage: unknown): string | undefined;
/**
 * Lineage fields must be well-formed; `model_digest` must match the model file when one was
 * hashed — the `--model-file` handed in, or the file an `artifact:` model_uri names, hashed by the
 * shell (`modelFiles`; one that was not, or could not be, fails closed) — and `code_commit` the
 * commit the version was registered on when that is known (a lineage file from another build
 * cannot vouch for this one).
 */
export declare function evaluateLineageGate(gate: LineageGate, candidate: EvidenceSet, modelDigest: string | undefined, registeredCommit?: string, modelFiles?: ReadonlyMap<string, ModelFileCheck>): Outcome;
