import * as core from '@actions/core'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { Octokit } from '@octokit/rest'
import { GitHubError } from '../errors.js'
import { VERSION } from '../version.js'
import { GitHubRequestError, permissionHint, scrub } from './errors.js'
import { oneLine } from '../records/escape.js'

/** Octokit with retries (5xx, connection resets, timeouts) and rate-limit aware throttling. */
export const ModelgateOctokit = Octokit.plugin(retry, throttling)
export type GitHubClient = InstanceType<typeof ModelgateOctokit>

export interface ClientOptions {
  token: string
  baseUrl: string
  userAgent?: string
  /** Where retry and rate-limit notices go (default: the action log). Never receives the token. */
  log?: (message: string) => void
  /** Retries after a rate limit (403/429) before giving up. */
  rateLimitRetries?: number
  /** Retries after a 5xx, a connection reset or a timeout. */
  retries?: number
  /** Per-attempt timeout: a hanging connection fails into a retry instead of hanging the job. */
  timeoutMs?: number
  /**
   * Milliseconds per "second" of every retry wait (retry-after, rate-limit reset, backoff).
   * 1000 in production; tests pass 1 so that retries take milliseconds.
   */
  delayUnitMs?: number
  /** Longest rate-limit wait honoured, in seconds; a later reset fails clearly instead. */
  maxRateLimitWaitSeconds?: number
  /**
   * GitHub asks integrations to space writes ≥ 1 s apart (the throttling plugin's default);
   * tests switch that pacing off.
   */
  pacing?: boolean
}

export interface RetryPolicy {
  retries: number
  delayUnitMs: number
}

const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, delayUnitMs: 1000 }
const retryPolicies = new WeakMap<GitHubClient, RetryPolicy>()

/** The retry budget a client was built with, for calls that retry by hand (see create-once.ts). */
export function retryPolicyOf(client: GitHubClient): RetryPolicy {
  return retryPolicies.get(client) ?? DEFAULT_RETRY_POLICY
}

/** Statuses never retried: the request itself is wrong, or (403) not rate-limit-related. */
const DO_NOT_RETRY = [400, 401, 403, 404, 409, 410, 422, 429, 451]

/**
 * The one Octokit instance every GitHub call goes through. Retry plugin: 5xx, connection resets
 * and timeouts, with (n+1)² backoff. Throttling plugin: primary (x-ratelimit-remaining: 0,
 * waits until x-ratelimit-reset) and secondary (retry-after) limits. A plain 429 or 403 with a
 * `retry-after` that neither plugin recognises is honoured here too. Every failure leaves as a
 * `GitHubRequestError` naming the route, status, GitHub's message and the likely permission.
 */
export function createOctokit(options: ClientOptions): GitHubClient {
  const rateLimitRetries = options.rateLimitRetries ?? 3
  const policy: RetryPolicy = {
    retries: options.retries ?? DEFAULT_RETRY_POLICY.retries,
    delayUnitMs: options.delayUnitMs ?? DEFAULT_RETRY_POLICY.delayUnitMs
  }
  const unit = policy.delayUnitMs
  const maxWait = options.maxRateLimitWaitSeconds ?? 15 * 60
  const timeoutMs = options.timeoutMs ?? 30_000
  // One line, no control characters: API answers inside a message must not write workflow commands.
  const say = (message: string): void =>
    (options.log ?? core.info)(oneLine(scrub(message, [options.token])).replace(/^::/, ' ::'))
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _o: unknown, retryCount: number) => {
      if (retryCount >= rateLimitRetries || retryAfter > maxWait) {
        say(`GitHub ${kind} on ${request.method} ${request.url}; giving up after ${retryCount} retries`)
        return false
      }
      say(`GitHub ${kind} on ${request.method} ${request.url}; retrying in ${retryAfter} s`)
      return true
    }
  const passThrough = {
    key: () => ({
      schedule: (_job: unknown, fn: (...args: unknown[]) => unknown, ...args: unknown[]) =>
        Promise.resolve(fn(...args))
    })
  }
  const client = new ModelgateOctokit({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: options.userAgent ?? `modelgate/${VERSION}`,
    // Octokit's request log would print every failed call; errors are reported once, by us.
    log: {
      debug: () => {},
      info: () => {},
      warn: (m: string) => core.debug(scrub(m, [options.token])),
      error: (m: string) => core.debug(scrub(m, [options.token]))
    },
    request: { fetch: timedFetch(timeoutMs) },
    throttle: {
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
      retryAfterBaseValue: unit,
      ...(options.pacing === false && { write: passThrough, notifications: passThrough })
    },
    retry: { doNotRetry: DO_NOT_RETRY, retries: policy.retries, retryAfterBaseValue: unit }
  } as ConstructorParameters<typeof ModelgateOctokit>[0])
  retryPolicies.set(client, policy)

  // Registered after the plugins, so these wrap them: they see what is left after their retries.
  client.hook.wrap('request', async (request, endpoint) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(endpoint)
      } catch (error) {
        const wait = plainRetryAfter(error)
        if (wait === undefined || attempt >= rateLimitRetries || wait > maxWait) throw error
        say(`GitHub answered HTTP ${statusOf(error)} to ${operationOf(endpoint)}; retrying in ${wait} s`)
        await new Promise((resolve) => setTimeout(resolve, wait * unit))
      }
    }
  })
  client.hook.wrap('request', async (request, endpoint) => {
    try {
      return await request(endpoint)
    } catch (error) {
      throw toRequestError(error, operationOf(endpoint), options.token)
    }
  })
  return client
}

