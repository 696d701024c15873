import type { EvidenceSet } from '../evidence/types.js'
import { parseMetricPath } from '../evidence/path.js'
import type { Series, SeriesSet } from '../evidence/readers/timeseries.js'
import { formatDuration } from '../policy/duration.js'
import type { RollbackTrigger } from '../policy/types.js'
import { formatExact, formatNumber } from '../gates/format.js'

export interface TriggerResult {
  metric: string
  status: 'fired' | 'quiet' | 'missing'
  message: string
  /**
   * The monitoring names no such series (or no such monitoring at all): a configuration error,
   * never "nothing to do" — a misspelt series name must not silently disable a rollback.
   */
  absent?: boolean
  /** The breach stretch that fired: first and last sample times (Unix seconds). */
  stretch?: { start: number; end: number }
}

/** `above` / `below` (exclusive bounds, either breaching). */
function condition(trigger: RollbackTrigger): { holds: (v: number) => boolean; text: string } {
  const parts: string[] = []
  if (trigger.above !== undefined) parts.push(`above ${formatExact(trigger.above)}`)
  if (trigger.below !== undefined) parts.push(`below ${formatExact(trigger.below)}`)
  return {
    holds: (v) =>
      (trigger.above !== undefined && v > trigger.above) ||
      (trigger.below !== undefined && v < trigger.below),
    text: parts.join(' or ')
  }
}

/**
 * Fires when the condition holds at every sample of a stretch at least `for` long (last sample
 * time − first ≥ for), so a short spike does not fire and a sustained breach does.
 */
export function evaluateTrigger(trigger: RollbackTrigger, series: Series | undefined): TriggerResult {
  const metric = trigger.metric
  if (!series || series.length === 0) return { metric, status: 'missing', message: `no samples of ${metric}` }
  if (series.every(([, v]) => Number.isNaN(v)))
    return { metric, status: 'missing', message: `every sample of ${metric} is NaN, nothing to judge` }
  if (trigger.drop_relative !== undefined) return evaluateDrop(trigger, trigger.drop_relative, series)
  const { holds, text } = condition(trigger)
  const wanted = trigger.for ? ` for ${formatDuration(trigger.forSeconds)}` : ''
  let start: number | null = null
  let longest = 0
  for (const [t, v] of series) {
    // NaN (Prometheus: no value, e.g. 0/0) is a gap: neither a breach nor a healthy sample that
    // would reset a breach. ±Inf compares as the infinity it is (a quantile above the top bucket).
    if (Number.isNaN(v)) continue
    if (!holds(v)) {
      start = null
      continue
    }
    start ??= t
    longest = Math.max(longest, t - start)
    if (t - start >= trigger.forSeconds) {
      return {
        metric,
        status: 'fired',
        stretch: { start, end: t },
        message: `${metric} ${text}${wanted}: ${heldText(start, t)}`
      }
    }
  }
  const observed = longest > 0 ? `; longest breach ${formatDuration(Math.round(longest))}` : '; no breach'
  return { metric, status: 'quiet', message: `${metric} ${text}${wanted}: not sustained${observed}` }
}

const heldText = (start: number, end: number): string =>
  `held from ${new Date(start * 1000).toISOString()} to ${new Date(end * 1000).toISOString()}`

/**
 * `drop_relative: d`: a stretch starting at sample i breaches when every sample in it is below
 * m·(1 − d) — or m − d·|m| for a negative m — where m is the mean of the samples in the baseline
 * window immediately BEFORE sample i (`baseline_window`, default `for`). Comparing with the window
 * just before the drop, rather than the start of the file, keeps a slow legitimate trend from
 * firing and a drop late in a long file from hiding. A start without a full baseline window
 * before it (the file's first samples) is not judged.
 */
