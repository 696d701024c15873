import type { CountedApproval } from '../approvals/types.js';
import type { GateResult } from '../gates/types.js';
import type { RollbackPlan, Rollout } from '../policy/types.js';
import type { RecordedEvidenceValues } from './evidence-values.js';
export declare const PROMOTION_RECORD_SCHEMA = "modelgate/promotion-record/v1";
export interface RunContext {
    repository?: string;
    run_id?: string;
    attempt?: string;
    workflow?: string;
    /** Who triggered this attempt. */
    actor?: string;
    /** Who started the run (its first attempt). */
    requested_by?: string;
    /** Everyone else who started an attempt of the run (re-runs). */
    rerun_by?: string[];
    sha?: string;
    url?: string;
}
/** The promotion record (docs/records.md): written for every promotion, blocked attempt and rollback. */
export interface PromotionRecord {
    schema: typeof PROMOTION_RECORD_SCHEMA;
    /** `promotion`, `blocked` or `rollback` (optional; older readers may ignore it). */
    event: 'promotion' | 'blocked' | 'rollback';
    model: string;
    version: string;
    from_stage: string;
    to_stage: string;
    decision: 'promote' | 'block';
    gates: GateResult[];
    approvals: CountedApproval[];
    /**
     * How the approval rule came out: counts and status (optional; records
     * written before it have none).
     */
    approvals_summary?: {
        required: number;
        received: number;
        status: 'pass' | 'fail' | 'not_required';
        /** Reviews that did not count, with why (withdrawn by a later rejection, self-approval, …). */
        not_counted?: Array<{
            user: string;
            environment: string;
            reason: string;
        }>;
    };
    rollout: (Rollout & {
        current_step?: number;
        weight?: number;
    }) | null;
    rollback_to: string | null;
    rollback_plan?: RollbackPlan | null;
    baseline: {
        version: string | null;
        stage?: string;
    };
    evidence: Array<{
        name: string;
        source: string;
        sha256: string;
        artifact_digest?: string;
        /** The workflow run that uploaded the artifact: id, workflow, head SHA and repository. */
        origin?: {
            artifact: string;
            artifact_id?: number;
            run_id: string;
            workflow: string;
            head_sha: string;
            head_repository: string;
            fork?: boolean;
        };
    }>;
    artifacts: {
        model_digest?: string;
        data_snapshot?: string;
        code_commit?: string;
        environment_lock?: string;
        /** Where the model can be fetched from (`s3://…`, `hf://…`, `artifact:<name>`); checked when read back. */
        model_uri?: string;
    };
    /**
     * The policy that decided: its path relative to the repository root (or `<path>@<ref>` when read
     * at a ref), the sha256 of its bytes and their git blob id (records written before have none).
     */
    policy: {
        path: string;
        sha256: string;
        git_blob?: string;
    } | null;
    run: RunContext;
    reasons: string[];
    /**
     * A rollback's monitoring window: its triggers counted only samples from `since` (when the
     * version rolled back from took the stage) to `until` (the newest sample read).
     */
    monitoring_window?: {
        since: string;
        until: string | null;
    };
    /**
     * What the record keeps of each evidence file's values, bounded, so a later policy can be
     * replayed against it (`modelgate replay`). Absent in records written before it.
     */
    evidence_values?: RecordedEvidenceValues[];
    /** What was cut to keep the record's tag message under 64 KiB; absent when nothing was. */
    truncated?: string[];
    created_at: string;
}
