import type { EnvironmentReview } from '../approvals/types.js'
import { GitHubError } from '../errors.js'
import { githubError, statusOf, type GitHubClient } from './client.js'

interface Repo {
  owner: string
  repo: string
}

/** The run's review history: `GET /actions/runs/{run_id}/approvals`, the only source of approvals. */
export async function fetchReviews(
  client: GitHubClient,
  repo: Repo,
  runId: number
): Promise<EnvironmentReview[]> {
  try {
    const { data } = await client.actions.getReviewsForRun({ ...repo, run_id: runId })
    return data.map((review) => ({
      state: review.state,
      comment: review.comment ?? null,
      environments: (review.environments ?? []).map((env) => ({
        name: env.name ?? null,
        ...(env.id !== undefined && { id: env.id })
      })),
      user: review.user ? { login: review.user.login, id: review.user.id, type: review.user.type } : null
    }))
  } catch (error) {
    throw githubError(`reading the approvals of workflow run ${runId}`, 'approvals', error)
  }
}

const HOW_TO =
  'add a required reviewer in Settings → Environments → {env} → Deployment protection rules, and gate a job of this workflow on it with `environment: {env}` (on Free, Pro and Team plans required reviewers are only available for public repositories)'

/**
 * Each environment the policy counts approvals from must exist and have a `required_reviewers`
 * rule with at least one reviewer; otherwise anyone could "approve" by running the job, so the
 * promotion fails closed with a message saying how to set it up.
 */
export async function assertEnvironmentsProtected(
  client: GitHubClient,
  repo: Repo,
  environments: readonly string[]
): Promise<void> {
  const problems: string[] = []
  for (const name of environments) {
    let rules: Array<{ type?: string; reviewers?: unknown[] }>
    try {
      const { data } = await client.repos.getEnvironment({ ...repo, environment_name: name })
      rules = (data.protection_rules ?? []) as typeof rules
    } catch (error) {
      if (statusOf(error) === 404) {
        problems.push(
          `environment "${name}" does not exist in ${repo.owner}/${repo.repo}: create it, then ${HOW_TO.replaceAll('{env}', name)}`
        )
        continue
      }
      throw githubError(`reading environment "${name}"`, 'environment', error)
    }
    const reviewers = rules.find((rule) => rule.type === 'required_reviewers')
    if (!reviewers || !Array.isArray(reviewers.reviewers) || reviewers.reviewers.length === 0)
      problems.push(
        `environment "${name}" has no required reviewers, so its approvals prove nothing: ${HOW_TO.replaceAll('{env}', name)}`
      )
  }
  if (problems.length > 0) throw new GitHubError(`approvals cannot be trusted: ${problems.join('; ')}`)
}

/**
 * Check runs and commit statuses of a commit, name → conclusion. A check run that has not
 * completed reports its status (`in_progress`), which fails the gate: only `success` passes.
 * When a check run and a status share a name, a non-success from either wins.
 */
export async function fetchChecks(
  client: GitHubClient,
  repo: Repo,
  commit: string
): Promise<Record<string, string>> {
  const result: Record<string, string> = Object.create(null) as Record<string, string>
  const put = (name: string, conclusion: string): void => {
    const previous = result[name]
    if (previous === undefined || previous === 'success') result[name] = conclusion
  }
  try {
    const runs = await client.paginate(client.checks.listForRef, { ...repo, ref: commit, per_page: 100 })
    for (const run of runs)
      put(run.name, run.status === 'completed' ? (run.conclusion ?? 'none') : run.status)
  } catch (error) {
    throw githubError(`reading check runs of ${commit.slice(0, 12)}`, 'checks', error)
  }
  try {
    const statuses = await client.paginate(client.repos.listCommitStatusesForRef, {
      ...repo,
      ref: commit,
      per_page: 100
    })
    // Newest first: the first status seen for a context is its current state.
    const seen = new Set<string>()
    for (const status of statuses) {
      if (seen.has(status.context)) continue
      seen.add(status.context)
      put(status.context, status.state)
    }
  } catch (error) {
    throw githubError(`reading commit statuses of ${commit.slice(0, 12)}`, 'checks', error)
  }
  return { ...result }
}
