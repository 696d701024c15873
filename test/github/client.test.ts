import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import nock from 'nock'
import { GitHubError } from '../../src/errors.js'
import { githubError } from '../../src/github/client.js'
import { permissionHint, requiredPermission, scrub } from '../../src/github/errors.js'
import { API, makeClient, R, repo, TOKEN } from './harness.js'

// nock patches Node's http module for the whole jest worker: unpatch it when this file is done,
// or a later file in the same worker (Sigstore's fetch, a local simulator) has its requests intercepted.
afterAll(() => nock.restore())

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => nock.enableNetConnect())

const APPROVALS = `${R}/actions/runs/7/approvals`
const approvals = (logs: string[] = [], extra = {}) =>
  makeClient({ logs, ...extra }).actions.getReviewsForRun({ ...repo, run_id: 7 })

async function failure(promise: Promise<unknown>): Promise<GitHubError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(GitHubError)
  expect((error as Error).message).not.toContain(TOKEN)
  return error as GitHubError
}

describe('retries', () => {
  it.each([500, 502, 503])('retries HTTP %i and then succeeds', async (status) => {
    const scope = nock(API)
      .get(APPROVALS)
      .reply(status, { message: 'oops' })
      .get(APPROVALS)
      .reply(status, { message: 'oops' })
      .get(APPROVALS)
      .reply(200, [])
    const { data } = await approvals()
    expect(data).toEqual([])
    expect(scope.isDone()).toBe(true)
  })

  it('retries a connection reset', async () => {
    const scope = nock(API)
      .get(APPROVALS)
      .replyWithError({ code: 'ECONNRESET', message: 'socket hang up' })
      .get(APPROVALS)
      .reply(200, [])
    expect((await approvals()).data).toEqual([])
    expect(scope.isDone()).toBe(true)
  })

  it('gives a hanging connection a per-attempt timeout and retries it', async () => {
    const scope = nock(API).get(APPROVALS).delay(1_000).reply(200, []).get(APPROVALS).reply(200, [{}])
    const { data } = await approvals([], { timeoutMs: 100 })
    expect(data).toEqual([{}])
    expect(scope.isDone()).toBe(true)
  })

  it('ends in one clear error when every attempt fails', async () => {
    nock(API).get(APPROVALS).times(4).reply(502, { message: 'Bad Gateway' })
    const error = await failure(approvals())
    expect(error.status).toBe(502)
    expect(error.message).toBe(
      'GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals failed (HTTP 502): Bad Gateway'
    )
    expect(nock.pendingMocks()).toEqual([])
  })

  it('says "no answer" when every attempt times out', async () => {
    nock(API).get(APPROVALS).times(2).delay(500).reply(200, [])
    const error = await failure(approvals([], { timeoutMs: 50, retries: 1 }))
    expect(error.status).toBeUndefined()
    expect(error.message).toMatch(/approvals failed: no answer within 0.05 s/)
  })

  it.each([
    [404, 'Not Found'],
    [422, 'Validation Failed'],
    [410, 'Gone'],
    [401, 'Bad credentials']
  ])('does not retry HTTP %i', async (status, message) => {
    const scope = nock(API).get(APPROVALS).once().reply(status, { message })
    const error = await failure(approvals())
    expect(error.status).toBe(status)
    expect(error.message).toContain(`(HTTP ${status}): ${message}`)
    expect(scope.isDone()).toBe(true)
  })
})

