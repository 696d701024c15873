import { EvidenceError } from '../../errors.js'
import { parseStructured, requireObject } from './structured.js'
import type { EvidenceReader } from './types.js'

/*
 * k6 end-of-test summaries. `k6 run --summary-export=f.json` writes
 * `{ metrics: { http_req_duration: { avg, min, med, max, "p(90)", "p(95)" }, http_req_failed:
 * { passes, fails, value }, http_reqs: { count, rate } } }`; a `handleSummary(data)` dump nests
 * the same numbers under `metrics.<name>.values`. Trend percentiles exist only when listed in
 * `--summary-trend-stats` (default avg,min,med,max,p(90),p(95)), so p99 is often absent: absent
 * stays absent (a gate on it is `missing`), never estimated. Durations are milliseconds.
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
  const metrics = summary.metrics
  if (!metrics || typeof metrics !== 'object' || Array.isArray(metrics)) {
    throw new EvidenceError('not a k6 summary: no "metrics" object (k6 run --summary-export=FILE)', {
      file: primary.display,
      path: 'metrics'
    })
  }
  const byName = metrics as Record<string, unknown>
  const duration = statsOf(byName, 'http_req_duration')
  const failed = statsOf(byName, 'http_req_failed')
  const requests = statsOf(byName, 'http_reqs')
  const exposed: Record<string, unknown> = { metrics: byName }
  if (duration) {
    if ('p(95)' in duration) exposed.latency_p95_ms = duration['p(95)']
    if ('p(99)' in duration) exposed.latency_p99_ms = duration['p(99)']
    if ('p(90)' in duration) exposed.latency_p90_ms = duration['p(90)']
    if ('med' in duration) exposed.latency_median_ms = duration.med
    if ('avg' in duration) exposed.latency_avg_ms = duration.avg
  }
  // http_req_failed is a Rate: `value` (or `rate`) is the share of requests that failed.
  if (failed) exposed.error_rate = 'value' in failed ? failed.value : failed.rate
  if (requests && 'count' in requests) exposed.requests = requests.count
  return exposed
}
