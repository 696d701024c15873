import type { RepoRef } from './approvals.js'
import { githubError, type GitHubClient } from './client.js'

/** What modelgate needs from `GET /repos/{owner}/{repo}/actions/runs/{run_id}` (and its attempts). */
export interface WorkflowRunInfo {
  id: number
  /** The workflow's name, and its file (`.github/workflows/…`). */
  workflow: string
  workflowPath: string
  headSha: string
  /** `owner/repo` of the head commit: another repository for a fork's pull request. */
  headRepository: string
  /** The repository the run belongs to. */
  repository: string
  /** Who started the run, and who triggered the attempt read. */
  actor?: string
  triggeringActor?: string
  attempt?: number
}

type RunData = {
  id: number
  name?: string | null
  path: string
  head_sha: string
  run_attempt?: number
  head_repository: { full_name: string }
  repository: { full_name: string }
  actor?: { login: string } | null
  triggering_actor?: { login: string } | null
}

function runInfo(data: RunData): WorkflowRunInfo {
  return {
    id: data.id,
    workflow: data.name ?? '',
    workflowPath: data.path,
    headSha: data.head_sha,
    headRepository: data.head_repository.full_name,
    repository: data.repository.full_name,
    ...(data.actor?.login && { actor: data.actor.login }),
    ...(data.triggering_actor?.login && { triggeringActor: data.triggering_actor.login }),
    ...(data.run_attempt !== undefined && { attempt: data.run_attempt })
  }
}

/** One workflow run (its latest attempt). */
export async function readWorkflowRun(
  client: GitHubClient,
  repo: RepoRef,
  runId: number
): Promise<WorkflowRunInfo> {
  try {
    const { data } = await client.actions.getWorkflowRun({ ...repo, run_id: runId })
    return runInfo(data as RunData)
  } catch (error) {
    throw githubError(`reading workflow run ${runId}`, 'runs', error)
  }
}

/** One attempt of a workflow run: its triggering actor is who started that attempt. */
export async function readWorkflowRunAttempt(
  client: GitHubClient,
  repo: RepoRef,
  runId: number,
  attempt: number
): Promise<WorkflowRunInfo> {
  try {
    const { data } = await client.actions.getWorkflowRunAttempt({
      ...repo,
      run_id: runId,
      attempt_number: attempt
    })
    return runInfo(data as RunData)
  } catch (error) {
    throw githubError(`reading attempt ${attempt} of workflow run ${runId}`, 'runs', error)
  }
}

/**
 * Everyone who asked for this run, as far as the API knows: its actor and the triggering actor
 * of every attempt before `currentAttempt` (the current one is `GITHUB_TRIGGERING_ACTOR`, and
 * attempt 1's is the actor, `GITHUB_ACTOR`; only attempts 2 … current−1 need reading).
 */
export async function earlierRequesters(
  client: GitHubClient,
  repo: RepoRef,
  runId: number,
  currentAttempt: number
): Promise<string[]> {
  const logins: string[] = []
  for (let attempt = 2; attempt < currentAttempt; attempt++) {
    const info = await readWorkflowRunAttempt(client, repo, runId, attempt)
    if (info.actor) logins.push(info.actor)
    if (info.triggeringActor) logins.push(info.triggeringActor)
  }
  return logins
}
