import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { countGroups, fairnessReport } from '../../src/stats/fairness.js'

/*
 * Fairlearn's own unit-test vectors (fairlearn test/unit/metrics/data_for_test.py: y_t, y_p and
 * the group generator), expected gaps computed by test/reference/generate.py from Fairlearn's
 * definitions.
 */

const reference = JSON.parse(
  readFileSync(new URL('../reference/fairness.json', import.meta.url), 'utf8')
) as {
  y_true: number[]
  y_pred: number[]
  cases: Array<{
    name: string
    groups: string[]
    expected: Record<string, number> & {
      per_group: Record<string, { n: number; tpr: number; fpr: number; selection_rate: number }>
    }
  }>
}

function reportFor(groups: string[], yTrue: number[], yPred: number[]) {
  const names = [...new Set(groups)]
  return fairnessReport(
    countGroups(
      names,
      groups.map((g) => names.indexOf(g)),
      yTrue.map((v) => v === 1),
      yPred.map((v) => v === 1)
    )
  )
}

describe('fairness matches Fairlearn on its published test vectors', () => {
  it.each(reference.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const report = reportFor(c.groups, reference.y_true, reference.y_pred)
    for (const group of report.groups) {
      const expected = c.expected.per_group[group.group]!
      expect(group.n).toBe(expected.n)
      expect(group.tpr).toBeCloseTo(expected.tpr, 12)
      expect(group.fpr).toBeCloseTo(expected.fpr, 12)
      expect(group.selection_rate).toBeCloseTo(expected.selection_rate, 12)
    }
    for (const metric of [
      'tpr_gap',
      'fpr_gap',
      'demographic_parity_difference',
      'equalized_odds_difference',
      'demographic_parity_ratio',
      'equalized_odds_ratio'
    ] as const) {
      expect(report[metric]).toBeCloseTo(c.expected[metric]!, 12)
    }
    expect(report.reasons).toEqual({})
  })
})

describe('undefined rates fail closed', () => {
  it('a group without positive labels has a null TPR and every gap built on it is null with a reason', () => {
    const report = reportFor(['a', 'a', 'b', 'b'], [1, 0, 0, 0], [1, 1, 0, 1])
    expect(report.groups.find((g) => g.group === 'b')).toMatchObject({
      tpr: null,
      positives: 0,
      negatives: 2
    })
    expect(report.tpr_gap).toBeNull()
    expect(report.equalized_odds_difference).toBeNull()
    expect(report.equalized_odds_ratio).toBeNull()
    expect(report.reasons.tpr_gap).toMatch(/"b" has no positive labels/)
    // Selection rates are defined: a (1.0) and b (0.5).
    expect(report.demographic_parity_difference).toBe(0.5)
    expect(report.fpr_gap).toBe(0.5)
  })

  it('a group without negatives makes FPR gaps null', () => {
    const report = reportFor(['a', 'b'], [1, 1], [1, 0])
    expect(report.fpr_gap).toBeNull()
    expect(report.reasons.fpr_gap).toMatch(/no negative labels/)
    expect(report.tpr_gap).toBe(1)
  })

  it('a ratio of 0/0 is null, and a single group has no gap at all (null with the reason), not 0', () => {
    const two = reportFor(['a', 'b'], [1, 0], [0, 0])
    expect(two.demographic_parity_ratio).toBeNull()
    const report = reportFor(['a', 'a'], [1, 0], [0, 0])
    expect(report.demographic_parity_difference).toBeNull()
    expect(report.tpr_gap).toBeNull()
    expect(report.reasons.demographic_parity_difference).toMatch(/needs at least two/)
    expect(report.warnings[0]).toMatch(/only one group/)
  })
})
