import type { ApprovalsResult, EnvironmentReview, IgnoredApproval } from '../approvals/types.js';
import type { EvidenceSet } from '../evidence/types.js';
import type { GateKind, Policy, RollbackPlan, Rollout, Severity } from '../policy/types.js';
export type GateStatus = 'pass' | 'fail' | 'warn' | 'missing' | 'error' | 'skipped';
export interface GateResult {
    id: string;
    kind: GateKind;
    status: GateStatus;
    severity: Severity;
    optional: boolean;
    /** True when this result stops the promotion. */
    blocking: boolean;
    metric?: string;
    observed?: unknown;
    /** Human-readable threshold, e.g. `max 80`, `≥ +0.02 vs baseline 0.85`. */
    threshold?: string;
    baseline?: unknown;
    /** Where the baseline value came from: `v1.0.0's prod promotion record, 2026-11-02`, or its evidence file. */
    baseline_source?: string;
    message: string;
}
export interface EvaluationRequest {
    model: string;
    version: string;
    to: string;
    from?: string;
}
/** A value the baseline version's own promotion records observed, and which record said so. */
export interface RecordedBaselineValue {
    value: number;
    /** `v1.0.0's prod promotion record, 2026-11-02` */
    source: string;
}
export interface BaselineInput {
    /** The version now in the policy's baseline stage; null when there is none (first model). */
    version: string | null;
    evidence: EvidenceSet;
    /**
     * Metric path → the value the baseline's records observed (read from the registry by the
     * lifecycle). Preferred over `evidence`, which is the fallback when given.
     */
    recorded?: ReadonlyMap<string, RecordedBaselineValue>;
}
/** The model file a lineage `model_uri: artifact:…` names, as the shell found it. */
export type ModelFileCheck = {
    status: 'hashed';
    /** The artifact and the file inside it that was hashed. */
    artifact: string;
    path: string;
    /** `sha256:<64 hex>` of the file's bytes. */
    digest: string;
    bytes: number;
} | {
    status: 'unchecked';
    artifact: string;
    path?: string;
    reason: string;
};
/** Check results per GitHub App slug: check name → conclusion of that app's latest run. */
export type ChecksByApp = Readonly<Record<string, Readonly<Record<string, string>>>>;
export interface EvaluationInput {
    policy: Policy;
    request: EvaluationRequest;
    candidate: EvidenceSet;
    baseline: BaselineInput;
    /** Check name → conclusion (`success`, `failure`, …), from GitHub or evidence `checks`. */
    checks?: Readonly<Record<string, string>>;
    /** The same per GitHub App (slug → name → conclusion of that app's latest run), for gates pinning `app:`. */
    checksByApp?: ChecksByApp;
    /** `sha256:<hex>` of the model file, recomputed by the shell when the file is at hand. */
    modelDigest?: string;
    /**
     * What the shell found for each `artifact:` model_uri a lineage gate must verify (keyed by the
     * URI as written): the file's recomputed digest, or why it could not be hashed. A URI missing
     * here was not checked, and the gate fails closed.
     */
    modelFiles?: ReadonlyMap<string, ModelFileCheck>;
    /** The commit the candidate version was registered on (a `lineage` gate's code_commit must be it). */
    registeredCommit?: string;
    approvals?: {
        reviews: readonly EnvironmentReview[];
        /** Who triggered the run; kept for callers of the library that name one person. */
        actor?: string;
        /** Everyone who requested the run or one of its attempts. */
        requesters?: readonly string[];
        observedAt?: string;
        /** Approvals set aside before counting (not by the environment's reviewers), with why. */
        screened?: readonly IgnoredApproval[];
    };
}
/** `evaluate --format json` (docs/cli.md#json-output), plus the plan parts records need. */
export interface Decision {
    model: string;
    version: string;
    from: string;
    to: string;
    decision: 'promote' | 'block';
    gates: GateResult[];
    approvals: ApprovalsResult;
    reasons: string[];
    rollout?: Rollout;
    rollback?: RollbackPlan;
}
