import { truncate } from '../records/escape.js'
import type { StatusInput } from '../action/services.js'
import type { RepoRef } from './approvals.js'
import { githubError, type GitHubClient } from './client.js'

/** GitHub refuses commit status descriptions longer than 140 characters. */
export const MAX_STATUS_DESCRIPTION = 140

/** `modelgate/<model>/<stage>`: the context of a model's stage status. */
export const statusContext = (model: string, stage: string): string => `modelgate/${model}/${stage}`

/**
 * `POST /repos/{owner}/{repo}/statuses/{sha}`: the `modelgate/<model>/<stage>` status on the
 * model's commit, linking to the release. With `onlyIfMissing` (re-runs) an identical status
 * already there is left alone instead of stacking a duplicate (one extra read of the combined
 * status, which holds the latest state per context).
 */
export async function setCommitStatus(
  client: GitHubClient,
  repo: RepoRef,
  input: StatusInput & { onlyIfMissing?: boolean }
): Promise<void> {
  const description = truncate(input.description, MAX_STATUS_DESCRIPTION)
  try {
    if (input.onlyIfMissing) {
      const { data } = await client.repos.listCommitStatusesForRef({
        ...repo,
        ref: input.commit,
        per_page: 100
      })
      // Newest first: the first one of the context is its current state.
      const current = data.find((s) => s.context === input.context)
      if (
        current &&
        current.state === input.state &&
        current.description === description &&
        (input.targetUrl === undefined || current.target_url === input.targetUrl)
      )
        return
    }
    await client.repos.createCommitStatus({
      ...repo,
      sha: input.commit,
      state: input.state,
      context: input.context,
      description,
      ...(input.targetUrl && { target_url: input.targetUrl })
    })
  } catch (error) {
    throw githubError(`setting status ${input.context} on ${input.commit.slice(0, 12)}`, 'statuses', error)
  }
}
