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
