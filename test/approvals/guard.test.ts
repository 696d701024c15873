import { describe, expect, it } from '@jest/globals'
import {
  checkEnvironmentGuard,
  globMatches,
  screenReviews,
  type EnvironmentFacts
} from '../../src/approvals/guard.js'
import type { EnvironmentReview } from '../../src/approvals/types.js'

const env = (overrides: Partial<EnvironmentFacts> = {}): EnvironmentFacts => ({
  name: 'prod',
  exists: true,
  reviewers: [{ type: 'User', login: 'Alice', id: 1 }],
  canAdminsBypass: false,
  branches: { kind: 'all' },
  ...overrides
})
const approval = (login: string, environments: string[], id?: number): EnvironmentReview => ({
  state: 'approved',
  comment: '',
  environments: environments.map((name) => ({ name })),
  user: { login, ...(id !== undefined && { id }) }
})
const MAIN = { ref: 'refs/heads/main', adminBypass: 'refuse' as const }

describe('checkEnvironmentGuard', () => {
  it('passes a protected environment without bypass that admits every ref', () => {
    expect(checkEnvironmentGuard([env()], MAIN)).toEqual({ problems: [], warnings: [] })
  })

  it('refuses administrator bypass by default, warns when accepted, and fails closed when not reported', () => {
    expect(checkEnvironmentGuard([env({ canAdminsBypass: true })], MAIN).problems).toEqual([
      expect.stringContaining('untick "Allow administrators to bypass configured protection rules"')
    ])
    expect(checkEnvironmentGuard([env({ canAdminsBypass: true })], { ...MAIN, adminBypass: 'warn' })).toEqual(
      {
        problems: [],
        warnings: [
          expect.stringContaining('administrators may bypass the protection rules of environment "prod"')
        ]
      }
    )
    const unreported = env()
    delete unreported.canAdminsBypass
    expect(checkEnvironmentGuard([unreported], MAIN).problems).toEqual([
      'GitHub\'s answer for environment "prod" does not say whether administrators may bypass its protection rules (no can_admins_bypass), so a job may run there without its reviewers: untick "Allow administrators to bypass configured protection rules" in Settings → Environments → prod, or accept it with the action input admin-bypass: warn'
    ])
    expect(checkEnvironmentGuard([unreported], { ...MAIN, adminBypass: 'warn' })).toEqual({
      problems: [],
      warnings: [expect.stringContaining('does not say whether administrators may bypass')]
    })
  })

  it('checks the ref against protected-branch and pattern rules, failing closed on an unknown ref', () => {
    const patterns = env({
      branches: {
        kind: 'custom',
        patterns: [
          { name: 'release/*', type: 'branch' },
          { name: 'v*', type: 'tag' }
        ]
      }
    })
    expect(checkEnvironmentGuard([patterns], { ...MAIN, ref: 'refs/heads/release/7' }).problems).toEqual([])
    expect(checkEnvironmentGuard([patterns], { ...MAIN, ref: 'refs/tags/v7' }).problems).toEqual([])
    // A branch named like the tag pattern, a nested branch, a pull request ref, no ref at all.
    for (const ref of ['refs/heads/v7', 'refs/heads/release/7/x', 'refs/pull/3/merge', ''])
      expect(checkEnvironmentGuard([patterns], { ...MAIN, ref }).problems).toHaveLength(1)
    const protectedOnly = (refIsProtected: boolean): EnvironmentFacts =>
      env({ branches: { kind: 'protected', refIsProtected } })
    expect(checkEnvironmentGuard([protectedOnly(true)], MAIN).problems).toEqual([])
    expect(checkEnvironmentGuard([protectedOnly(false)], MAIN).problems).toEqual([
      'environment "prod" admits protected branches only, and ref refs/heads/main is not one'
    ])
    expect(
      checkEnvironmentGuard([protectedOnly(true)], { ...MAIN, ref: 'refs/tags/v1' }).problems
    ).toHaveLength(1)
  })

  it('names missing and reviewer-less environments with how to fix them', () => {
    const { problems } = checkEnvironmentGuard(
      [env({ name: 'gone', exists: false }), env({ name: 'open', reviewers: [] })],
      { ...MAIN, repository: 'acme/models' }
    )
    expect(problems[0]).toMatch(
      /^environment "gone" does not exist in acme\/models: create it, then add a required reviewer/
    )
    expect(problems[1]).toMatch(
      /^environment "open" has no required reviewers, so its approvals prove nothing/
    )
  })
})

describe('globMatches', () => {
  it.each([
    ['main', 'main', true],
    ['main', 'mainline', false],
    ['release/*', 'release/1', true],
    ['release/*', 'release/1/hotfix', false],
    // `**` crosses `/` only as `**/` (Ruby's FNM_PATHNAME): elsewhere it is `*`.
    ['release/**', 'release/1/hotfix', false],
    ['release/**', 'release/1', true],
    ['release/**/*', 'release/1/hotfix', true],
    ['release/**/*', 'release/1', true],
    ['**/hotfix', 'hotfix', true],
    ['**/hotfix', 'a/b/hotfix', true],
    ['**', 'a/b', false],
    ['v?', 'v1', true],
    ['v?', 'v/', false],
    ['v[0-9].x', 'v7.x', true],
    ['v[!0-9].x', 'v7.x', false],
    ['a.b', 'axb', false],
    ['feat(x)', 'feat(x)', true]
  ])('%s against %s → %s', (pattern, name, expected) => {
    expect(globMatches(pattern, name)).toBe(expected)
  })
})

describe('screenReviews', () => {
  it("keeps approvals by the environment's listed users (id first, else login in any case)", () => {
    const result = screenReviews(
      [approval('alice', ['prod']), approval('renamed', ['prod'], 1), approval('mallory', ['prod'], 9)],
      [env()]
    )
    expect(result.reviews.map((r) => r.user!.login)).toEqual(['alice', 'renamed'])
    expect(result.ignored).toEqual([
      { user: 'mallory', environment: 'prod', reason: 'not a required reviewer of environment prod' }
    ])
  })

  it('narrows a review that approved several environments to those the user reviews', () => {
    const other = env({ name: 'risk', reviewers: [{ type: 'User', login: 'bob' }] })
    const result = screenReviews([approval('alice', ['risk', 'prod'])], [env(), other])
    expect(result.reviews).toEqual([{ ...approval('alice', ['prod']) }])
    expect(result.ignored).toEqual([])
  })

  it('trusts team reviewers as GitHub enforces them, unless administrators may bypass or GitHub does not say', () => {
    const team = env({ reviewers: [{ type: 'Team', slug: 'ml-leads' }] })
    expect(screenReviews([approval('carol', ['prod'])], [team]).reviews).toHaveLength(1)
    const unreported = { ...team }
    delete unreported.canAdminsBypass
    for (const bypassable of [{ ...team, canAdminsBypass: true }, unreported])
      expect(screenReviews([approval('carol', ['prod'])], [bypassable])).toEqual({
        reviews: [],
        ignored: [
          { user: 'carol', environment: 'prod', reason: 'not a required reviewer of environment prod' }
        ]
      })
  })

  it('leaves rejections, other environments and user-less entries to the counting', () => {
    const rejected: EnvironmentReview = { ...approval('mallory', ['prod']), state: 'rejected' }
    const elsewhere = approval('mallory', ['staging'])
    const result = screenReviews([rejected, elsewhere], [env()])
    expect(result.reviews).toEqual([rejected, elsewhere])
  })
})
