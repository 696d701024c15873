import type { EnvironmentReview, IgnoredApproval } from './types.js';
/**
 * Whether the environments a policy counts approvals from really guarded this run, as a pure
 * function of what GitHub says about them. Where the facts come from (one request per
 * environment, or one listing of all of them) is the caller's business.
 */
export type EnvironmentReviewer = {
    type: 'User';
    login: string;
    id?: number;
} | {
    type: 'Team';
    slug: string;
    id?: number;
};
/** A deployment-branch rule of an environment (`GET …/deployment-branch-policies`). */
export interface BranchPattern {
    name: string;
    type: 'branch' | 'tag';
}
export interface EnvironmentFacts {
    name: string;
    exists: boolean;
    /** The `required_reviewers` rule's reviewers; empty when the environment has no such rule. */
    reviewers: EnvironmentReviewer[];
    /** `can_admins_bypass`; undefined where the API does not report it (treated as a bypass). */
    canAdminsBypass?: boolean;
    /**
     * Which refs may deploy: `all` (no deployment-branch policy), `protected` (protected branches
     * only, with whether the run's branch is one) or `custom` (name patterns).
     */
    branches: {
        kind: 'all';
    } | {
        kind: 'protected';
        refIsProtected: boolean;
    } | {
        kind: 'custom';
        patterns: BranchPattern[];
    };
}
export type AdminBypass = 'refuse' | 'warn';
export interface GuardOptions {
    /** `owner/repo`, for messages. */
    repository?: string;
    /** The run's ref, `GITHUB_REF` (`refs/heads/main`, `refs/tags/v1`); empty when unknown. */
    ref: string;
    /** What to do when administrators may bypass an environment's protection rules. */
    adminBypass: AdminBypass;
}
export interface GuardReport {
    /** Each makes the environment's approvals worthless: the promotion must not go on. */
    problems: string[];
    /** Accepted by option (`admin-bypass: warn`), but worth a line in the log. */
    warnings: string[];
}
/**
 * How to fix it. The plan restriction is GitHub's: "Required reviewers" is available in public
 * repositories on every plan, in private ones only on Enterprise (docs: "Deployments and
 * environments" → "Required reviewers").
 */
export declare function protectionHowTo(environment: string): string;
/** Fails closed on anything that lets a job through an environment without its reviewers. */
export declare function checkEnvironmentGuard(environments: readonly EnvironmentFacts[], options: GuardOptions): GuardReport;
/** `refs/heads/x` → branch x, `refs/tags/v1` → tag v1; anything else (pull refs) is neither. */
export declare function parseRef(ref: string): {
    type: 'branch' | 'tag';
    name: string;
} | undefined;
/**
 * GitHub's deployment-branch patterns (Ruby `File.fnmatch` with FNM_PATHNAME; GitHub: "wildcard
 * characters will not match `/`"): `*` and `?` do not match `/`; `**` followed by `/` matches
 * any number of directories (none included), elsewhere it is `*`; `[…]` is a character class;
 * everything else is literal.
 */
export declare function globMatches(pattern: string, name: string): boolean;
export interface ScreenedReviews {
    reviews: EnvironmentReview[];
    /** Approvals set aside before counting, with why (shown beside the counted ones). */
    ignored: IgnoredApproval[];
}
/**
 * Keeps an approval for an environment only when its author is one of that environment's
 * reviewers. User reviewers are compared by id where both sides carry one, else by login. A team
 * reviewer cannot be expanded with the workflow's token (team membership needs organization
 * permissions it does not have), so an approval for an environment with a team reviewer is taken
 * as GitHub enforced it (only eligible reviewers can approve) — unless administrators may bypass
 * that environment's rules (or GitHub does not say whether they may), where an administrator's
 * approval is indistinguishable from a team member's; then only listed users count.
 */
export declare function screenReviews(reviews: readonly EnvironmentReview[], environments: readonly EnvironmentFacts[]): ScreenedReviews;
