import type { EvidenceSet } from '../evidence/types.js';
import type { ChecksGate } from '../policy/types.js';
import type { Outcome } from './outcome.js';
/**
 * Name → conclusion from evidence `checks` (`{ "unit-tests": "success" }` or `{ conclusion }` /
 * `{ state }` objects). A value that is neither becomes a conclusion naming what was found, so it
 * fails with a reason instead of vanishing into "not found". Undefined when the evidence is absent
 * or is not an object (see `malformedChecks`).
 */
export declare function checksFromEvidence(evidence: EvidenceSet): Record<string, string> | undefined;
/** Why evidence `checks` is present but unusable, or undefined when it is absent or usable. */
export declare function malformedChecks(evidence: EvidenceSet): string | undefined;
export declare function evaluateChecksGate(gate: ChecksGate, checks: Readonly<Record<string, string>> | undefined, malformed?: string): Outcome;
