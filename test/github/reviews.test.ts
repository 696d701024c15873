import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import nock from 'nock'
import { GitHubError } from '../../src/errors.js'
import { listRunApprovals } from '../../src/github/approvals.js'
import { fetchCommitChecks } from '../../src/github/checks.js'
import {
  assertEnvironmentsProtected,
  environmentProtection,
  listEnvironments
} from '../../src/github/environments.js'
import { setCommitStatus, statusContext } from '../../src/github/statuses.js'
import { API, makeClient, R, repo, TOKEN } from './harness.js'

// nock patches Node's http module for the whole jest worker: unpatch it when this file is done,
// or a later file in the same worker (Sigstore's fetch, a local simulator) has its requests intercepted.
afterAll(() => nock.restore())

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => nock.enableNetConnect())

const SHA = 'a'.repeat(40)

describe('approvals', () => {
  it('maps the run review history and nothing else', async () => {
    nock(API)
      .get(`${R}/actions/runs/77/approvals`)
      .reply(200, [
        {
          state: 'approved',
          comment: 'lgtm',
          environments: [
            {
              id: 1,
              name: 'prod-owner',
              url: 'x',
              html_url: 'y',
              node_id: 'n',
              created_at: '',
              updated_at: ''
            }
          ],
          user: { login: 'alice', id: 10, type: 'User', extra: 'ignored' }
        },
        {
          state: 'rejected',
          comment: null,
          environments: [{ name: 'prod-risk' }],
          user: { login: 'bob', id: 11, type: 'User' }
        }
      ])
    expect(await listRunApprovals(makeClient(), repo, 77)).toEqual([
      {
        state: 'approved',
        comment: 'lgtm',
        environments: [{ name: 'prod-owner', id: 1 }],
        user: { login: 'alice', id: 10, type: 'User' }
      },
      {
        state: 'rejected',
        comment: null,
        environments: [{ name: 'prod-risk' }],
        user: { login: 'bob', id: 11, type: 'User' }
      }
    ])
  })

  it('fails with the operation, status and permission', async () => {
    nock(API).get(`${R}/actions/runs/77/approvals`).reply(404, { message: 'Not Found' })
    await expect(listRunApprovals(makeClient(), repo, 77)).rejects.toThrow(
      'reading the approvals of workflow run 77 failed (HTTP 404): Not Found; the job needs `permissions: actions: read` (GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals)'
    )
  })
})

