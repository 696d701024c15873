import type { Policy } from './types.js';
/**
 * Parses and validates a policy (YAML or JSON; JSON is YAML). Every error is a PolicyError that
 * names file:line:column, the key path, and what was expected.
 */
export declare function parsePolicy(text: string, file: string): Policy;
/**
 * The id git gives these bytes as a blob (`git hash-object`): sha1 over `blob <length>\0` and the
 * bytes, computed here rather than by a git process. SHA-1 object ids are what nearly every
 * repository uses; one created with `--object-format=sha256` names blobs otherwise, and a record's
 * `sha256` field still identifies the bytes there.
 */
export declare function gitBlobId(bytes: Uint8Array): string;
/** Parses and fingerprints a policy read from elsewhere (the repository at a pinned ref). */
export declare function policyFromText(text: string, file: string): Policy;
/** Reads, parses and fingerprints a policy file. */
export declare function loadPolicy(file: string): Promise<Policy>;
