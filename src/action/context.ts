import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { UsageError } from '../errors.js'
import type { RunContext } from '../records/types.js'

/**
 * The workflow run the action is part of, from the variables the runner sets
 * (https://docs.github.com/actions/reference/variables-reference). Pure: the environment is an
 * argument, so tests pass their own.
 */
export interface ActionContext {
  owner: string
  repo: string
  /** `owner/repo`. */
  repository: string
  runId: number
  runAttempt: number
  /** Who started the run (or, on a re-run, who re-ran it): never counted as an approver under `prevent_self_approval`. */
  actor: string
  /** The run's original actor, when it differs from the triggering actor. */
  originalActor?: string
  /**
   * Everyone the runner says asked for this run: `GITHUB_ACTOR` (who started it) and
   * `GITHUB_TRIGGERING_ACTOR` (who started this attempt). Earlier re-runs are read from the API.
   */
  requesters: string[]
  sha: string
  /** `GITHUB_REF`: the branch or tag the run is for (`refs/heads/main`); empty when unset. */
  ref: string
  workflow: string
  serverUrl: string
  apiUrl: string
  /** Where downloaded evidence may be written; never outside it. */
  tempDir: string
  workspace: string
  /** The webhook payload, when readable (unused fields are ignored). */
  event: Record<string, unknown>
}

type Env = Readonly<Record<string, string | undefined>>

/** True when the environment looks like a GitHub Actions run that can reach the API. */
export function hasRepositoryContext(env: Env): boolean {
  return Boolean(env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID)
}

export function readContext(env: Env = process.env): ActionContext {
  const repository = env.GITHUB_REPOSITORY ?? ''
  const [owner, repo, extra] = repository.split('/')
  if (!owner || !repo || extra !== undefined)
    throw new UsageError(
      `GITHUB_REPOSITORY must be owner/repo, got "${repository}" (is this running in GitHub Actions?)`
    )
  const runId = Number(env.GITHUB_RUN_ID)
  if (!Number.isSafeInteger(runId) || runId <= 0)
    throw new UsageError(`GITHUB_RUN_ID must be a workflow run id, got "${env.GITHUB_RUN_ID ?? ''}"`)
  const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? '1')
  const actor = env.GITHUB_TRIGGERING_ACTOR || env.GITHUB_ACTOR || ''
  const original = env.GITHUB_ACTOR
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  return {
    owner,
    repo,
    repository,
    runId,
    runAttempt: Number.isSafeInteger(attempt) && attempt > 0 ? attempt : 1,
    actor,
    ...(original && original !== actor && { originalActor: original }),
    requesters: distinctLogins([env.GITHUB_ACTOR, env.GITHUB_TRIGGERING_ACTOR]),
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    workflow: env.GITHUB_WORKFLOW ?? '',
    serverUrl,
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    tempDir: env.RUNNER_TEMP || tmpdir(),
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    event: readEvent(env.GITHUB_EVENT_PATH)
  }
}

/** Logins without blanks or case-insensitive repeats, first spelling kept. */
export function distinctLogins(logins: ReadonlyArray<string | undefined>): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const login of logins) {
    if (!login || seen.has(login.toLowerCase())) continue
    seen.add(login.toLowerCase())
    out.push(login)
  }
  return out
}

function readEvent(path: string | undefined): Record<string, unknown> {
  if (!path) return {}
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {}
  } catch {
    // The payload only adds detail; a missing or unreadable one must not stop a promotion.
    return {}
  }
}

/** Link to this run's attempt, as the record and the status point at it. */
export function runUrl(context: ActionContext): string {
  return `${context.serverUrl}/${context.repository}/actions/runs/${context.runId}/attempts/${context.runAttempt}`
}

/**
 * The `run` block of a promotion record: who started the run (`requested_by`) and everyone else
 * who started one of its attempts (`rerun_by`, from the runner and, when read, the API).
 */
export function runContext(context: ActionContext, earlierRequesters: readonly string[] = []): RunContext {
  const requestedBy = context.requesters[0] ?? context.actor
  const rerunBy = distinctLogins([requestedBy, ...earlierRequesters, ...context.requesters]).slice(1)
  return {
    repository: context.repository,
    run_id: String(context.runId),
    attempt: String(context.runAttempt),
    workflow: context.workflow,
    actor: context.actor,
    ...(requestedBy && { requested_by: requestedBy }),
    ...(rerunBy.length > 0 && { rerun_by: rerunBy }),
    sha: context.sha,
    url: runUrl(context)
  }
}
