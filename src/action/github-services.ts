import type { ActionContext } from './context.js'
import { ActionEvidenceSource } from './evidence-source.js'
import { info } from './log.js'
import { ArtifactEvidenceSource } from '../github/artifacts.js'
import { createOctokit, type ClientOptions } from '../github/client.js'
import { GitHubRegistry } from '../github/registry.js'
import { publishRecord } from '../github/releases.js'
import { setCommitStatus } from '../github/statuses.js'
import { listRunApprovals } from '../github/approvals.js'
import { earlierRequesters } from '../github/runs.js'
import { fetchCommitChecks } from '../github/checks.js'
import { readRepositoryFile, repositoryFileRider } from '../github/contents.js'
import { assertEnvironmentsProtected } from '../github/environments.js'
import type { ActionInputs } from './inputs.js'
import { assertCanSign, recordSigner } from './attest.js'
import { createAttestation } from '../github/attestations.js'
import type { ActionServices } from './services.js'

export interface GitHubServices extends ActionServices {
  /** Bytes read from artifact storage (the bench reports them). */
  storageBytes(): number
  close(): Promise<void>
}

/**
 * The action's GitHub backends over one Octokit client (retry + throttling). `tuning` exists for
 * tests that inject faults: they shorten retry waits and timeouts, never the retry policy itself.
 */
export function createGitHubServices(
  context: ActionContext,
  inputs: ActionInputs,
  tuning: Omit<Partial<ClientOptions>, 'token' | 'baseUrl'> = {},
  env: Readonly<Record<string, string | undefined>> = process.env
): Promise<GitHubServices> {
  assertCanSign(inputs, env)
  const client = createOctokit({ ...tuning, token: inputs.token, baseUrl: context.apiUrl })
  const repo = { owner: context.owner, repo: context.repo }
  const artifacts = new ArtifactEvidenceSource(client, {
    ...repo,
    runId: inputs.artifactsRunId ?? context.runId,
    currentRun: { id: context.runId, workflow: context.workflow },
    tempDir: context.tempDir,
    progress: info,
    ...(tuning.delayUnitMs !== undefined && { delayUnitMs: tuning.delayUnitMs }),
    ...(tuning.timeoutMs !== undefined && { storageTimeoutMs: tuning.timeoutMs })
  })
  const actor = context.actor || 'github-actions[bot]'
  const registry = new GitHubRegistry(client, context.owner, context.repo, {
    name: actor,
    email: `${actor}@users.noreply.github.com`
  })
  return Promise.resolve({
    registry,
    source: new ActionEvidenceSource(artifacts, context.workspace),
    modelFiles: artifacts,
    reviews: () => listRunApprovals(client, repo, context.runId),
    earlierRequesters: () => earlierRequesters(client, repo, context.runId, context.runAttempt),
    assertProtected: (environments, options) =>
      assertEnvironmentsProtected(client, repo, environments, options),
    readFile: (path, ref) => readRepositoryFile(client, repo, path, ref),
    readFileWithTags: async (path, ref, prefixes, question) => {
      const read = await registry.listTagsWith(repositoryFileRider(repo, path, ref), prefixes, question)
      return { file: read.ridden, tags: read.tags }
    },
    checks: (commit) => fetchCommitChecks(client, repo, commit),
    publishRecord: (input) => publishRecord(client, repo, input),
    signRecord: recordSigner({
      mode: inputs.attest,
      context,
      env,
      store: (bundle) => createAttestation(client, repo, bundle)
    }),
    setStatus: (input) => setCommitStatus(client, repo, input),
    storageBytes: () => artifacts.storageBytes,
    close: () => artifacts.close()
  })
}
