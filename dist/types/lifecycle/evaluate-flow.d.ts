import type { EnvironmentReview } from '../approvals/types.js';
import type { EvidenceSource } from '../evidence/source.js';
import type { EvaluationInput } from '../gates/types.js';
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
    actor?: string;
    /** `sha256:<hex>` of the model file, when at hand. */
    modelDigest?: string;
    checks?: Readonly<Record<string, string>>;
}
export interface EvaluationDeps {
    source: EvidenceSource;
    /** Where baseline evidence paths are read from; default `source`. */
    baselineSource?: EvidenceSource;
    /** The only way approvals enter: the CLI's file, or the GitHub API in the action. */
    approvals?: () => Promise<readonly EnvironmentReview[]>;
    now: () => Date;
    /** Whether a spec with `artifact:` can be served by `source` (the action) or not (the CLI). */
    artifacts?: boolean;
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
