import { truncate } from '../records/escape.js'
import type { RepoRef } from './approvals.js'
import { githubError, type GitHubClient } from './client.js'
import { createOnce, NO_BLIND_RETRY } from './create-once.js'

export interface StatusInput {
  commit: string
  context: string
  state: 'success' | 'failure' | 'pending' | 'error'
  description: string
  targetUrl?: string
  /** Re-runs: leave an identical status alone instead of stacking a duplicate. */
  onlyIfMissing?: boolean
}

/** GitHub refuses commit status descriptions longer than 140 characters. */
export const MAX_STATUS_DESCRIPTION = 140

/** `modelgate/<model>/<stage>`: the context of a model's stage status. */
export const statusContext = (model: string, stage: string): string => `modelgate/${model}/${stage}`

/**
 * `POST /repos/{owner}/{repo}/statuses/{sha}`: the `modelgate/<model>/<stage>` status on the
 * model's commit, linking to the release. With `onlyIfMissing` (re-runs) an identical status
 * already there is left alone instead of stacking a duplicate (one extra read of the commit's
 * statuses, newest first).
 */
export async function setCommitStatus(
  client: GitHubClient,
  repo: RepoRef,
  input: StatusInput & { onlyIfMissing?: boolean }
): Promise<void> {
  const description = truncate(input.description, MAX_STATUS_DESCRIPTION)
  // Newest first: the first status of the context is its current state.
  const alreadySet = async (): Promise<true | undefined> => {
    const { data } = await client.repos.listCommitStatusesForRef({
      ...repo,
      ref: input.commit,
      per_page: 100
    })
    const current = data.find((s) => s.context === input.context)
    const same =
      current !== undefined &&
      current.state === input.state &&
      current.description === description &&
      (input.targetUrl === undefined || current.target_url === input.targetUrl)
    return same || undefined
  }
  try {
    if (input.onlyIfMissing && (await alreadySet())) return
    // Every POST adds a status: after a lost answer, look before posting again.
    await createOnce(
      client,
      async () => {
        await client.repos.createCommitStatus({
          ...repo,
          sha: input.commit,
          state: input.state,
          context: input.context,
          description,
          ...(input.targetUrl && { target_url: input.targetUrl }),
          ...NO_BLIND_RETRY
        })
        return true as const
      },
      alreadySet
    )
  } catch (error) {
    throw githubError(`setting status ${input.context} on ${input.commit.slice(0, 12)}`, 'statuses', error)
  }
}
