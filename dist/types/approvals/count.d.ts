import type { ApprovalRule } from '../policy/types.js';
import type { ApprovalsResult, EnvironmentReview } from './types.js';
/**
 * Counts approvals: state `approved`, an environment the policy names, each reviewer's LATEST
 * decision per environment (an approval followed by a rejection is withdrawn), one vote per
 * person however many environments they approved, and never anyone who requested the run (the
 * original actor, the triggering actor of any attempt) under `prevent_self_approval`. Logins
 * compare case-insensitively, as GitHub's do. Every review entry ends up either counted or
 * ignored with its reason.
 */
export declare function countApprovals(reviews: readonly EnvironmentReview[], rule: ApprovalRule | undefined, requesters?: string | readonly string[], observedAt?: string): ApprovalsResult;
/** The result for a step that needs no approval (a transition without a rule, a rollback). */
export declare function noApprovalsRequired(message: string): ApprovalsResult;
