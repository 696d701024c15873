import { StatisticsError } from '../errors.js'

/*
 * Group fairness of binary predictions, with Fairlearn's definitions (facts from Fairlearn's
 * `fairlearn.metrics`: `demographic_parity_difference` is the between-groups (max − min)
 * difference of selection rates, `equalized_odds_difference` the larger of the between-groups
 * TPR and FPR differences; the ratios are min / max, `equalized_odds_ratio` the smaller of the
 * TPR and FPR ratios).
 *
 * Where Fairlearn would quietly report 0 for an undefined rate (a group without positive labels
 * has no TPR), modelgate reports the group, sets the rate to null and every gap built on it to
 * null with a reason, so a gate on it is an error instead of a pass.
 */

export interface GroupCounts {
  group: string
  /** Rows in the group. */
  n: number
  /** Rows whose label is positive. */
  positives: number
  /** Positive label, positive prediction. */
  truePositives: number
  /** Negative label, positive prediction. */
  falsePositives: number
  /** Rows predicted positive. */
  predictedPositives: number
}

export interface GroupRates {
  group: string
  n: number
  positives: number
  negatives: number
  tpr: number | null
  fpr: number | null
  selection_rate: number
}

export type FairnessMetric =
  | 'tpr_gap'
  | 'fpr_gap'
  | 'demographic_parity_difference'
  | 'equalized_odds_difference'
  | 'tpr_ratio'
  | 'fpr_ratio'
  | 'demographic_parity_ratio'
  | 'equalized_odds_ratio'

export type FairnessReport = {
  groups: GroupRates[]
  /** Why a metric is null, for every null metric. */
  reasons: Partial<Record<FairnessMetric, string>>
  /** Conditions worth knowing that do not make a metric null (a single group). */
  warnings: string[]
} & Record<FairnessMetric, number | null>

type Gap = { value: number | null; reason?: string }

function ratesOf(counts: GroupCounts): GroupRates {
  const negatives = counts.n - counts.positives
  return {
    group: counts.group,
    n: counts.n,
    positives: counts.positives,
    negatives,
    tpr: counts.positives > 0 ? counts.truePositives / counts.positives : null,
    fpr: negatives > 0 ? counts.falsePositives / negatives : null,
    selection_rate: counts.predictedPositives / counts.n
  }
}

function undefinedIn(groups: GroupRates[], key: 'tpr' | 'fpr'): string | undefined {
  const missing = groups.filter((g) => g[key] === null).map((g) => JSON.stringify(g.group))
  if (missing.length === 0) return undefined
  const what = key === 'tpr' ? 'no positive labels (TPR undefined)' : 'no negative labels (FPR undefined)'
  return `group${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ha${missing.length > 1 ? 've' : 's'} ${what}`
}

function between(groups: GroupRates[], key: 'tpr' | 'fpr' | 'selection_rate'): { gap: Gap; ratio: Gap } {
  // A gap between groups needs two of them: with one, "0" would pass every gap gate while
  // measuring nothing (a report filtered to one group, a misnamed group column).
  const why =
    groups.length < 2
      ? `only one group (${JSON.stringify(groups[0]?.group ?? '')}): a gap between groups needs at least two`
      : key === 'selection_rate'
        ? undefined
        : undefinedIn(groups, key)
  if (why) return { gap: { value: null, reason: why }, ratio: { value: null, reason: why } }
  const values = groups.map((g) => g[key] as number)
  const max = Math.max(...values)
  const min = Math.min(...values)
  const ratio: Gap =
    max === 0
      ? { value: null, reason: `every group has ${key} 0, so the ratio is 0/0` }
      : { value: min / max }
  return { gap: { value: max - min }, ratio }
}

/** Per-group rates and the between-groups gaps and ratios. */
export function fairnessReport(counts: readonly GroupCounts[]): FairnessReport {
  if (counts.length === 0) throw new StatisticsError('fairness needs at least one row')
  const groups = [...counts].sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0)).map(ratesOf)
  const tpr = between(groups, 'tpr')
  const fpr = between(groups, 'fpr')
  const selection = between(groups, 'selection_rate')
  const worst = (a: Gap, b: Gap, pick: (x: number, y: number) => number): Gap =>
    a.value === null || b.value === null
      ? { value: null, reason: [a.reason, b.reason].filter(Boolean).join('; ') }
      : { value: pick(a.value, b.value) }
  const metrics: Record<FairnessMetric, Gap> = {
    tpr_gap: tpr.gap,
    fpr_gap: fpr.gap,
    demographic_parity_difference: selection.gap,
    equalized_odds_difference: worst(tpr.gap, fpr.gap, Math.max),
    tpr_ratio: tpr.ratio,
    fpr_ratio: fpr.ratio,
    demographic_parity_ratio: selection.ratio,
    equalized_odds_ratio: worst(tpr.ratio, fpr.ratio, Math.min)
  }
  const reasons: FairnessReport['reasons'] = {}
  const values = {} as Record<FairnessMetric, number | null>
  for (const [name, gap] of Object.entries(metrics) as Array<[FairnessMetric, Gap]>) {
    values[name] = gap.value
    if (gap.value === null) reasons[name] = gap.reason ?? 'undefined'
  }
  const warnings =
    groups.length === 1
      ? [
          `only one group (${JSON.stringify(groups[0]!.group)}): no gap or ratio between groups can be computed`
        ]
      : []
  return { groups, ...values, reasons, warnings }
}

/**
 * Counts per group from parallel columns: group codes with their names, and whether each row's
 * label / prediction is the positive class.
 */
export function countGroups(
  groupNames: readonly string[],
  groupCodes: ArrayLike<number>,
  labelPositive: ArrayLike<boolean | number>,
  predictionPositive: ArrayLike<boolean | number>
): GroupCounts[] {
  const counts = groupNames.map((group) => ({
    group,
    n: 0,
    positives: 0,
    truePositives: 0,
    falsePositives: 0,
    predictedPositives: 0
  }))
  for (let i = 0; i < groupCodes.length; i++) {
    const c = counts[groupCodes[i]!]!
    const label = Boolean(labelPositive[i])
    const predicted = Boolean(predictionPositive[i])
    c.n++
    if (label) c.positives++
    if (predicted) {
      c.predictedPositives++
      if (label) c.truePositives++
      else c.falsePositives++
    }
  }
  return counts.filter((c) => c.n > 0)
}
