import type { Policy } from './types.js';
/**
 * Parses and validates a policy (YAML or JSON; JSON is YAML). Every error is a PolicyError that
 * names file:line:column, the key path, and what was expected.
 */
export declare function parsePolicy(text: string, file: string): Policy;
/** Parses and fingerprints a policy read from elsewhere (the repository at a pinned ref). */
export declare function policyFromText(text: string, file: string): Policy;
/** Reads, parses and fingerprints a policy file. */
export declare function loadPolicy(file: string): Promise<Policy>;