/** fetch with a fresh timeout per attempt (a signal shared across retries would stay aborted). */
function timedFetch(timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs)
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout
    try {
      return await fetch(input, { ...init, signal })
    } catch (error) {
      // Octokit rethrows AbortError as is (not retried); a timeout must become a retryable failure.
      if (timeout.aborted) throw new Error(`no answer within ${timeoutMs / 1000} s`, { cause: error })
      throw error
    }
  }
}

/** A 429 (or a 403 carrying retry-after) that the throttling plugin did not take as a rate limit. */
function plainRetryAfter(error: unknown): number | undefined {
  const e = error as RequestErrorLike
  if (e.status !== 429 && e.status !== 403) return undefined
  const headers = e.response?.headers ?? {}
  // The throttling plugin owns these; here they have already used up its retries.
  if (headers['x-ratelimit-remaining'] === '0' || /\bsecondary rate\b/i.test(String(e.message)))
    return undefined
  const value = headers['retry-after']
  if (value === undefined) return e.status === 429 ? 60 : undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds)
  const date = Date.parse(value)
  return Number.isNaN(date) ? 60 : Math.max(0, Math.ceil((date - Date.now()) / 1000))
}

function operationOf(endpoint: { method?: string; url?: string }): string {
  // Strip an RFC 6570 query template (`…/assets{?name,label}`) before URL parsing reads `?` as a query.
  let path = String(endpoint.url ?? '').replace(/\{\?[^}]*\}$/, '')
  try {
    if (/^https?:/i.test(path)) path = new URL(path).pathname
  } catch {
    // keep what we have
  }
  try {
    path = decodeURI(path)
  } catch {
    // a malformed escape: show it as sent
  }
  path = path.replace(/\{\?[^}]*\}$/, '').replace(/\?.*$/, '')
  return `${endpoint.method ?? 'GET'} ${path}`
}

function toRequestError(error: unknown, operation: string, token: string): GitHubError {
  if (error instanceof GitHubError) return error
  const e = error as RequestErrorLike
  const status = typeof e.status === 'number' && !isNetworkFailure(error) ? e.status : undefined
  const data = e.response?.data as { message?: unknown } | undefined
  const raw = typeof data?.message === 'string' ? data.message : (e.message ?? String(error))
  return new GitHubRequestError(operation, status, scrub(raw, [token]))
}

/** Octokit reports network failures (resets, timeouts) as status 500 without a response. */
function isNetworkFailure(error: unknown): boolean {
  return (error as RequestErrorLike).response === undefined
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
  runs: 'the job needs `permissions: actions: read`',
  environment:
    'the job needs `permissions: actions: read` (environments are read with it) or the environment does not exist',
  tags: 'the job needs `permissions: contents: write`',
  releases: 'the job needs `permissions: contents: write`',
  contents: 'the job needs `permissions: contents: read`',
  statuses: 'the job needs `permissions: statuses: write`',
  checks: 'the job needs `permissions: checks: read` and `statuses: read`',
  attestations: 'the job needs `permissions: attestations: write` (and `id-token: write` to sign)'
}

/**
 * One clear message for a failed call: what was attempted, GitHub's answer, the usual fix and the
 * REST operation, e.g. `reading the approvals of workflow run 5 failed (HTTP 403): Resource not
 * accessible by integration; the job needs \`permissions: actions: read\` (GET /repos/…/approvals)`.
 */
export function githubError(
  what: string,
  area: keyof typeof PERMISSION_HINTS | undefined,
  error: unknown
): GitHubError {
  if (error instanceof GitHubRequestError) {
    const status = error.status
    const hint =
      status === 403 || status === 404
        ? ((area && PERMISSION_HINTS[area]) ?? permissionHint(error.operation, status))
        : undefined
    const code = status === undefined ? '' : ` (HTTP ${status})`
    return new GitHubError(
      `${what} failed${code}: ${error.detail}${hint ? `; ${hint}` : ''} (${error.operation})`,
      status
    )
  }
  if (error instanceof GitHubError) return error
  const e = error as RequestErrorLike
  const status = typeof e.status === 'number' ? e.status : undefined
  const data = e.response?.data as { message?: unknown } | undefined
  const detail = typeof data?.message === 'string' ? data.message : (e.message ?? String(error))
  const hint = (status === 403 || status === 404) && area ? `; ${PERMISSION_HINTS[area]}` : ''
  const code = status === undefined ? '' : ` (HTTP ${status})`
  return new GitHubError(`${what} failed${code}: ${scrub(detail, [])}${hint}`, status)
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as RequestErrorLike)?.status
  return typeof status === 'number' ? status : undefined
}
