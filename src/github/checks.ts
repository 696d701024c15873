import type { RepoRef } from './approvals.js'
import { githubError, type GitHubClient } from './client.js'

/**
 * Check runs and commit statuses of the model commit, name → conclusion, for `checks` gates.
 * A check run that has not completed reports its status (`in_progress`, `queued`), which fails
 * the gate: only `success` passes. Re-runs leave several runs of one name: the latest wins.
 * Statuses come from the combined status (GitHub already keeps the latest per context) and keep
 * their states (`success`, `failure`, `error`, `pending`). When a check run and a status share a
 * name, a non-success from either wins: one green signal must not hide a red one.
 */
export async function fetchCommitChecks(
  client: GitHubClient,
  repo: RepoRef,
  commit: string
): Promise<Record<string, string>> {
  const result = new Map<string, string>()
  const put = (name: string, conclusion: string): void => {
    const previous = result.get(name)
    if (previous === undefined || previous === 'success') result.set(name, conclusion)
  }
  for (const [name, conclusion] of await checkRunConclusions(client, repo, commit)) put(name, conclusion)
  for (const [name, state] of await statusStates(client, repo, commit)) put(name, state)
  return Object.fromEntries(result)
}

/** `GET /repos/{owner}/{repo}/commits/{ref}/check-runs`, every page; latest run per name. */
export async function checkRunConclusions(
  client: GitHubClient,
  repo: RepoRef,
  commit: string
): Promise<Map<string, string>> {
  try {
    const runs = await client.paginate(client.checks.listForRef, { ...repo, ref: commit, per_page: 100 })
    const latest = new Map<string, (typeof runs)[number]>()
    for (const run of runs) {
      const seen = latest.get(run.name)
      if (!seen || newer(run, seen)) latest.set(run.name, run)
    }
    return new Map(
      [...latest].map(([name, run]) => [
        name,
        run.status === 'completed' ? (run.conclusion ?? 'none') : run.status
      ])
    )
  } catch (error) {
    throw githubError(`reading check runs of ${commit.slice(0, 12)}`, 'checks', error)
  }
}

function newer(
  a: { id: number; started_at?: string | null },
  b: { id: number; started_at?: string | null }
): boolean {
  const time = Date.parse(a.started_at ?? '') - Date.parse(b.started_at ?? '')
  return Number.isNaN(time) || time === 0 ? a.id > b.id : time > 0
}

/**
 * `GET /repos/{owner}/{repo}/commits/{ref}/status`, every page (the combined status pages its
 * `statuses` array, `total_count` in total; Octokit's paginate does not recognise that shape).
 */
export async function statusStates(
  client: GitHubClient,
  repo: RepoRef,
  commit: string
): Promise<Map<string, string>> {
  const states = new Map<string, string>()
  const perPage = 100
  try {
    for (let page = 1; ; page++) {
      const { data } = await client.repos.getCombinedStatusForRef({
        ...repo,
        ref: commit,
        per_page: perPage,
        page
      })
      for (const status of data.statuses)
        if (!states.has(status.context)) states.set(status.context, status.state)
      if (data.statuses.length < perPage || page * perPage >= data.total_count) break
    }
  } catch (error) {
    throw githubError(`reading commit statuses of ${commit.slice(0, 12)}`, 'checks', error)
  }
  return states
}
