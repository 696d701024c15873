import type { EnvironmentReview } from '../approvals/types.js'
import { githubError, type GitHubClient } from './client.js'

export interface RepoRef {
  owner: string
  repo: string
}

/**
 * The run's review history, `GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals`: the
 * only source of approvals in the action (docs/approvals.md). The endpoint is not paginated; it answers
 * every review of the run at once. Counting (distinct users, environments, self-approval) is
 * `countApprovals`' job, not this one's.
 */
export async function listRunApprovals(
  client: GitHubClient,
  repo: RepoRef,
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
