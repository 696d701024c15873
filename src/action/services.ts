import type { EnvironmentFacts, GuardOptions } from '../approvals/guard.js'
import type { EnvironmentReview } from '../approvals/types.js'
import type { RepositoryFile } from '../github/contents.js'
import type { EvidenceSource, ModelFileSource } from '../evidence/source.js'
import type { CommitChecks } from '../github/checks.js'
import type { PublishedRecord, PublishRecordInput } from '../github/releases.js'
import type { StatusInput } from '../github/statuses.js'
import type { RawTag, RegistryBackend, TagQuestion } from '../registry/types.js'
import type { RecordSigner } from './attest.js'

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
  /**
   * Hashes a model file inside a workflow artifact (lineage `model_uri: artifact:…`), streaming.
   * Without it such a file cannot be verified, and a lineage gate vouching for model_digest fails.
   */
  modelFiles?: ModelFileSource
  /** The run's review history: the ONLY place approvals come from. */
  reviews(): Promise<EnvironmentReview[]>
  /**
   * Who started the attempts between the first and this one (the runner names only the first's
   * actor and this attempt's): read from the API, none on attempts 1 and 2.
   */
  earlierRequesters(): Promise<string[]>
  /**
   * Fails closed (throws) when an environment is missing, has no required reviewers, lets
   * administrators bypass them (unless accepted) or does not admit the run's ref; returns what
   * GitHub said about each, to screen the approvals with, and the warnings accepted.
   */
  assertProtected(
    environments: readonly string[],
    options: Omit<GuardOptions, 'repository'>
  ): Promise<{ environments: EnvironmentFacts[]; warnings: string[] }>
  /** A file of the repository at a ref (undefined: the default branch), through the API. */
  readFile(path: string, ref: string | undefined): Promise<RepositoryFile>
  /**
   * `readFile` and `registry.listTags` in one: the file travels in the registry's first
   * tag-object query (GitHub: one GraphQL query instead of a contents request besides it).
   * Optional; without it the two are read apart.
   */
  readFileWithTags?(
    path: string,
    ref: string | undefined,
    prefixes: readonly string[],
    question: TagQuestion
  ): Promise<{ file: RepositoryFile; tags: RawTag[] }>
  /** Check runs and commit statuses of a commit, name → conclusion (and per app). */
  checks(commit: string): Promise<CommitChecks>
  /** The record as a release for its tag: draft, asset, publish; idempotent on re-runs. */
  publishRecord(input: PublishRecordInput): Promise<PublishedRecord>
  /**
   * Signs a record with Sigstore and stores the attestation (input `attest`); absent: records are
   * not signed. Asked only while its release still lacks the bundle.
   */
  signRecord?: RecordSigner
  /** `modelgate/<model>/<stage>` on the model's commit; idempotent on re-runs. */
  setStatus(input: StatusInput): Promise<void>
  /** Removes temporary files (full artifact downloads under RUNNER_TEMP). */
  close?(): Promise<void>
}
