import type { EvidenceSet } from '../evidence/types.js';
import type { ChecksGate } from '../policy/types.js';
import type { ChecksByApp } from './types.js';
import type { Outcome } from './outcome.js';
/**
 * Every conclusion and state GitHub reports for check runs and commit statuses, and the statuses
 * of Evidently tests (SUCCESS, FAIL, WARNING, ERROR, SKIPPED). Anything else in an evidence
 * `checks` file is shown by type and size, never copied into the record.
 */
export declare const KNOWN_CONCLUSIONS: ReadonlySet<string>;
/**
 * Name → conclusion from evidence `checks` (`{ "unit-tests": "success" }` or `{ conclusion }` /
 * `{ state }` objects). A value that is neither becomes a conclusion naming what was found, so it
 * fails with a reason instead of vanishing into "not found". Undefined when the evidence is absent
 * or is not an object (see `malformedChecks`).
 */
export declare function checksFromEvidence(evidence: EvidenceSet, name?: string): Record<string, string> | undefined;
/**
 * Per app, from evidence `checks` entries written `{ "conclusion": …, "app": "<slug>" }`; entries
 * without an app belong to none, so a gate pinning an app never counts them.
 */
export declare function checksByAppFromEvidence(evidence: EvidenceSet, name?: string): ChecksByApp;
/** Why the checks evidence is present but unusable, or undefined when it is absent or usable. */
export declare function malformedChecks(evidence: EvidenceSet, name?: string): string | undefined;
/**
 * Every named check must have succeeded. Without `app`, `checks` holds one conclusion per name in
 * which a non-success from any app or status wins; with `app`, only that app's latest run of each
 * name counts (`byApp`), so neither another app's success nor its failure decides.
 */
export declare function evaluateChecksGate(gate: ChecksGate, allChecks: Readonly<Record<string, string>> | undefined, malformed?: string, byApp?: ChecksByApp): Outcome;
