import type { Bounds, ExactValue, MetricGate, VsBaseline } from '../policy/types.js'
import {
  baselineLabel,
  formatAgainst,
  formatPairAgainst,
  formatExact,
  formatObserved,
  formatSignedAgainst,
  formatSignedExact
} from './format.js'
import type { Outcome } from './outcome.js'
import { readAny, readNumber } from './read-value.js'
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
    .map(({ key }) => `${key} ${formatExact(bounds[key]!)}`)
    .join(', ')
}

/** Every violated bound, phrased `95 > max 80`. */
export function boundViolations(value: number, bounds: Bounds): string[] {
  return BOUND_CHECKS.filter(
    ({ key, holds }) => bounds[key] !== undefined && !holds(value, bounds[key]!)
  ).map(
    ({ key, breach }) =>
      `${formatAgainst(value, [bounds[key]!])} ${breach} ${key} ${formatExact(bounds[key]!)}`
  )
}

const boundNumbers = (bounds: Bounds): number[] =>
  BOUND_CHECKS.map(({ key }) => bounds[key]).filter((bound) => bound !== undefined)

const COMPARISONS: Array<{ key: keyof Omit<VsBaseline, 'metric'>; relative: boolean; lower: boolean }> = [
  { key: 'min_delta', relative: false, lower: true },
  { key: 'max_delta', relative: false, lower: false },
  { key: 'min_relative', relative: true, lower: true },
  { key: 'max_relative', relative: true, lower: false }
]

export function describeComparison(rule: VsBaseline): string {
  return COMPARISONS.filter(({ key }) => rule[key] !== undefined)
    .map(({ key }) => `${key} ${formatSignedExact(rule[key]!)}`)
    .join(', ')
}

export function evaluateMetricGate(
  gate: MetricGate,
  candidate: EvidenceSet,
  baseline: BaselineInput
): Outcome {
  const base = { metric: gate.metric }
  if (gate.equals !== undefined) return { ...base, ...evaluateEquals(gate.metric, gate.equals, candidate) }
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
      message: `${formatAgainst(value, boundNumbers(gate.bounds))} within ${threshold}`
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
        // A baseline that exists but cannot be read fails closed (docs/gates.md#fail-closed).
        return { ...base, status: 'error', observed: value, threshold, message: fromBaseline.message }
      }
      baselineValue = fromBaseline.value
      baselineSource = `${baselineLabel(baseline.version)} evidence ${baseline.evidence.get(evidenceName)!.source}`
    }
  }
  const delta = value - baselineValue
  // The value and its baseline are shown so that a reader who subtracts them (or takes their
  // ratio) reaches the same verdict on every limit, and sees them in their true order.
  const bounds = boundNumbers(gate.bounds)
  const verdicts = (v: number, b: number): string =>
    COMPARISONS.filter(({ key }) => rule[key] !== undefined)
      .map(({ key, relative, lower }) => {
        if (relative && b === 0) return 'undefined'
        const change = Number(((v - b) / (relative ? Math.abs(b) : 1)).toPrecision(12))
        return String(lower ? change < rule[key]! : change > rule[key]!)
      })
      .join()
  const truth = verdicts(value, baselineValue)
  const [valueText, baselineText] = formatPairAgainst(
    value,
    baselineValue,
    (v, b) =>
      Math.sign(v - b) === Math.sign(value - baselineValue) &&
      bounds.every((bound) => Math.sign(v - bound) === Math.sign(value - bound)) &&
      verdicts(v, b) === truth
  )
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
        `${formatSignedAgainst(rounded, [limit])} ${relative ? 'relative ' : ''}vs baseline ${baselineText} ${lower ? '<' : '>'} ${key} ${formatSignedExact(limit)}`
      )
    }
  }
  // The registry's value names the record it came from; evidence handed in is named in baseline_source.
  const from = baseline.recorded?.has(gate.metric) && baselineSource ? ` (${baselineSource})` : ''
  const limits = COMPARISONS.map(({ key }) => rule[key]).filter((limit) => limit !== undefined)
  const changeText = `${formatSignedAgainst(Number(delta.toPrecision(12)), limits)} vs baseline ${baselineText}${from}`
  if (failures.length > 0)
    return {
      ...base,
      status: 'fail',
      observed: value,
      baseline: baselineValue,
      ...(baselineSource && { baseline_source: baselineSource }),
      threshold,
      message: `${valueText}: ${failures.join('; ')}${from}`
    }
  return {
    ...base,
    status: 'pass',
    observed: value,
    baseline: baselineValue,
    ...(baselineSource && { baseline_source: baselineSource }),
    threshold,
    message: `${valueText}, ${changeText}`
  }
}

const kindOf = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'a list'
      : typeof value === 'object'
        ? 'an object'
        : `a ${typeof value}`

/** A string from a report is recorded at most 200 characters long (the longest `equals` allows). */
const bounded = (value: ExactValue): ExactValue =>
  typeof value === 'string' && value.length > 200 ? `${value.slice(0, 197)}...` : value

const shownExactly = (value: ExactValue): string =>
  typeof value === 'number'
    ? formatExact(value)
    : typeof value === 'string'
      ? JSON.stringify(value)
      : String(value)

/**
 * `equals`: the value must be exactly the one given, of the same type. A type that differs is an
 * `error` (the report is not what the gate expects, e.g. "true" written as a string), never a
 * coercion; a non-finite number is an error as everywhere else.
 */
function evaluateEquals(metric: string, expected: ExactValue, candidate: EvidenceSet): Outcome {
  const threshold = `equals ${shownExactly(expected)}`
  const read = readAny(candidate, metric)
  if (read.kind !== 'value') return { status: read.kind, threshold, message: read.message }
  const value = read.value
  if (typeof value === 'number' && !Number.isFinite(value))
    return {
      status: 'error',
      threshold,
      observed: String(value),
      message: `${metric} is ${String(value)}, not a finite number`
    }
  if (typeof value !== typeof expected || value === null || typeof value === 'object') {
    return {
      status: 'error',
      threshold,
      ...(value !== null && typeof value !== 'object' && { observed: bounded(value as ExactValue) }),
      message: `${metric} is ${formatObserved(value)} (${kindOf(value)}), expected ${kindOf(expected)}`
    }
  }
  const observed = value as ExactValue
  // A number is shown in as many digits as keep it apart from the expected one: 0.30000000000000004
  // must not read "0.3 is not 0.3".
  const shown =
    typeof observed === 'number' && typeof expected === 'number'
      ? formatAgainst(observed, [expected])
      : formatObserved(observed)
  if (observed !== expected)
    return {
      status: 'fail',
      threshold,
      observed: bounded(observed),
      message: `${shown} is not ${shownExactly(expected)}`
    }
  return { status: 'pass', threshold, observed, message: `${shown} as required` }
}
