import type { RepoRef } from './approvals.js'
import { githubError, type GitHubClient } from './client.js'

/** Check results of a commit: one conclusion per name, and per GitHub App for gates pinning one. */
export interface CommitChecks {
  conclusions: Record<string, string>
  byApp: Record<string, Record<string, string>>
}

/**
 * Check runs and commit statuses of the model commit, name → conclusion, for `checks` gates.
 * A check run that has not completed reports its status (`in_progress`, `queued`), which fails
 * the gate: only `success` passes. Re-runs leave several runs of one name from one app: the
 * latest of THAT app wins. Several apps (or an app and a commit status) reporting one name each
 * keep their own latest, and a non-success from any of them wins: a later success from another
 * app must not hide a red one. Statuses come from the combined status (GitHub already keeps the
 * latest per context) and keep their states (`success`, `failure`, `error`, `pending`).
 */
export async function fetchCommitChecks(
  client: GitHubClient,
  repo: RepoRef,
  commit: string
): Promise<CommitChecks> {
  const result = new Map<string, string>()
  const put = (name: string, conclusion: string): void => {
    const previous = result.get(name)
    if (previous === undefined || previous === 'success') result.set(name, conclusion)
  }
  const runs = await checkRunConclusionsByApp(client, repo, commit)
  const byApp: Record<string, Record<string, string>> = {}
  for (const [app, conclusions] of runs) {
    byApp[app] = Object.fromEntries(conclusions)
    for (const [name, conclusion] of conclusions) put(name, conclusion)
  }
  for (const [name, state] of await statusStates(client, repo, commit)) put(name, state)
  return { conclusions: Object.fromEntries(result), byApp }
}

/** Check runs made without an app (GitHub always names one; kept apart, never merged into one). */
const NO_APP = '(no app)'

/**
 * `GET /repos/{owner}/{repo}/commits/{ref}/check-runs?filter=all`, every page: app slug → name →
 * conclusion of that app's latest run of that name.
 */
export async function checkRunConclusionsByApp(
  client: GitHubClient,
  repo: RepoRef,
  commit: string
): Promise<Map<string, Map<string, string>>> {
  try {
    const runs = await client.paginate(client.checks.listForRef, {
      ...repo,
      ref: commit,
      filter: 'all',
      per_page: 100
    })
    const latest = new Map<string, Map<string, (typeof runs)[number]>>()
    for (const run of runs) {
      const app = run.app?.slug ?? NO_APP
      const ofApp = latest.get(app) ?? new Map<string, (typeof runs)[number]>()
      latest.set(app, ofApp)
      const seen = ofApp.get(run.name)
      if (!seen || newer(run, seen)) ofApp.set(run.name, run)
    }
    return new Map(
      [...latest].map(([app, ofApp]) => [
        app,
        new Map(
          [...ofApp].map(([name, run]) => [
            name,
            run.status === 'completed' ? (run.conclusion ?? 'none') : run.status
          ])
        )
      ])
    )
  } catch (error) {
    throw githubError(`reading check runs of ${commit.slice(0, 12)}`, 'checks', error)
  }
}

/** Latest conclusion per check name, a non-success from any app winning. */
export async function checkRunConclusions(
  client: GitHubClient,
  repo: RepoRef,
  commit: string
): Promise<Map<string, string>> {
  const merged = new Map<string, string>()
  for (const conclusions of (await checkRunConclusionsByApp(client, repo, commit)).values())
    for (const [name, conclusion] of conclusions) {
      const previous = merged.get(name)
      if (previous === undefined || previous === 'success') merged.set(name, conclusion)
    }
  return merged
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
