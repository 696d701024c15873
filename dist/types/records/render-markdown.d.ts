import type { Decision } from '../gates/types.js';
/** The gate table an auditor reads; the job summary and the release notes both use it. */
export declare function renderGateTable(decision: Pick<Decision, 'gates'>): string;
/** Decision as markdown: heading, gate table, approvals, plan, reasons. */
export declare function renderDecisionMarkdown(decision: Decision): string;
export declare function renderApprovalsMarkdown(decision: Pick<Decision, 'approvals'>): string;
