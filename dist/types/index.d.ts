/**
 * modelgate as a library: the same core the CLI and the action run.
 *
 *   import { loadPolicy, evaluate } from 'modelgate'
 */
export * from './errors.js';
export { loadPolicy, parsePolicy } from './policy/load.js';
export { findTransition, modelMatches } from './policy/transitions.js';
export { parseDuration } from './policy/duration.js';
export { policyJsonSchema } from './policy/json-schema.js';
export { evaluate } from './gates/evaluate.js';
export { countApprovals } from './approvals/count.js';
export { parseEnvironmentReviews } from './approvals/parse.js';
export { loadEvidence, loadEvidenceSet } from './evidence/load.js';
export { LocalEvidenceSource } from './evidence/local-source.js';
export { resolveMetricPath } from './evidence/path.js';
export { prepareEvaluation, type EvaluationOptions, type EvaluationDeps } from './lifecycle/evaluate-flow.js';
export { decisionToJson } from './records/render-json.js';
export { renderDecisionMarkdown } from './records/render-markdown.js';
export { renderDecisionText } from './records/render-text.js';
export { escapeMarkdown, escapeMarkdownTableCell, escapeHtml } from './records/escape.js';
export { buildPromotionRecord, recordFromTagMessage, recordToTagMessage, statusDescription, tagSummaryLine } from './records/record.js';
export { parsePromotionRecord } from './records/parse.js';
export { renderRecordMarkdown } from './records/render-markdown.js';
export { GitRegistry } from './registry/git.js';
export { resolveStage, buildHistory, previousVersion } from './registry/state.js';
export type { RegistryEvent, StageOccupant } from './registry/state.js';
export { ARCHIVED_STAGE } from './policy/normalize.js';
export { archivedVersions, isArchivedVersion, isVerifiedAssignment, resolveAllStages, resolveServedStage, stagesOf, type ArchivedVersion, type ResolveOptions, type ServedVersion, type StageVersions } from './registry/serving.js';
export { heldBackAt, historyBetween, parseInstant, tagsAsOf, type TimeWindow } from './registry/time.js';
export { artifactModelFile, DEFAULT_MAX_MODEL_FILE_BYTES, modelUriProblem } from './gates/lineage.js';
export { promote, type PromoteOptions, type PromoteDeps, type PromoteResult } from './lifecycle/promote.js';
export { register } from './lifecycle/register.js';
export { rollback, type RollbackOptions, type RollbackDeps, type RollbackResult } from './lifecycle/rollback.js';
export { replayAttempt, replayRecords, type RecordedAttempt, type ReplayedAttempt, type ReplayOutcome, type ReplayReport } from './records/replay.js';
export { replayHistory, type ReplayRequest } from './lifecycle/replay.js';
export { renderReplay } from './render/replay.js';
export { evaluateTriggers } from './rollback/triggers.js';
export { ks2samp, type KsResult } from './stats/ks.js';
export { psi, psiCategorical, type PsiResult } from './stats/psi.js';
export { fairnessReport, countGroups } from './stats/fairness.js';
export { driftOfFiles } from './evidence/columns/drift.js';
export { fairnessOfFile } from './evidence/columns/fairness.js';
export { kolmogornSf, smirnovSf } from './stats/kolmogorov.js';
export { normalizeVersion } from './policy/model-version.js';
export type * from './policy/types.js';
export type * from './evidence/types.js';
export type { EvidenceSource, ModelFileDigest, ModelFileRequest, ModelFileSource, SourceFile } from './evidence/source.js';
export type * from './gates/types.js';
export type * from './approvals/types.js';
export type * from './registry/types.js';
export type * from './records/types.js';
export { VERSION } from './version.js';
