/** One entry of GitHub's `GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals` response. */
export interface EnvironmentReview {
    state: string;
    comment?: string | null;
    environments: Array<{
        name?: string | null;
        id?: number;
    }>;
    user: {
        login: string;
        id?: number;
        type?: string;
    } | null;
}
export interface CountedApproval {
    user: string;
    environment: string;
    comment: string;
    /** When modelgate observed it (the API gives no timestamp). */
    at?: string;
}
export interface IgnoredApproval {
    user: string;
    environment: string;
    reason: string;
}
export interface ApprovalsResult {
    required: number;
    received: number;
    status: 'pass' | 'fail' | 'not_required';
    environments: string[];
    approvers: CountedApproval[];
    ignored: IgnoredApproval[];
    message: string;
}