describe('rate limits', () => {
  it('waits out a primary rate limit (403, x-ratelimit-reset) and logs it without the token', async () => {
    const logs: string[] = []
    const reset = Math.floor(Date.now() / 1000) + 2
    nock(API)
      .get(APPROVALS)
      .reply(
        403,
        { message: 'API rate limit exceeded for installation ID 1.' },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }
      )
      .get(APPROVALS)
      .reply(200, [])
    expect((await approvals(logs)).data).toEqual([])
    expect(logs).toHaveLength(1)
    expect(logs[0]).toMatch(/^GitHub rate limit on GET \/repos\/\{owner\}.*retrying in [23] s$/)
    expect(logs.join('\n')).not.toContain(TOKEN)
  })

  it('honours retry-after on a secondary rate limit', async () => {
    const logs: string[] = []
    nock(API)
      .get(APPROVALS)
      .reply(403, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '7' })
      .get(APPROVALS)
      .reply(200, [])
    expect((await approvals(logs)).data).toEqual([])
    expect(logs).toEqual([expect.stringMatching(/secondary rate limit on GET .* retrying in 7 s$/)])
  })

  it('honours retry-after on a plain 429', async () => {
    const logs: string[] = []
    nock(API)
      .get(APPROVALS)
      .reply(429, { message: 'Too Many Requests' }, { 'retry-after': '3' })
      .get(APPROVALS)
      .reply(200, [])
    expect((await approvals(logs)).data).toEqual([])
    expect(logs).toEqual([expect.stringMatching(/HTTP 429 .* retrying in 3 s$/)])
  })

  it('gives up after the allowed retries with the route and status', async () => {
    nock(API).get(APPROVALS).times(3).reply(429, { message: 'Too Many Requests' }, { 'retry-after': '1' })
    const error = await failure(approvals([], { rateLimitRetries: 2 }))
    expect(error.status).toBe(429)
    expect(error.message).toContain(
      'GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals failed (HTTP 429)'
    )
  })

  it('does not wait for a reset beyond the cap', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600
    const scope = nock(API)
      .get(APPROVALS)
      .once()
      .reply(
        403,
        { message: 'API rate limit exceeded' },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }
      )
    const error = await failure(approvals([], { maxRateLimitWaitSeconds: 60 }))
    expect(error.status).toBe(403)
    expect(scope.isDone()).toBe(true)
  })

  it('does not retry a 403 that is not a rate limit, and names the permission', async () => {
    const scope = nock(API)
      .get(APPROVALS)
      .once()
      .reply(403, { message: 'Resource not accessible by integration' })
    const error = await failure(approvals())
    expect(error.message).toBe(
      'GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals failed (HTTP 403): Resource not accessible by integration; the job needs `permissions: actions: read`'
    )
    expect(scope.isDone()).toBe(true)
  })
})

describe('the token', () => {
  it('is sent to the API and never appears in an error, even when GitHub quotes it', async () => {
    let authorization: string | undefined
    nock(API)
      .get(APPROVALS)
      .reply(function () {
        authorization = String(this.req.headers.authorization)
        return [401, { message: `Bad credentials: ${TOKEN}` }]
      })
    const error = await failure(approvals())
    expect(authorization).toContain(TOKEN)
    expect(error.message).toContain('Bad credentials: ***')
    const wrapped = githubError('reading approvals', 'approvals', error)
    expect(wrapped.message).not.toContain(TOKEN)
    expect(JSON.stringify(wrapped)).not.toContain(TOKEN)
  })

  it('scrubs secrets, bearer tokens and signed-URL signatures from text', () => {
    expect(scrub(`x ${TOKEN} y`, [TOKEN])).toBe('x *** y')
    expect(scrub('Authorization: Bearer abcdefgh12345', [])).toBe('Authorization: Bearer ***')
    expect(scrub('https://blob/x?sv=1&sig=AbC%2F123&se=2', [])).toBe('https://blob/x?sv=1&sig=***&se=2')
  })
})

describe('module messages', () => {
  it('prefix what was being done and keep the operation', async () => {
    nock(API).get(APPROVALS).reply(404, { message: 'Not Found' })
    const error = await approvals().then(
      () => undefined,
      (e: unknown) => githubError('reading the approvals of run 7', undefined, e)
    )
    expect(error?.message).toBe(
      'reading the approvals of run 7 failed (HTTP 404): Not Found; the job needs `permissions: actions: read` (GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals)'
    )
  })

  it('name the permission each route needs', () => {
    expect(requiredPermission('GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts')).toBe(
      'actions: read'
    )
    expect(requiredPermission('GET /repos/{owner}/{repo}/environments/{environment_name}')).toBe(
      'actions: read'
    )
    expect(requiredPermission('POST /repos/{owner}/{repo}/git/refs')).toBe('contents: write')
    expect(requiredPermission('GET /repos/{owner}/{repo}/git/matching-refs/{ref}')).toBe('contents: read')
    expect(requiredPermission('PATCH /repos/{owner}/{repo}/releases/{release_id}')).toBe('contents: write')
    expect(requiredPermission('POST /repos/{owner}/{repo}/releases/{release_id}/assets')).toBe(
      'contents: write'
    )
    expect(requiredPermission('POST /repos/{owner}/{repo}/statuses/{sha}')).toBe('statuses: write')
    expect(requiredPermission('GET /repos/{owner}/{repo}/commits/{ref}/status')).toBe('statuses: read')
    expect(requiredPermission('GET /repos/{owner}/{repo}/commits/{ref}/check-runs')).toBe('checks: read')
    expect(requiredPermission('GET /repos/{owner}/{repo}/commits/{ref}')).toBe('contents: read')
    expect(permissionHint('GET /repos/{owner}/{repo}/commits/{ref}', 500)).toBeUndefined()
  })
})
