import type { Decision } from '../gates/types.js';
import type { PromotionRecord } from './types.js';
/** The gate table an auditor reads; the job summary and the release notes both use it. */
export declare function renderGateTable(decision: Pick<Decision, 'gates'>): string;
/** Decision as markdown: heading, gate table, approvals, plan, reasons. */
export declare function renderDecisionMarkdown(decision: Decision): string;
export declare function renderApprovalsMarkdown(decision: Pick<Decision, 'approvals'>): string;
/**
 * Release notes for one record, the page an auditor reads: what was decided, on which evidence
 * (with digests), under which policy, approved by whom, and what happens next (rollout and
 * rollback). Every string in a record is untrusted and escaped; links are http(s) only.
 */
export declare function renderRecordMarkdown(record: PromotionRecord, links?: {
    release?: string;
    run?: string;
}): string;