function evaluateDrop(trigger: RollbackTrigger, drop: number, series: Series): TriggerResult {
  const metric = trigger.metric
  const windowSeconds = trigger.baselineWindowSeconds ?? trigger.forSeconds
  const wanted = trigger.for ? ` for ${formatDuration(trigger.forSeconds)}` : ''
  const what = `${metric} ${formatNumber(drop * 100)}% under the mean of the preceding ${formatDuration(windowSeconds)}${wanted}`
  if (windowSeconds <= 0) {
    return {
      metric,
      status: 'missing',
      message: `${what}: give the trigger a baseline_window or a for duration`
    }
  }
  // Prefix sums make each window mean O(1); `lo` slides forward with the window. Only finite
  // samples make a mean: a NaN or an infinity in the baseline window must not poison it.
  const prefix = [0]
  const counted = [0]
  for (const [, v] of series) {
    const usable = Number.isFinite(v)
    prefix.push(prefix[prefix.length - 1]! + (usable ? v : 0))
    counted.push(counted[counted.length - 1]! + (usable ? 1 : 0))
  }
  let lo = 0
  let judged = 0
  let longest = 0
  for (let i = 0; i < series.length; i++) {
    const start = series[i]![0]
    while (series[lo]![0] < start - windowSeconds) lo++
    // The window must reach back its whole length: the file's first sample lies at or before it.
    if (series[0]![0] > start - windowSeconds || lo >= i) continue
    const samples = counted[i]! - counted[lo]!
    if (samples === 0 || Number.isNaN(series[i]![1])) continue
    judged++
    const mean = (prefix[i]! - prefix[lo]!) / samples
    const floor = mean - drop * Math.abs(mean)
    for (let j = i; j < series.length && (Number.isNaN(series[j]![1]) || series[j]![1] < floor); j++) {
      if (Number.isNaN(series[j]![1])) continue
      const end = series[j]![0]
      longest = Math.max(longest, end - start)
      if (end - start >= trigger.forSeconds) {
        return {
          metric,
          status: 'fired',
          stretch: { start, end },
          message: `${what}: below ${formatNumber(floor)} (baseline mean ${formatNumber(mean)}), ${heldText(start, end)}`
        }
      }
    }
  }
  if (judged === 0) {
    return {
      metric,
      status: 'missing',
      message: `${what}: the series is shorter than its baseline window, nothing to judge`
    }
  }
  const observed = longest > 0 ? `; longest drop ${formatDuration(Math.round(longest))}` : '; no drop'
  return { metric, status: 'quiet', message: `${what}: not sustained${observed}` }
}

/**
 * Evaluates every trigger against monitoring evidence (each a `timeseries` set). With `since`
 * (Unix seconds), only samples taken at or after it count: a rollback judges the version that
 * holds the stage now on its own samples, not on an incident from before it took the stage.
 */
export function evaluateTriggers(
  triggers: readonly RollbackTrigger[],
  monitoring: EvidenceSet,
  options: { since?: number } = {}
): TriggerResult[] {
  return triggers.map((trigger) => {
    const path = parseMetricPath(trigger.metric)
    const report = path ? monitoring.get(path.evidence) : undefined
    if (!path || !report)
      return {
        metric: trigger.metric,
        status: 'missing',
        absent: true,
        message: `no monitoring named "${path?.evidence ?? trigger.metric}"`
      }
    const seriesName = path.segments.join('.')
    const set = report.data as SeriesSet
    const series = Object.prototype.hasOwnProperty.call(set, seriesName) ? set[seriesName] : undefined
    if (series === undefined) {
      const names = Object.keys(set)
      const known =
        names.length === 0
          ? 'it has none'
          : `it has ${names
              .slice(0, 10)
              .map((n) => JSON.stringify(n))
              .join(', ')}${names.length > 10 ? ', …' : ''}`
      return {
        metric: trigger.metric,
        status: 'missing',
        absent: true,
        message: `monitoring "${path.evidence}" has no series "${seriesName}" (${known})`
      }
    }
    if (options.since === undefined) return evaluateTrigger(trigger, series)
    const since = options.since
    const window = series.filter(([t]) => t >= since)
    if (window.length === 0)
      return {
        metric: trigger.metric,
        status: 'missing',
        message: `no samples of ${trigger.metric} since ${new Date(since * 1000).toISOString()}, when the current version took the stage`
      }
    return evaluateTrigger(trigger, window)
  })
}
