import { describe, expect, it } from '@jest/globals'
import { recordDisagreements } from '../../src/records/agreement.js'
import type { PromotionRecord } from '../../src/records/types.js'

const record = (overrides: Partial<PromotionRecord> = {}): PromotionRecord =>
  ({
    schema: 'modelgate/promotion-record/v1',
    event: 'promotion',
    model: 'churn',
    version: 'v2.0.0',
    from_stage: 'staging',
    to_stage: 'prod',
    decision: 'promote',
    policy: { path: 'p.yml@main', sha256: 'a'.repeat(64) },
    evidence: [{ name: 'online', source: 's', sha256: 'b'.repeat(64) }],
    run: { run_id: '5', attempt: '1' },
    created_at: '2026-01-01T00:00:00Z',
    ...overrides
  }) as PromotionRecord

describe('recordDisagreements', () => {
  it('finds none between attempts of the same decision (run details may differ)', () => {
    expect(
      recordDisagreements(
        record(),
        record({ run: { run_id: '5', attempt: '2' }, created_at: '2027-01-01T00:00:00Z' })
      )
    ).toEqual([])
  })

  it('names each field the tag and this attempt disagree on', () => {
    const found = record({
      decision: 'promote',
      version: 'v9.0.0',
      policy: null,
      evidence: [{ name: 'offline', source: 's', sha256: 'c'.repeat(64) }]
    })
    const ours = record({ decision: 'block' })
    expect(recordDisagreements(found, ours)).toEqual([
      'version: tag says "v9.0.0", this attempt "v2.0.0"',
      'decision: tag says "promote", this attempt "block"',
      `policy sha256: tag says null, this attempt "${'a'.repeat(64)}"`,
      `evidence "offline" sha256: tag says "${'c'.repeat(64)}", this attempt null`,
      `evidence "online" sha256: tag says null, this attempt "${'b'.repeat(64)}"`
    ])
  })

  it("compares each gate's status and requires every approver the tag names to be counted now", () => {
    const gate = (id: string, status: 'pass' | 'fail') => ({ id, status }) as PromotionRecord['gates'][number]
    const approval = (user: string, environment: string) => ({ user, environment, comment: 'ok' })
    const ours = record({
      gates: [gate('latency', 'pass'), gate('auc', 'pass')],
      approvals: [approval('alice', 'prod-owner'), approval('bob', 'prod-reviewer')]
    })
    // A re-run approved again by more people, with other comments: the same decision.
    expect(
      recordDisagreements(
        record({
          gates: [gate('auc', 'pass'), gate('latency', 'pass')],
          approvals: [{ ...approval('Alice', 'prod-owner'), comment: 'earlier attempt' }]
        }),
        ours
      )
    ).toEqual([])
    const forged = record({
      gates: [gate('latency', 'fail'), gate('invented', 'pass')],
      approvals: [
        approval('alice', 'prod-owner'),
        approval('ceo', 'prod-owner'),
        approval('bob', 'prod-owner')
      ]
    })
    expect(recordDisagreements(forged, ours)).toEqual([
      'gate "latency" status: tag says "fail", this attempt "pass"',
      'gate "invented" status: tag says "pass", this attempt null',
      'gate "auc" status: tag says null, this attempt "pass"',
      'approval: tag says "ceo" approved in "prod-owner", this attempt does not count it',
      'approval: tag says "bob" approved in "prod-owner", this attempt does not count it'
    ])
  })

  it('refuses a record of another repository, or of an attempt this run has not reached', () => {
    const ours = record({ run: { repository: 'acme/models', run_id: '5', attempt: '2' } as never })
    const claim = (run: object) =>
      recordDisagreements(record({ run: { run_id: '5', ...run } as never }), ours)
    expect(claim({ repository: 'acme/models', attempt: '1' })).toEqual([])
    expect(claim({ repository: 'acme/models', attempt: '2' })).toEqual([])
    expect(claim({ repository: 'evil/models', attempt: '1' })).toEqual([
      'run repository: tag says "evil/models", this attempt "acme/models"'
    ])
    // Only plain digits are an attempt: '1e0', ' 1' and a number beyond 2^53 would read as 1 or round.
    for (const attempt of ['3', '0', '1.5', 'x', undefined, '1e0', ' 1', '01', 1, '9007199254740993'])
      expect(claim({ repository: 'acme/models', attempt })).toEqual([
        `run attempt: tag says ${JSON.stringify(attempt ?? null)}, not an attempt up to this one (2)`
      ])
  })

  it('reads hand-written gates and approvals that are not lists as none', () => {
    const junk = record({ gates: 'all passed' as never, approvals: { user: 'ceo' } as never })
    expect(recordDisagreements(junk, record())).toEqual([])
    expect(recordDisagreements(junk, record({ gates: [{ id: 'auc', status: 'pass' } as never] }))).toEqual([
      'gate "auc" status: tag says null, this attempt "pass"'
    ])
  })

  it('quotes what a forged tag says, cut short', () => {
    const [problem] = recordDisagreements(record({ version: `v1\n${'x'.repeat(500)}` }), record())
    expect(problem).not.toContain('\n')
    expect(problem!.length).toBeLessThan(200)
  })

  it('lists a few of many disagreements and counts the rest', () => {
    const evidence = Array.from({ length: 1000 }, (_, i) => ({ name: `e${i}`, source: 's', sha256: 'd' }))
    const problems = recordDisagreements(record({ evidence }), record())
    expect(problems).toHaveLength(9)
    expect(problems.at(-1)).toBe('and 993 more')
  })
})
