import type { Decision } from '../gates/types.js';
import type { PromotionRecord } from './types.js';
/** The gate table an auditor reads; the job summary and the release notes both use it. */
export declare function renderGateTable(decision: Pick<Decision, 'gates'>): string;
/** Decision as markdown: heading, gate table, approvals, plan, reasons. */
export declare function renderDecisionMarkdown(decision: Decision): string;
export declare function renderApprovalsMarkdown(decision: Pick<Decision, 'approvals'>): string;
/** `run 123 (train) of acme/models at 1a2b3c4d5e6f`, flagged when the head was a fork. */
export declare function originCell(origin: PromotionRecord['evidence'][number]['origin']): string;
/**
 * Release notes for one record, the page an auditor reads: what was decided, on which evidence
 * (with digests), under which policy, approved by whom, and what happens next (rollout and
 * rollback). Every string in a record is untrusted and escaped; links are http(s) only.
 */
export declare function renderRecordMarkdown(record: PromotionRecord, links?: {
    release?: string;
    run?: string;
}, 
/** The model's records oldest first (this one last): charts of the stage's recent versions. */
history?: readonly PromotionRecord[]): string;
/** GitHub refuses release bodies over 125,000 characters. */
export declare const MAX_RELEASE_NOTES = 125000;
/**
 * Release notes that fit GitHub's body limit: cut at a line boundary with a closing line saying
 * how much was left out and where the whole record is, never cut silently.
 */
export declare function fitReleaseNotes(notes: string, max?: number): string;
