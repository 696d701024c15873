import type { KeyPath } from './locate.js';
import type { PolicyInput } from './schema.js';
import type { Policy } from './types.js';
/** Raises a located PolicyError; `atKey` points at the key rather than its value. */
export type Fail = (message: string, path: KeyPath, atKey?: boolean) => never;
/** The pseudo-stage of versions once assigned and in no stage now: a policy cannot declare it. */
export declare const ARCHIVED_STAGE = "archived";
/**
 * Turns a schema-valid policy into the engine's form, enforcing the rules that span fields:
 * declared stages, one check kind per gate, unique ids, coherent bounds and rollout plans.
 */
export declare function normalizePolicy(input: PolicyInput, fail: Fail): Policy;
