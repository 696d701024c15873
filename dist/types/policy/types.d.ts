/**
 * The policy as the engine sees it: validated and normalised by `loadPolicy`. The YAML surface
 * (docs/policy.md) is described by the zod schema in `schema.ts`; this is what it is turned into.
 */
export type EvidenceFormat = 'json' | 'yaml' | 'evidently' | 'k6' | 'samples' | 'predictions' | 'histogram' | 'timeseries' | 'prometheus';
/** Where a named report comes from. CLI flags / action inputs override `path`/`artifact`. */
export interface EvidenceSpec {
    /** Workflow artifact holding the file (action only). */
    artifact?: string;
    /** File path (inside the artifact when `artifact` is set). */
    path?: string;
    format: EvidenceFormat;
    /** `prometheus`: which label names a series when `__name__` is absent. */
    series?: string;
    /** `samples`: the two CSVs. */
    reference?: string;
    current?: string;
    /** `predictions`: column names. */
    group?: string;
    label?: string;
    prediction?: string;
    /** `predictions`: the label/prediction value meaning "positive" (default 1). */
    positive?: string;
    /** Accept the artifact from a run whose head repository is a fork (default: refused). */
    allow_fork_runs?: boolean;
}
export interface Bounds {
    min?: number;
    max?: number;
    above?: number;
    below?: number;
}
export interface VsBaseline {
    min_delta?: number;
    max_delta?: number;
    min_relative?: number;
    max_relative?: number;
    /** Read the baseline value from this path of the candidate's evidence instead. */
    metric?: string;
}
export type Severity = 'block' | 'warn';
interface GateCommon {
    id: string;
    severity: Severity;
    optional: boolean;
    description?: string;
}
export interface MetricGate extends GateCommon {
    kind: 'metric';
    /** `<evidence name>.<dotted path>`. */
    metric: string;
    bounds: Bounds;
    /** Exact value (boolean, string or number), same type required; stands alone. */
    equals?: ExactValue;
    vs_baseline?: VsBaseline;
}
export type ExactValue = boolean | string | number;
export interface SchemaGate extends GateCommon {
    kind: 'schema_compatible';
    evidence: string;
}
export interface ChecksGate extends GateCommon {
    kind: 'checks';
    checks: string[];
    /** Evidence holding the results; default `checks`. An `evidently` test suite gives its tests. */
    evidence: string;
    /** Only this GitHub App's check runs count (its slug). */
    app?: string;
}
export declare const LINEAGE_FIELDS: readonly ["model_digest", "data_snapshot", "code_commit", "environment_lock", "model_uri"];
export type LineageField = (typeof LINEAGE_FIELDS)[number];
export interface LineageGate extends GateCommon {
    kind: 'lineage';
    fields: LineageField[];
    /** Evidence name holding the lineage object; default `lineage`. */
    evidence: string;
    /**
     * Whether the model file an `artifact:` model_uri names is hashed and compared with
     * model_digest (when the gate lists model_digest); default true.
     */
    verify_model_file: boolean;
    /** Largest model file hashed, uncompressed; default DEFAULT_MAX_MODEL_FILE_BYTES (16 GiB). */
    max_model_file_bytes?: number;
}
export type Gate = MetricGate | SchemaGate | ChecksGate | LineageGate;
export type GateKind = Gate['kind'];
export interface ApprovalRule {
    required: number;
    environments: string[];
    prevent_self_approval: boolean;
}
export interface RolloutStep {
    weight: number;
    /** As written, e.g. `30m`. */
    hold?: string;
    holdSeconds?: number;
}
export interface Rollout {
    strategy: 'canary' | 'shadow' | 'direct';
    steps: RolloutStep[];
}
export interface RollbackTrigger {
    metric: string;
    above?: number;
    below?: number;
    /** Fires when the value falls this fraction below the baseline window's mean. */
    drop_relative?: number;
    for?: string;
    forSeconds: number;
    /** Length of the baseline window for `drop_relative`, default equal to `for`. */
    baseline_window?: string;
    baselineWindowSeconds?: number;
}
export interface RollbackPlan {
    /** `previous` or a version (`v1.2.0`). */
    to: string;
    when: RollbackTrigger[];
}
export interface Transition {
    /** Filled from the previous stage in `stages` when the policy leaves it out. */
    from: string;
    to: string;
    gates: Gate[];
    approvals?: ApprovalRule;
    rollout?: Rollout;
    rollback?: RollbackPlan;
}
export interface PolicySource {
    /** Relative to the repository root where the policy lives in one (records travel between machines). */
    path: string;
    sha256: string;
    /** The git blob id of the exact bytes (`git hash-object`): `git show <id>` in any clone prints them. */
    git_blob?: string;
}
export interface Policy {
    version: 1;
    /** A model name or a glob (`fraud_*`). */
    model: string;
    stages: string[];
    baseline?: string;
    evidence: Record<string, EvidenceSpec>;
    transitions: Transition[];
    source?: PolicySource;
}
export {};
