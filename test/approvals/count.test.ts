import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { countApprovals } from '../../src/approvals/count.js'
import type { EnvironmentReview } from '../../src/approvals/types.js'

const rule = { required: 2, environments: ['prod-owner', 'prod-reviewer'], prevent_self_approval: true }
const review = (login: string, environment: string, state = 'approved'): EnvironmentReview => ({
  state,
  comment: `ok from ${login}`,
  environments: [{ name: environment }],
  user: { login }
})

describe('countApprovals (docs/approvals.md)', () => {
  it('counts the worked example: two people, two environments', () => {
    const reviews = JSON.parse(
      readFileSync('test/fixtures/examples/fraud-v7/approvals.json', 'utf8')
    ) as EnvironmentReview[]
    const result = countApprovals(reviews, rule, 'release-bot', '2026-01-01T00:00:00Z')
    expect(result).toMatchObject({ required: 2, received: 2, status: 'pass' })
    expect(result.approvers).toEqual([
      {
        user: 'maria-owner',
        environment: 'prod-owner',
        comment: 'Shadow SLOs met; fairness within policy.',
        at: '2026-01-01T00:00:00Z'
      },
      {
        user: 'li-reviewer',
        environment: 'prod-reviewer',
        comment: 'Reviewed drift and canary plan.',
        at: '2026-01-01T00:00:00Z'
      }
    ])
  })

  it('counts only the approved state', () => {
    const result = countApprovals([review('a', 'prod-owner', 'rejected'), review('b', 'prod-reviewer')], rule)
    expect(result).toMatchObject({ received: 1, status: 'fail' })
    expect(result.ignored).toEqual([{ user: 'a', environment: 'prod-owner', reason: 'state is rejected' }])
  })

  it("counts only the policy's environments", () => {
    const result = countApprovals([review('a', 'staging'), review('b', 'prod-reviewer')], rule)
    expect(result.received).toBe(1)
    expect(result.ignored[0]!.reason).toBe('environment "staging" is not in the policy')
  })

  it('counts a person once however many environments they approved', () => {
    const result = countApprovals([review('a', 'prod-owner'), review('A', 'prod-reviewer')], rule)
    expect(result).toMatchObject({ received: 1, status: 'fail' })
  })

  it('never counts the actor who triggered the run under prevent_self_approval (case-insensitive)', () => {
    const result = countApprovals(
      [review('Release-Bot', 'prod-owner'), review('b', 'prod-reviewer')],
      rule,
      'release-bot'
    )
    expect(result).toMatchObject({ received: 1, status: 'fail' })
    expect(result.ignored[0]!.reason).toBe('requested or re-ran the workflow run (self-approval)')
  })

  it('counts the actor when the policy allows self-approval', () => {
    const result = countApprovals(
      [review('bot', 'prod-owner'), review('b', 'prod-reviewer')],
      { ...rule, prevent_self_approval: false },
      'bot'
    )
    expect(result.status).toBe('pass')
  })

  it('blocks with no approvals at all, and is not_required without a rule', () => {
    expect(countApprovals([], rule).status).toBe('fail')
    expect(countApprovals([review('a', 'x')], undefined).status).toBe('not_required')
  })

  it("counts each reviewer's latest word per environment: approve then reject withdraws", () => {
    const result = countApprovals(
      [
        review('bob', 'prod-reviewer'),
        review('alice', 'prod-owner'),
        review('Bob', 'prod-reviewer', 'rejected')
      ],
      rule
    )
    expect(result).toMatchObject({ received: 1, status: 'fail' })
    expect(result.ignored).toEqual([
      { user: 'bob', environment: 'prod-reviewer', reason: 'withdrawn: rejected later in prod-reviewer' },
      { user: 'Bob', environment: 'prod-reviewer', reason: 'state is rejected' }
    ])
    // A later approval (say, on a re-run) after the rejection counts again.
    const again = countApprovals(
      [
        review('bob', 'prod-reviewer', 'rejected'),
        review('bob', 'prod-reviewer'),
        review('alice', 'prod-owner')
      ],
      rule
    )
    expect(again.status).toBe('pass')
  })

  it('excludes every requester of the run, on any attempt, case-insensitively', () => {
    const result = countApprovals(
      [review('alice', 'prod-owner'), review('Carol', 'prod-reviewer'), review('dave', 'prod-reviewer')],
      rule,
      ['ALICE', 'carol']
    )
    expect(result.approvers.map((a) => a.user)).toEqual(['dave'])
    expect(result.ignored.map((i) => i.reason)).toEqual([
      'requested or re-ran the workflow run (self-approval)',
      'requested or re-ran the workflow run (self-approval)'
    ])
  })
})