describe('environments', () => {
  const environments = (
    list: Array<{ name: string; protection_rules: unknown[]; can_admins_bypass?: boolean }>
  ) =>
    nock(API)
      .get(`${R}/environments`)
      .query({ per_page: '100', page: '1' })
      .once()
      .reply(200, { total_count: list.length, environments: list.map((e, i) => ({ id: i + 1, ...e })) })

  it('reads every environment with one request and accepts one with a required_reviewers rule naming someone', async () => {
    environments([
      {
        name: 'prod-owner',
        protection_rules: [
          { id: 1, type: 'wait_timer', wait_timer: 5 },
          {
            id: 2,
            type: 'required_reviewers',
            prevent_self_review: true,
            reviewers: [{ type: 'User', reviewer: { login: 'alice' } }]
          }
        ]
      }
    ])
    const listed = await listEnvironments(makeClient(), repo)
    expect(nock.pendingMocks()).toEqual([])
    expect(environmentProtection(listed, 'prod-owner')).toEqual({
      name: 'prod-owner',
      status: 'protected',
      reviewers: 1
    })
    expect(environmentProtection(listed, 'other')).toEqual({ name: 'other', status: 'missing' })
  })

  it('fails closed on unprotected, reviewer-less and missing environments, saying how to fix each, with one request', async () => {
    environments([
      {
        name: 'a',
        can_admins_bypass: false,
        protection_rules: [
          { id: 1, type: 'required_reviewers', reviewers: [{ type: 'User', reviewer: { login: 'x' } }] }
        ]
      },
      { name: 'b', protection_rules: [{ id: 2, type: 'wait_timer', wait_timer: 1 }] },
      { name: 'c', protection_rules: [{ id: 3, type: 'required_reviewers', reviewers: [] }] }
    ])
    const error = await assertEnvironmentsProtected(makeClient(), repo, ['a', 'b', 'c', 'd', 'a']).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(GitHubError)
    const message = (error as Error).message
    expect(message).toMatch(/^approvals cannot be trusted: environment "b" has no required reviewers/)
    expect(message).toContain('environment "c" has no required reviewers')
    expect(message).toContain('environment "d" does not exist in acme/models: create it')
    expect(message).not.toContain('environment "a"')
    expect(message).toContain(
      'Settings → Environments → b → Deployment protection rules → Required reviewers'
    )
    expect(message).toContain('only available for public repositories')
    expect(nock.pendingMocks()).toEqual([])
  })

  it('feeds the guard from the one listing: reviewers, administrator bypass and deployment-branch rules, never a GET per environment', async () => {
    nock(API)
      .get(`${R}/environments`)
      .query({ per_page: '100', page: '1' })
      .once()
      .reply(200, {
        total_count: 2,
        environments: [
          {
            id: 1,
            name: 'bypassable',
            can_admins_bypass: true,
            deployment_branch_policy: null,
            protection_rules: [
              {
                id: 1,
                type: 'required_reviewers',
                reviewers: [{ type: 'User', reviewer: { login: 'alice' } }]
              }
            ]
          },
          {
            id: 2,
            name: 'release-only',
            can_admins_bypass: false,
            deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
            protection_rules: [
              { id: 2, type: 'required_reviewers', reviewers: [{ type: 'Team', reviewer: { slug: 'ml' } }] }
            ]
          }
        ]
      })
    // Only the environment that restricts branches costs one more read: its patterns.
    nock(API)
      .get(`${R}/environments/release-only/deployment-branch-policies`)
      .query(true)
      .once()
      .reply(200, { total_count: 1, branch_policies: [{ id: 1, name: 'release/*', type: 'branch' }] })
    const error = await assertEnvironmentsProtected(makeClient(), repo, ['bypassable', 'release-only'], {
      ref: 'refs/heads/main',
      adminBypass: 'refuse'
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GitHubError)
    const message = (error as Error).message
    expect(message).toContain('administrators may bypass the protection rules of environment "bypassable"')
    expect(message).toContain('environment "release-only" does not admit ref refs/heads/main')
    expect(nock.pendingMocks()).toEqual([])
  })

  it('reads further pages only when the listing says there are more', async () => {
    const page = (n: number, names: string[], total: number) =>
      nock(API)
        .get(`${R}/environments`)
        .query({ per_page: '100', page: String(n) })
        .once()
        .reply(200, {
          total_count: total,
          environments: names.map((name, i) => ({ id: n * 1000 + i, name, protection_rules: [] }))
        })
    page(
      1,
      Array.from({ length: 100 }, (_, i) => `env-${i}`),
      101
    )
    page(2, ['last'], 101)
    const listed = await listEnvironments(makeClient(), repo)
    expect(listed).toHaveLength(101)
    expect(environmentProtection(listed, 'last').status).toBe('unprotected')
    expect(nock.pendingMocks()).toEqual([])
  })

  it('passes silently when all are protected, asks nothing for no environments, and reports a forbidden read with the permission', async () => {
    environments([
      {
        name: 'a',
        can_admins_bypass: false,
        protection_rules: [
          { id: 1, type: 'required_reviewers', reviewers: [{ type: 'Team', reviewer: { slug: 'ml' } }] }
        ]
      }
    ])
    await expect(assertEnvironmentsProtected(makeClient(), repo, ['a'])).resolves.toEqual({
      environments: [
        {
          name: 'a',
          exists: true,
          reviewers: [{ type: 'Team', slug: 'ml' }],
          canAdminsBypass: false,
          branches: { kind: 'all' }
        }
      ],
      warnings: []
    })
    // Nothing asked, nothing read: nock would refuse an unexpected request.
    await expect(assertEnvironmentsProtected(makeClient(), repo, [])).resolves.toEqual({
      environments: [],
      warnings: []
    })
    nock(API)
      .get(`${R}/environments`)
      .query(true)
      .reply(403, { message: 'Resource not accessible by integration' })
    await expect(assertEnvironmentsProtected(makeClient(), repo, ['x'])).rejects.toThrow(
      /listing the environments of acme\/models failed \(HTTP 403\).*actions: read/
    )
  })

  it('fails closed when the answer does not say whether administrators may bypass (older servers)', async () => {
    const reviewed = [
      { id: 1, type: 'required_reviewers', reviewers: [{ type: 'User', reviewer: { login: 'x' } }] }
    ]
    environments([{ name: 'a', protection_rules: reviewed }])
    await expect(assertEnvironmentsProtected(makeClient(), repo, ['a'])).rejects.toThrow(
      /^approvals cannot be trusted: GitHub's answer for environment "a" does not say whether administrators may bypass its protection rules \(no can_admins_bypass\).*admin-bypass: warn$/
    )
    environments([{ name: 'a', protection_rules: reviewed }])
    await expect(
      assertEnvironmentsProtected(makeClient(), repo, ['a'], { ref: 'refs/heads/main', adminBypass: 'warn' })
    ).resolves.toMatchObject({ warnings: [expect.stringContaining('does not say whether administrators')] })
    expect(nock.pendingMocks()).toEqual([])
  })
})

describe('checks', () => {
  const run = (
    id: number,
    name: string,
    status: string,
    conclusion: string | null,
    started = '2026-11-22T10:00:00Z'
  ) => ({
    id,
    name,
    status,
    conclusion,
    started_at: started
  })

  it('reads every page of check runs and the combined status; latest run per name; red beats green', async () => {
    const first = Array.from({ length: 100 }, (_, i) => run(i + 1, `job-${i}`, 'completed', 'success'))
    nock(API)
      .get(`${R}/commits/${SHA}/check-runs`)
      .query({ filter: 'all', per_page: '100' })
      .reply(
        200,
        { total_count: 104, check_runs: first },
        {
          link: `<${API}${R}/commits/${SHA}/check-runs?filter=all&per_page=100&page=2>; rel="next"`
        }
      )
      .get(`${R}/commits/${SHA}/check-runs`)
      .query({ filter: 'all', per_page: '100', page: '2' })
      .reply(200, {
        total_count: 104,
        check_runs: [
          run(200, 'tests', 'completed', 'failure', '2026-11-22T09:00:00Z'),
          run(201, 'tests', 'completed', 'success', '2026-11-22T11:00:00Z'),
          run(202, 'lint', 'in_progress', null),
          run(203, 'shared', 'completed', 'success')
        ]
      })
    const statuses = (page: number, items: Array<{ context: string; state: string }>) =>
      nock(API)
        .get(`${R}/commits/${SHA}/status`)
        .query({ per_page: '100', page: String(page) })
        .reply(200, { state: 'failure', sha: SHA, total_count: 101, statuses: items })
    statuses(
      1,
      Array.from({ length: 100 }, (_, i) => ({ context: `ci/${i}`, state: i === 3 ? 'pending' : 'success' }))
    )
    statuses(2, [{ context: 'shared', state: 'error' }])
    const { conclusions: checks } = await fetchCommitChecks(makeClient(), repo, SHA)
    expect(Object.keys(checks)).toHaveLength(100 + 3 + 100) // jobs, tests/lint/shared, ci/*
    expect(checks).toMatchObject({
      'job-99': 'success',
      tests: 'success',
      lint: 'in_progress',
      'ci/3': 'pending',
      'ci/99': 'success',
      shared: 'error'
    })
    expect(nock.pendingMocks()).toEqual([])
  })

  it('names the permission when check runs cannot be read', async () => {
    nock(API)
      .get(`${R}/commits/${SHA}/check-runs`)
      .query(true)
      .reply(403, { message: 'Resource not accessible by integration' })
    await expect(fetchCommitChecks(makeClient(), repo, SHA)).rejects.toThrow(
      /reading check runs of aaaaaaaaaaaa failed \(HTTP 403\): Resource not accessible by integration; the job needs `permissions: checks: read`/
    )
  })
})

describe('commit statuses', () => {
  it('posts modelgate/<model>/<stage> with a description cut to 140 characters and the release as target', async () => {
    let body: Record<string, string> = {}
    nock(API)
      .post(`${R}/statuses/${SHA}`, (b: Record<string, string>) => {
        body = b
        return true
      })
      .reply(201, { id: 1 })
    await setCommitStatus(makeClient(), repo, {
      commit: SHA,
      context: statusContext('churn', 'prod'),
      state: 'success',
      description: 'x'.repeat(300),
      targetUrl: 'https://github.test/acme/models/releases/tag/churn%23prod%233'
    })
    expect(body.context).toBe('modelgate/churn/prod')
    expect(body.state).toBe('success')
    expect([...body.description!]).toHaveLength(140)
    expect(body.target_url).toBe('https://github.test/acme/models/releases/tag/churn%23prod%233')
  })

  it('leaves an identical status alone on a re-run', async () => {
    nock(API)
      .get(`${R}/commits/${SHA}/statuses`)
      .query(true)
      .reply(200, [{ context: 'modelgate/m/prod', state: 'success', description: 'ok', target_url: 'u' }])
    await setCommitStatus(makeClient(), repo, {
      commit: SHA,
      context: 'modelgate/m/prod',
      state: 'success',
      description: 'ok',
      targetUrl: 'u',
      onlyIfMissing: true
    })
    expect(nock.pendingMocks()).toEqual([])
  })

  it('names statuses: write on a 403, looks before posting again after a 502, and never shows the token', async () => {
    nock(API)
      .post(`${R}/statuses/${SHA}`)
      .reply(502, 'bad gateway')
      // The 502 may have come after the status was stored: a blind retry could stack a second one.
      .get(`${R}/commits/${SHA}/statuses`)
      .query(true)
      .reply(200, [{ context: 'other', state: 'failure', description: 'd', target_url: null }])
      .post(`${R}/statuses/${SHA}`)
      .reply(403, { message: 'Resource not accessible by integration' })
    const error = await setCommitStatus(makeClient(), repo, {
      commit: SHA,
      context: 'c',
      state: 'failure',
      description: 'd'
    }).catch((e: unknown) => e as Error)
    expect((error as Error).message).toBe(
      'setting status c on aaaaaaaaaaaa failed (HTTP 403): Resource not accessible by integration; the job needs `permissions: statuses: write` (POST /repos/{owner}/{repo}/statuses/{sha})'
    )
    expect((error as Error).message).not.toContain(TOKEN)
    expect(nock.pendingMocks()).toEqual([])
  })

  it('takes the status a lost answer already stored instead of posting it twice', async () => {
    nock(API)
      .post(`${R}/statuses/${SHA}`)
      .replyWithError({ code: 'ECONNRESET', message: 'socket hang up' })
      .get(`${R}/commits/${SHA}/statuses`)
      .query(true)
      .reply(200, [{ context: 'c', state: 'success', description: 'd', target_url: 'u' }])
    await setCommitStatus(makeClient(), repo, {
      commit: SHA,
      context: 'c',
      state: 'success',
      description: 'd',
      targetUrl: 'u'
    })
    expect(nock.pendingMocks()).toEqual([])
  })
})
