import * as core from '@actions/core'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { Octokit } from '@octokit/rest'
import { GitHubError } from '../errors.js'
import { VERSION } from '../version.js'

/** Octokit with retries (5xx, connection resets) and rate-limit aware throttling. */
export const ModelgateOctokit = Octokit.plugin(retry, throttling)
export type GitHubClient = InstanceType<typeof ModelgateOctokit>

export interface ClientOptions {
  token: string
  baseUrl: string
  /** Attempts after a rate limit before giving up. */
  rateLimitRetries?: number
  /** Per-request timeout. */
  timeoutMs?: number
}

export function createClient(options: ClientOptions): GitHubClient {
  const retries = options.rateLimitRetries ?? 3
  const client = new ModelgateOctokit({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: `modelgate/${VERSION}`,
    // Octokit's request log would print every failed call; errors are reported once, by us.
    log: {
      debug: () => {},
      info: () => {},
      warn: (m: string) => core.debug(m),
      error: (m: string) => core.debug(m)
    },
    throttle: {
      onRateLimit: (
        retryAfter: number,
        request: { method: string; url: string },
        _o: unknown,
        retryCount: number
      ) => {
        core.info(`GitHub rate limit on ${request.method} ${request.url}; retrying in ${retryAfter} s`)
        return retryCount < retries
      },
      onSecondaryRateLimit: (
        retryAfter: number,
        request: { method: string; url: string },
        _o: unknown,
        retryCount: number
      ) => {
        core.info(
          `GitHub secondary rate limit on ${request.method} ${request.url}; retrying in ${retryAfter} s`
        )
        return retryCount < retries
      }
    },
    retry: { doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451] }
  })
  const timeout = options.timeoutMs ?? 60_000
  client.hook.before('request', (request) => {
    request.request = { ...request.request, signal: request.request?.signal ?? AbortSignal.timeout(timeout) }
  })
  return client
}

export interface RequestErrorLike {
  status?: number
  message?: string
  response?: { data?: unknown; headers?: Record<string, string | undefined> }
}

/** What each 403/404 usually means for the call that failed. */
const PERMISSION_HINTS: Record<string, string> = {
  artifacts: 'the job needs `permissions: actions: read`',
  approvals: 'the job needs `permissions: actions: read`',
  environment:
    'the job needs `permissions: actions: read` (environments are read with it) or the environment does not exist',
  tags: 'the job needs `permissions: contents: write`',
  releases: 'the job needs `permissions: contents: write`',
  statuses: 'the job needs `permissions: statuses: write`',
  checks: 'the job needs `permissions: checks: read` and `statuses: read`'
}

/** One clear message for a failed call: what was attempted, GitHub's answer, and the usual fix. */
export function githubError(
  what: string,
  area: keyof typeof PERMISSION_HINTS | undefined,
  error: unknown
): GitHubError {
  if (error instanceof GitHubError) return error
  const e = error as RequestErrorLike
  const status = typeof e.status === 'number' ? e.status : undefined
  const data = e.response?.data as { message?: unknown } | undefined
  const detail = typeof data?.message === 'string' ? data.message : (e.message ?? String(error))
  const hint = (status === 403 || status === 404) && area ? `; ${PERMISSION_HINTS[area]}` : ''
  const code = status === undefined || status === 500 ? '' : ` (HTTP ${status})`
  return new GitHubError(`${what} failed${code}: ${detail}${hint}`, status, { cause: error })
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as RequestErrorLike)?.status
  return typeof status === 'number' ? status : undefined
}
