import { retryPolicyOf, statusOf, type GitHubClient } from './client.js'

/**
 * Some POSTs make a new object on every call: a draft release, a commit status. Retrying one
 * blind after its answer was lost (a 502 after the write, a reset, a timeout) would make a
 * second. Such calls go out with the retry plugin off (`NO_BLIND_RETRY`); when an attempt's
 * outcome is unknown, `find` looks for what it may have made before the next attempt.
 * Rate limits still wait and retry in the client: GitHub refused those before doing anything.
 */
export const NO_BLIND_RETRY = { request: { retries: 0 } } as const

export interface Created<T> {
  value: T
  /** Made by an attempt whose answer was lost, and found afterwards. */
  recovered: boolean
}

export async function createOnce<T>(
  client: GitHubClient,
  create: () => Promise<T>,
  find: () => Promise<T | undefined>
): Promise<Created<T>> {
  const { retries, delayUnitMs } = retryPolicyOf(client)
  for (let attempt = 0; ; attempt++) {
    try {
      return { value: await create(), recovered: false }
    } catch (error) {
      if (!outcomeUnknown(error) || attempt >= retries) throw error
    }
    // Same (n+1)² backoff as the retry plugin, so faults cost the same time either way.
    await new Promise((resolve) => setTimeout(resolve, (attempt + 1) ** 2 * delayUnitMs))
    const made = await find()
    if (made !== undefined) return { value: made, recovered: true }
  }
}

/** A 5xx or no answer at all: the write may or may not have happened. */
function outcomeUnknown(error: unknown): boolean {
  const status = statusOf(error)
  return status === undefined || status >= 500
}
