import type { ScreenedReviews } from '../approvals/guard.js';
import type { EnvironmentReview } from '../approvals/types.js';
import type { EvidenceSource, ModelFileSource } from '../evidence/source.js';
import type { ChecksByApp, EvaluationInput } from '../gates/types.js';
import type { Policy } from '../policy/types.js';
export interface EvaluationOptions {
    model: string;
    version: string;
    to: string;
    from?: string;
    /** `--evidence name=path` overrides of the policy's evidence paths. */
    evidence?: ReadonlyMap<string, string>;
    /** `--baseline-evidence name=path`. */
    baselineEvidence?: ReadonlyMap<string, string>;
    /** The version in the baseline stage: a version, null for none, undefined to infer. */
    baselineVersion?: string | null;
    /** Who triggered the run (CLI `--actor`): never counts as an approver under prevent_self_approval. */
    actor?: string;
    /** Everyone who asked for the run (every attempt's requester): none of them counts either. */
    requesters?: readonly string[];
    /** `sha256:<hex>` of the model file, when at hand. */
    modelDigest?: string;
    checks?: Readonly<Record<string, string>>;
    /** Check results per GitHub App, for `checks` gates that pin `app:`. */
    checksByApp?: ChecksByApp;
    /** The commit the version was registered on, when the registry was read. */
    registeredCommit?: string;
}
export interface EvaluationDeps {
    source: EvidenceSource;
    /** Where baseline evidence paths are read from; default `source`. */
    baselineSource?: EvidenceSource;
    /**
     * The only way approvals enter: the CLI's file, or the GitHub API in the action, there screened
     * against the environments' reviewers (what was set aside is shown beside what is counted).
     */
    approvals?: () => Promise<readonly EnvironmentReview[] | ScreenedReviews>;
    now: () => Date;
    /** Whether a spec with `artifact:` can be served by `source` (the action) or not (the CLI). */
    artifacts?: boolean;
    /**
     * Hashes the model file a lineage `model_uri: artifact:…` names (the action's workflow
     * artifacts). Without it such a file cannot be checked, and a lineage gate that vouches for
     * model_digest fails closed.
     */
    modelFiles?: ModelFileSource;
}
export interface PreparedEvaluation {
    input: EvaluationInput;
    /** Evidence names the gates read that nobody provided, with why. */
    unavailable: Map<string, string>;
}
/**
 * Gathers everything `evaluate` needs: the candidate's and the baseline's evidence (only what the
 * transition's gates read, plus anything named explicitly), approvals, checks.
 */
export declare function prepareEvaluation(policy: Policy, options: EvaluationOptions, deps: EvaluationDeps): Promise<PreparedEvaluation>;
/** `--approvals FILE`: the JSON of GitHub's run-approvals endpoint. */
export declare function approvalsFromFile(source: EvidenceSource, path: string): () => Promise<EnvironmentReview[]>;
/** sha256 of a file, streamed (model files are large). */
export declare function fileDigest(path: string): Promise<string>;
