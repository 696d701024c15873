import { describe, expect, it } from '@jest/globals'
import type { RollbackTrigger } from '../../src/policy/types.js'
import { evaluateTrigger } from '../../src/rollback/triggers.js'

// `drop_relative` judges each stretch against the mean of the baseline window just before it.
const T0 = 1763800000
const minutely = (values: number[]): Array<[number, number]> => values.map((v, i) => [T0 + i * 60, v])
const repeat = (value: number, n: number): number[] => Array.from({ length: n }, () => value)
const ctrDrop: RollbackTrigger = {
  metric: 'online.ctr',
  drop_relative: 0.1,
  for: '10m',
  forSeconds: 600,
  baseline_window: '30m',
  baselineWindowSeconds: 1800
}

describe('drop_relative', () => {
  it('fires on a drop late in a long file, against the window before the drop, not the first one', () => {
    // 30 min at 0.050, a legitimate climb to 0.080 over 2 h, an hour there, then 15 min at 0.060.
    const climb = Array.from({ length: 120 }, (_, i) => 0.05 + (0.03 * (i + 1)) / 120)
    const series = minutely([...repeat(0.05, 30), ...climb, ...repeat(0.08, 60), ...repeat(0.06, 15)])
    const result = evaluateTrigger(ctrDrop, series)
    expect(result.status).toBe('fired')
    expect(result.stretch).toEqual({ start: T0 + 210 * 60, end: T0 + 220 * 60 })
    expect(result.message).toContain('baseline mean 0.08')
    // 0.060 is above the first window's 0.050: judging against the file's start would miss it.
  })

  it('does not fire on a slow decline that never drops 10% below the half hour before it', () => {
    // −0.2% a minute for 3 h: 30% down overall, never 10% below the preceding 30 minutes' mean.
    const series = minutely(Array.from({ length: 180 }, (_, i) => 0.05 * (1 - 0.002 * i)))
    const result = evaluateTrigger(ctrDrop, series)
    expect(result.status).toBe('quiet')
  })

  it('needs the drop held at every sample for `for`; one recovered sample resets it', () => {
    const held = minutely([...repeat(0.05, 30), ...repeat(0.04, 11)])
    expect(evaluateTrigger(ctrDrop, held).status).toBe('fired')
    const broken = minutely([...repeat(0.05, 30), ...repeat(0.04, 5), 0.05, ...repeat(0.04, 5)])
    expect(evaluateTrigger(ctrDrop, broken).status).toBe('quiet')
  })

  it('is missing, never healthy, when no stretch has a whole baseline window before it', () => {
    const result = evaluateTrigger(ctrDrop, minutely(repeat(0.01, 20)))
    expect(result.status).toBe('missing')
    expect(result.message).toMatch(/shorter than its baseline window/)
  })

  it('uses |mean| for a negative baseline', () => {
    const negative: RollbackTrigger = {
      metric: 'o.pnl',
      drop_relative: 0.5,
      forSeconds: 0,
      baselineWindowSeconds: 120
    }
    // Mean −10: fires below −15 (−10 − 0.5·10), not below −5.
    expect(evaluateTrigger(negative, minutely([-10, -10, -10, -12])).status).toBe('quiet')
    expect(evaluateTrigger(negative, minutely([-10, -10, -10, -16])).status).toBe('fired')
  })
})
