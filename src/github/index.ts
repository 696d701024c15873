/**
 * modelgate's GitHub layer: every call goes through one Octokit (retry + throttling, per-attempt
 * timeouts, errors that name the operation and the missing permission, never the token).
 *
 * - client.ts       createOctokit / createClient, githubError
 * - errors.ts       GitHubRequestError, requiredPermission, scrub
 * - artifacts.ts    RunArtifacts, ArtifactEvidenceSource, readArtifactFile, pickArtifact
 * - zip-range.ts    openRemoteZip (central directory and entries by HTTP Range; full download fallback)
 * - zip-extract.ts  readEntries, extractEntry, limits against hostile archives
 * - approvals.ts    listRunApprovals (the only source of approvals)
 * - environments.ts listEnvironments (one request), environmentProblems, assertEnvironmentsProtected
 *                   (guard checks over the listing), getEnvironmentProtection
 * - checks.ts       fetchCommitChecks (check runs + combined status)
 * - registry.ts     GitHubRegistry (GTO tags through the git data API)
 * - releases.ts     publishRecord (draft → asset → publish, idempotent)
 * - statuses.ts     setCommitStatus, statusContext
 */
export { createClient, createOctokit, githubError, ModelgateOctokit, statusOf } from './client.js'
export type { ClientOptions, GitHubClient } from './client.js'
export { GitHubRequestError, permissionHint, requiredPermission, scrub } from './errors.js'
export { ArtifactEvidenceSource, pickArtifact, readArtifactFile, RunArtifacts } from './artifacts.js'
export type { ArtifactFile, ArtifactInfo, ArtifactSourceOptions } from './artifacts.js'
export {
  HttpRangeReader,
  openRemoteZip,
  parseContentRange,
  RangesRefused,
  StorageClient
} from './zip-range.js'
export type { OpenRemoteZipOptions, RemoteZip, StorageOptions } from './zip-range.js'
export {
  assertExtractable,
  DEFAULT_LIMITS,
  extractEntry,
  isSymlink,
  normalizeEntryName,
  readEntries
} from './zip-extract.js'
export type { ArchiveLimits } from './zip-extract.js'
export { listRunApprovals } from './approvals.js'
export type { RepoRef } from './approvals.js'
export {
  assertEnvironmentsProtected,
  environmentProblems,
  environmentProtection,
  getEnvironmentProtection,
  listEnvironments,
  protectionHowTo
} from './environments.js'
export type { EnvironmentObject, EnvironmentProtection } from './environments.js'
export { checkRunConclusions, fetchCommitChecks, statusStates } from './checks.js'
export { GitHubRegistry } from './registry.js'
export { findRelease, publishRecord, RECORD_ASSET } from './releases.js'
export type { PublishOptions } from './releases.js'
export { MAX_STATUS_DESCRIPTION, setCommitStatus, statusContext } from './statuses.js'
