import type { Bounds, MetricGate, VsBaseline } from '../policy/types.js'
import { baselineLabel, formatNumber, formatSigned } from './format.js'
import type { Outcome } from './outcome.js'
import { readNumber } from './read-value.js'
import type { BaselineInput } from './types.js'
import type { EvidenceSet } from '../evidence/types.js'

const BOUND_CHECKS: Array<{ key: keyof Bounds; holds: (v: number, t: number) => boolean; breach: string }> = [
  { key: 'min', holds: (v, t) => v >= t, breach: '<' },
  { key: 'max', holds: (v, t) => v <= t, breach: '>' },
  { key: 'above', holds: (v, t) => v > t, breach: '<=' },
  { key: 'below', holds: (v, t) => v < t, breach: '>=' }
]

export function describeBounds(bounds: Bounds): string {
  return BOUND_CHECKS.filter(({ key }) => bounds[key] !== undefined)
    .map(({ key }) => `${key} ${formatNumber(bounds[key]!)}`)
    .join(', ')
}

/** Every violated bound, phrased `95 > max 80`. */
export function boundViolations(value: number, bounds: Bounds): string[] {
  return BOUND_CHECKS.filter(
    ({ key, holds }) => bounds[key] !== undefined && !holds(value, bounds[key]!)
  ).map(({ key, breach }) => `${formatNumber(value)} ${breach} ${key} ${formatNumber(bounds[key]!)}`)
}

const COMPARISONS: Array<{ key: keyof Omit<VsBaseline, 'metric'>; relative: boolean; lower: boolean }> = [
  { key: 'min_delta', relative: false, lower: true },
  { key: 'max_delta', relative: false, lower: false },
  { key: 'min_relative', relative: true, lower: true },
  { key: 'max_relative', relative: true, lower: false }
]

export function describeComparison(rule: VsBaseline): string {
  return COMPARISONS.filter(({ key }) => rule[key] !== undefined)
    .map(({ key }) => `${key} ${formatSigned(rule[key]!)}`)
    .join(', ')
}

export function evaluateMetricGate(
  gate: MetricGate,
  candidate: EvidenceSet,
  baseline: BaselineInput
): Outcome {
  const base = { metric: gate.metric }
  const thresholdParts: string[] = []
  if (Object.keys(gate.bounds).length > 0) thresholdParts.push(describeBounds(gate.bounds))
  if (gate.vs_baseline) thresholdParts.push(`vs baseline ${describeComparison(gate.vs_baseline)}`)
  const threshold = thresholdParts.join('; ')

  const read = readNumber(candidate, gate.metric)
  if (read.kind === 'missing') return { ...base, status: 'missing', message: read.message, threshold }
  if (read.kind === 'error') {
    return {
      ...base,
      status: 'error',
      message: read.message,
      threshold,
      ...('observed' in read && { observed: read.observed })
    }
  }
  const value = read.value
  const violations = boundViolations(value, gate.bounds)
  if (violations.length > 0)
    return { ...base, status: 'fail', observed: value, threshold, message: violations.join('; ') }
  if (!gate.vs_baseline)
    return {
      ...base,
      status: 'pass',
      observed: value,
      threshold,
      message: `${formatNumber(value)} within ${threshold}`
    }

  const rule = gate.vs_baseline
  let baselineValue: number
  let baselineSource: string | undefined
  if (rule.metric !== undefined) {
    const fromCandidate = readNumber(candidate, rule.metric, 'baseline ')
    if (fromCandidate.kind !== 'number')
      return { ...base, status: 'error', observed: value, threshold, message: fromCandidate.message }
    baselineValue = fromCandidate.value
  } else {
    if (baseline.version === null) {
      return {
        ...base,
        status: 'skipped',
        observed: value,
        threshold,
        message: 'no model is in the baseline stage yet, so there is nothing to compare with'
      }
    }
    const recorded = baseline.recorded?.get(gate.metric)
    if (recorded) {
      baselineValue = recorded.value
      baselineSource = recorded.source
    } else {
      const evidenceName = gate.metric.split('.')[0]!
      if (!baseline.evidence.has(evidenceName)) {
        // Neither the registry nor the caller has the baseline's value: say exactly what to provide.
        return {
          ...base,
          status: 'error',
          observed: value,
          threshold,
          message: `${baselineLabel(baseline.version)} has no promotion record that observed ${gate.metric}; give its evidence with --baseline-evidence ${evidenceName}=FILE (action input baseline-evidence)`
        }
      }
      const fromBaseline = readNumber(baseline.evidence, gate.metric, `${baselineLabel(baseline.version)}: `)
      if (fromBaseline.kind !== 'number') {
        // A baseline that exists but cannot be read fails closed (SPEC §1).
        return { ...base, status: 'error', observed: value, threshold, message: fromBaseline.message }
      }
      baselineValue = fromBaseline.value
      baselineSource = `${baselineLabel(baseline.version)} evidence ${baseline.evidence.get(evidenceName)!.source}`
    }
  }
  const delta = value - baselineValue
  const failures: string[] = []
  for (const { key, relative, lower } of COMPARISONS) {
    const limit = rule[key]
    if (limit === undefined) continue
    if (relative && baselineValue === 0) {
      return {
        ...base,
        status: 'error',
        observed: value,
        baseline: baselineValue,
        ...(baselineSource && { baseline_source: baselineSource }),
        threshold,
        message: 'baseline is 0, so a relative change is undefined'
      }
    }
    const change = relative ? delta / Math.abs(baselineValue) : delta
    // Compare at 12 significant digits so 0.88 - 0.85 counts as the +0.03 it was meant to be.
    const rounded = Number(change.toPrecision(12))
    if (lower ? rounded < limit : rounded > limit) {
      failures.push(
        `${formatSigned(rounded)} ${relative ? 'relative ' : ''}vs baseline ${formatNumber(baselineValue)} ${lower ? '<' : '>'} ${key} ${formatSigned(limit)}`
      )
    }
  }
  // The registry's value names the record it came from; evidence handed in is named in baseline_source.
  const from = baseline.recorded?.has(gate.metric) && baselineSource ? ` (${baselineSource})` : ''
  const changeText = `${formatSigned(Number(delta.toPrecision(12)))} vs baseline ${formatNumber(baselineValue)}${from}`
  if (failures.length > 0)
    return {
      ...base,
      status: 'fail',
      observed: value,
      baseline: baselineValue,
      ...(baselineSource && { baseline_source: baselineSource }),
      threshold,
      message: `${formatNumber(value)}: ${failures.join('; ')}${from}`
    }
  return {
    ...base,
    status: 'pass',
    observed: value,
    baseline: baselineValue,
    ...(baselineSource && { baseline_source: baselineSource }),
    threshold,
    message: `${formatNumber(value)}, ${changeText}`
  }
}
