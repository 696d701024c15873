import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { countApprovals } from '../../src/approvals/count.js'
import { parseEnvironmentReviews } from '../../src/approvals/parse.js'
import type { EnvironmentReview } from '../../src/approvals/types.js'

const rule = { required: 2, environments: ['prod-owner', 'prod-reviewer'], prevent_self_approval: true }

describe('countApprovals edge cases', () => {
  it('one review approving both environments at once is one person, one vote', () => {
    const result = countApprovals(
      [
        {
          state: 'approved',
          environments: [{ name: 'prod-owner' }, { name: 'prod-reviewer' }],
          user: { login: 'ana' }
        }
      ],
      rule
    )
    expect(result).toMatchObject({ received: 1, status: 'fail' })
    expect(result.approvers).toEqual([{ user: 'ana', environment: 'prod-owner', comment: '' }])
  })

  it('credits the policy environment when a review also names others', () => {
    const result = countApprovals(
      [
        {
          state: 'approved',
          environments: [{ name: 'qa' }, { name: 'prod-reviewer' }],
          user: { login: 'ana' }
        }
      ],
      rule
    )
    expect(result.approvers[0]!.environment).toBe('prod-reviewer')
  })

  it('lists every ignored review with its reason, and the message says what is missing', () => {
    const result = countApprovals(
      [
        { state: 'rejected', environments: [{ name: 'prod-owner' }], user: { login: 'bo' } },
        { state: 'approved', environments: [{ name: 'prod-owner' }], user: null },
        { state: 'approved', environments: [], user: { login: 'cy' } },
        { state: 'approved', environments: [{ name: 'prod-owner' }], user: { login: 'dee' } }
      ],
      rule
    )
    expect(result.ignored).toEqual([
      { user: 'bo', environment: 'prod-owner', reason: 'state is rejected' },
      { user: '', environment: 'prod-owner', reason: 'no user' },
      { user: 'cy', environment: '', reason: 'environment "" is not in the policy' }
    ])
    expect(result.message).toBe(
      '1 of 2 required approvals (dee (prod-owner)) from environments prod-owner, prod-reviewer'
    )
  })

  it('never counts the actor, never counts a person twice, never counts more than distinct eligible people (property)', () => {
    const login = fc.constantFrom('ana', 'ANA', 'bo', 'cy', 'release-bot', 'Release-Bot')
    const review = fc.record({
      state: fc.constantFrom('approved', 'rejected', 'APPROVED'),
      environments: fc.array(fc.record({ name: fc.constantFrom('prod-owner', 'prod-reviewer', 'qa') }), {
        maxLength: 2
      }),
      user: fc.record({ login })
    })
    fc.assert(
      fc.property(
        fc.array(review, { maxLength: 8 }),
        fc.boolean(),
        (reviews: EnvironmentReview[], selfAllowed) => {
          const result = countApprovals(
            reviews,
            { ...rule, prevent_self_approval: !selfAllowed },
            'release-bot'
          )
          const users = result.approvers.map((a) => a.user.toLowerCase())
          expect(new Set(users).size).toBe(users.length)
          if (!selfAllowed) expect(users).not.toContain('release-bot')
          for (const approver of result.approvers) expect(rule.environments).toContain(approver.environment)
          expect(result.received).toBe(result.approvers.length)
          expect(result.status).toBe(result.received >= 2 ? 'pass' : 'fail')
          expect(result.approvers.length + result.ignored.length).toBe(reviews.length)
        }
      ),
      { numRuns: 400 }
    )
  })
})

describe('parseEnvironmentReviews (--approvals FILE)', () => {
  it('keeps what counting needs from the GitHub response', () => {
    expect(
      parseEnvironmentReviews(
        [
          {
            state: 'approved',
            comment: 'ok',
            environments: [{ id: 1, name: 'prod-owner' }],
            user: { login: 'ana', id: 5 }
          }
        ],
        'a.json'
      )
    ).toEqual([
      { state: 'approved', comment: 'ok', environments: [{ name: 'prod-owner' }], user: { login: 'ana' } }
    ])
  })

  it.each([
    [{ reviews: [] }, 'a.json: expected the JSON list GET /actions/runs/{run_id}/approvals returns'],
    [[{ environments: [], user: { login: 'a' } }], 'a.json [0].state: expected state to be a string'],
    [
      [{ state: 'approved', user: { login: 'a' } }],
      'a.json [0].environments: expected environments to be a list'
    ],
    [[{ state: 'approved', environments: [], user: {} }], 'a.json [0].user: expected user.login']
  ])('refuses %j, naming the place', (data, message) => {
    expect(() => parseEnvironmentReviews(data, 'a.json')).toThrow(
      expect.objectContaining({ format: expect.any(Function) })
    )
    try {
      parseEnvironmentReviews(data, 'a.json')
    } catch (error) {
      expect((error as { format(): string }).format()).toBe(message)
    }
  })
})
