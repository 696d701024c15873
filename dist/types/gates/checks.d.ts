import type { EvidenceSet } from '../evidence/types.js';
import type { ChecksGate } from '../policy/types.js';
import type { Outcome } from './outcome.js';
/** Name → conclusion from evidence `checks` (`{ "unit-tests": "success" }` or `{ conclusion }`/`{ state }` objects). */
export declare function checksFromEvidence(evidence: EvidenceSet): Record<string, string> | undefined;
export declare function evaluateChecksGate(gate: ChecksGate, checks: Readonly<Record<string, string>> | undefined): Outcome;
