import type { ApprovalRule } from '../policy/types.js';
import type { ApprovalsResult, EnvironmentReview } from './types.js';
/**
 * Counts approvals per SPEC §3: state `approved`, an environment the policy names, one vote per
 * person however many environments they approved, and never the run's actor under
 * `prevent_self_approval`. Logins compare case-insensitively, as GitHub's do.
 */
export declare function countApprovals(reviews: readonly EnvironmentReview[], rule: ApprovalRule | undefined, actor?: string, observedAt?: string): ApprovalsResult;
/** The result for a step that needs no approval (a transition without a rule, a rollback). */
export declare function noApprovalsRequired(message: string): ApprovalsResult;
