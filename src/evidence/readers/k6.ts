import { EvidenceError } from '../../errors.js'
import { describeEvidenceFile, formatHint } from './recognise.js'
import { parseStructured, requireObject } from './structured.js'
import type { EvidenceReader } from './types.js'

/*
 * k6 end-of-test summaries. `k6 run --summary-export=f.json` writes
 * `{ metrics: { http_req_duration: { avg, min, med, max, "p(90)", "p(95)" }, http_req_failed:
 * { passes, fails, value }, http_reqs: { count, rate } } }`; a `handleSummary(data)` dump nests
 * the same numbers under `metrics.<name>.values`. Trend percentiles exist only when listed in
 * `--summary-trend-stats` (default avg,min,med,max,p(90),p(95)), so p99 is often absent: absent
 * stays absent (a gate on it is an error), never estimated. Durations are milliseconds.
 * (Facts from k6's summary wrapper: the export is the handleSummary data with each metric replaced
 * by its `values`, a Rate's `rate` renamed `value`, and `thresholds` mapped to "crossed?" booleans.
 * For `http_req_failed`, `passes` counts failed requests, so only `value` is read.)
 *
 * k6 1.5+ run with `--new-machine-readable-summary` writes (both as the export and as the
 * handleSummary argument) `{ version, config, metadata, results: { metrics: [{ name, type,
 * contains, values }], checks: { results: [{ name, passes, fails }] } } }`: a Rate's values are
 * `{ matches, rate, total }`, a Trend's carry only avg, min, med, max, p(90) and p(95) (no other
 * percentile, whatever --summary-trend-stats says), and there are no thresholds.
 */

function statsOf(metrics: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const metric = metrics[name]
  if (!metric || typeof metric !== 'object') return undefined
  const values = (metric as { values?: unknown }).values
  return (values && typeof values === 'object' ? values : metric) as Record<string, unknown>
}

export const readK6: EvidenceReader = async ({ primary, name }) => {
  if (!primary) throw new EvidenceError(`evidence "${name}" needs a path`)
  const summary = requireObject(parseStructured(primary), primary, 'a k6 summary object with "metrics"')
  const machineReadable = machineReadableMetrics(summary, primary.display)
  const metrics = machineReadable ?? summary.metrics
  if (!metrics || typeof metrics !== 'object' || Array.isArray(metrics)) {
    throw new EvidenceError(
      `${describeEvidenceFile(summary)}, not a k6 summary (no "metrics" object; k6 run --summary-export=FILE writes one)${formatHint(summary, 'k6')}`,
      { file: primary.display, path: 'metrics' }
    )
  }
  const byName = metrics as Record<string, unknown>
  const duration = statsOf(byName, 'http_req_duration')
  const failed = statsOf(byName, 'http_req_failed')
  const requests = statsOf(byName, 'http_reqs')
  const exposed: Record<string, unknown> = { metrics: byName }
  if (machineReadable) exposed.summary_version = summary.version
  if (duration) {
    if ('p(95)' in duration) exposed.latency_p95_ms = duration['p(95)']
    if ('p(99)' in duration) exposed.latency_p99_ms = duration['p(99)']
    if ('p(90)' in duration) exposed.latency_p90_ms = duration['p(90)']
    if ('med' in duration) exposed.latency_median_ms = duration.med
    if ('avg' in duration) exposed.latency_avg_ms = duration.avg
  }
  // http_req_failed is a Rate: `value` (or `rate`) is the share of requests that failed.
  const rate = failed ? ('value' in failed ? failed.value : failed.rate) : undefined
  if (rate !== undefined) exposed.error_rate = rate
  if (requests && 'count' in requests) exposed.requests = requests.count
  const crossed = thresholdsCrossed(byName)
  if (crossed !== undefined) exposed.thresholds_crossed = crossed
  return exposed
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/**
 * The metrics of a machine-readable summary (`results.metrics: [{ name, type, values }]`) keyed by
 * name like a handleSummary dump's, or undefined when the file is not one. A name given twice is
 * ambiguous evidence and refuses the file.
 */
function machineReadableMetrics(
  summary: Record<string, unknown>,
  file: string
): Record<string, unknown> | undefined {
  if (summary.metrics !== undefined || !isObject(summary.results) || !Array.isArray(summary.results.metrics))
    return undefined
  const byName: Record<string, unknown> = Object.create(null) as Record<string, unknown>
  summary.results.metrics.forEach((metric: unknown, i: number) => {
    const path = `results.metrics[${i}]`
    if (!isObject(metric) || typeof metric.name !== 'string' || metric.name === '')
      throw new EvidenceError('expected a metric object with a name', { file, path })
    if (Object.hasOwn(byName, metric.name))
      throw new EvidenceError(`the metric ${JSON.stringify(metric.name)} is listed twice`, {
        file,
        path: `${path}.name`
      })
    byName[metric.name] = metric
  })
  return { ...byName }
}

/** True when the exposed data came from a machine-readable summary (it has `summary_version`). */
const isMachineReadable = (data: unknown): boolean => isObject(data) && 'summary_version' in data

/**
 * How many k6 thresholds the run crossed, when the summary carries any. `--summary-export` writes
 * `thresholds: { "<expr>": <crossed?> }` (k6 exports `!ok`, so `true` means it failed);
 * a `handleSummary` dump writes `thresholds: { "<expr>": { ok } }`.
 */
function thresholdsCrossed(metrics: Record<string, unknown>): number | undefined {
  let seen = 0
  let crossed = 0
  for (const metric of Object.values(metrics)) {
    const thresholds =
      metric && typeof metric === 'object' ? (metric as { thresholds?: unknown }).thresholds : undefined
    if (!thresholds || typeof thresholds !== 'object') continue
    for (const verdict of Object.values(thresholds as Record<string, unknown>)) {
      if (typeof verdict === 'boolean') {
        seen++
        if (verdict) crossed++
      } else if (
        verdict &&
        typeof verdict === 'object' &&
        typeof (verdict as { ok?: unknown }).ok === 'boolean'
      ) {
        seen++
        if (!(verdict as { ok: boolean }).ok) crossed++
      }
    }
  }
  return seen > 0 ? crossed : undefined
}

/** Why a k6 path is absent, when k6's own options explain it: percentiles exist only if exported. */
export function explainAbsentK6(path: string, data?: unknown): string | undefined {
  if (/^latency_p\d+_ms$/.test(path) || /^metrics\.[^.]+(\.values)?\["p\(/.test(path) || /\.p\(/.test(path)) {
    if (isMachineReadable(data))
      return 'k6\'s machine-readable summary (--new-machine-readable-summary) carries only avg, min, med, max, p(90) and p(95); for another percentile run k6 without that option and with e.g. --summary-trend-stats="avg,med,p(95),p(99)"'
    return 'k6 exports only the trend statistics listed in --summary-trend-stats (default avg,min,med,max,p(90),p(95)); run k6 with e.g. --summary-trend-stats="avg,med,p(95),p(99)"'
  }
  return undefined
}
