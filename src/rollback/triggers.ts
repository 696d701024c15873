import type { EvidenceSet } from '../evidence/types.js'
import { parseMetricPath } from '../evidence/path.js'
import type { Series, SeriesSet } from '../evidence/readers/timeseries.js'
import { formatDuration } from '../policy/duration.js'
import type { RollbackTrigger } from '../policy/types.js'
import { formatNumber } from '../gates/format.js'

export interface TriggerResult {
  metric: string
  status: 'fired' | 'quiet' | 'missing'
  message: string
  /** The breach stretch that fired: first and last sample times (Unix seconds). */
  stretch?: { start: number; end: number }
}

function condition(
  trigger: RollbackTrigger,
  baseline: number | null
): { holds: (v: number) => boolean; text: string } {
  if (trigger.drop_relative !== undefined) {
    const floor = baseline! * (1 - trigger.drop_relative)
    return {
      holds: (v) => v < floor,
      text: `below ${formatNumber(floor)} (${formatNumber(trigger.drop_relative * 100)}% under the baseline mean ${formatNumber(baseline!)})`
    }
  }
  const parts: string[] = []
  if (trigger.above !== undefined) parts.push(`above ${formatNumber(trigger.above)}`)
  if (trigger.below !== undefined) parts.push(`below ${formatNumber(trigger.below)}`)
  return {
    holds: (v) =>
      (trigger.above !== undefined && v > trigger.above) ||
      (trigger.below !== undefined && v < trigger.below),
    text: parts.join(' or ')
  }
}

/**
 * Fires when the condition holds at every sample of a stretch at least `for` long (last sample
 * time − first ≥ for), so a short spike does not fire and a sustained breach does. For
 * `drop_relative` the baseline is the mean of the series' first `baseline_window`, and only the
 * samples after it are judged.
 */
export function evaluateTrigger(trigger: RollbackTrigger, series: Series | undefined): TriggerResult {
  const metric = trigger.metric
  if (!series || series.length === 0) return { metric, status: 'missing', message: `no samples of ${metric}` }
  let samples = series
  let baseline: number | null = null
  if (trigger.drop_relative !== undefined) {
    const windowEnd = series[0]![0] + (trigger.baselineWindowSeconds ?? trigger.forSeconds)
    const window = series.filter(([t]) => t < windowEnd)
    samples = series.filter(([t]) => t >= windowEnd)
    if (window.length === 0 || samples.length === 0) {
      return {
        metric,
        status: 'missing',
        message: `${metric}: not enough samples for a baseline window and a judged stretch`
      }
    }
    baseline = window.reduce((sum, [, v]) => sum + v, 0) / window.length
  }
  const { holds, text } = condition(trigger, baseline)
  const wanted = trigger.for ? ` for ${formatDuration(trigger.forSeconds)}` : ''
  let start: number | null = null
  let longest = 0
  for (const [t, v] of samples) {
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
        message: `${metric} ${text}${wanted}: held from ${new Date(start * 1000).toISOString()} to ${new Date(t * 1000).toISOString()}`
      }
    }
  }
  const observed = longest > 0 ? `; longest breach ${formatDuration(Math.round(longest))}` : '; no breach'
  return { metric, status: 'quiet', message: `${metric} ${text}${wanted}: not sustained${observed}` }
}

/** Evaluates every trigger against monitoring evidence (each a `timeseries` set). */
export function evaluateTriggers(
  triggers: readonly RollbackTrigger[],
  monitoring: EvidenceSet
): TriggerResult[] {
  return triggers.map((trigger) => {
    const path = parseMetricPath(trigger.metric)
    const report = path ? monitoring.get(path.evidence) : undefined
    if (!path || !report)
      return {
        metric: trigger.metric,
        status: 'missing',
        message: `no monitoring named "${path?.evidence ?? trigger.metric}"`
      }
    const seriesName = path.segments.join('.')
    const set = report.data as SeriesSet
    const series = Object.prototype.hasOwnProperty.call(set, seriesName) ? set[seriesName] : undefined
    return evaluateTrigger(trigger, series)
  })
}
