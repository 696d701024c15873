import type { EnvironmentReview } from '../approvals/types.js'
import type { EvidenceSource } from '../evidence/source.js'
import type { CommitChecks } from '../github/checks.js'
import type { PromotionRecord } from '../records/types.js'
import type { RegistryBackend } from '../registry/types.js'

/**
 * Everything the action needs from GitHub, as one narrow interface: the flows in
 * `src/lifecycle/` stay backend-agnostic, `github-services.ts` builds the real thing from the
 * `src/github/` modules, and tests can hand in their own.
 */
export interface ActionServices {
  /** GTO tags through the git data API. */
  registry: RegistryBackend
  /** Evidence from the workspace, or from workflow artifacts (`artifact:` specs and paths). */
  source: EvidenceSource
  /** The run's review history: the ONLY place approvals come from. */
  reviews(): Promise<EnvironmentReview[]>
  /**
   * Who started the attempts between the first and this one (the runner names only the first's
   * actor and this attempt's): read from the API, none on attempts 1 and 2.
   */
  earlierRequesters(): Promise<string[]>
  /** Fails closed (throws) when an environment is missing or has no required reviewers. */
  assertProtected(environments: readonly string[]): Promise<void>
  /** Check runs and commit statuses of a commit, name → conclusion (and per app). */
  checks(commit: string): Promise<CommitChecks>
  /** The record as a release for its tag: draft, asset, publish; idempotent on re-runs. */
  publishRecord(input: PublishRecordInput): Promise<PublishedRecord>
  /** `modelgate/<model>/<stage>` on the model's commit; idempotent on re-runs. */
  setStatus(input: StatusInput): Promise<void>
  /** Removes temporary files (full artifact downloads under RUNNER_TEMP). */
  close?(): Promise<void>
}

export interface PublishRecordInput {
  /** Registry tag the release is for (assignment, blocked attempt or rollback). */
  tag: string
  record: PromotionRecord
  /** Release title and notes (markdown, already escaped). */
  name: string
  notes: string
  /** The tag was written by an earlier attempt: a release for it may already exist, even as a draft. */
  resumed?: boolean
}

export interface PublishedRecord {
  releaseUrl: string
  recordUrl: string
}

export interface StatusInput {
  commit: string
  context: string
  state: 'success' | 'failure' | 'pending' | 'error'
  description: string
  targetUrl?: string
  /** Re-runs: leave an identical status alone instead of stacking a duplicate. */
  onlyIfMissing?: boolean
}
