import type { EvidenceSet } from '../evidence/types.js'
import { parseMetricPath, resolveSegments } from '../evidence/path.js'
import { absenceExplainers } from '../evidence/readers/index.js'
import type { LoadedEvidence } from '../evidence/types.js'
import { describeValue } from './describe-value.js'

export type ReadValue =
  | { kind: 'number'; value: number }
  | { kind: 'missing'; message: string }
  | { kind: 'error'; message: string; observed?: unknown }

/** Reads the value at a metric path, whatever its type: `missing` without the report, `error` without the path. */
export function readAny(
  evidence: EvidenceSet,
  metric: string
): { kind: 'value'; value: unknown } | { kind: 'missing' | 'error'; message: string } {
  const path = parseMetricPath(metric)
  if (!path) return { kind: 'error', message: `${metric} is not a metric path` }
  const report = evidence.get(path.evidence)
  if (!report) return { kind: 'missing', message: `evidence "${path.evidence}" was not provided` }
  const resolved = resolveSegments(report.data, path.segments)
  if (!resolved.found) return { kind: 'error', message: absentMessage(report, metric, path.evidence) }
  return { kind: 'value', value: resolved.value }
}

/**
 * Reads a metric as a finite number, failing closed: absent evidence is `missing`; an absent
 * path, null, NaN, ±Infinity, a string (even "0.9"), a boolean, a list or an object is `error`.
 */
export function readNumber(evidence: EvidenceSet, metric: string, role = ''): ReadValue {
  const path = parseMetricPath(metric)
  if (!path) return { kind: 'error', message: `${role}${metric} is not a metric path` }
  const report = evidence.get(path.evidence)
  if (!report) return { kind: 'missing', message: `${role}evidence "${path.evidence}" was not provided` }
  const resolved = resolveSegments(report.data, path.segments)
  if (!resolved.found)
    return { kind: 'error', message: `${role}${absentMessage(report, metric, path.evidence)}` }
  let value = resolved.value
  let what = metric
  if ((report.format === 'prometheus' || report.format === 'timeseries') && isSeries(value)) {
    // A monitoring series is gated on its latest sample (an instant query has exactly one).
    if (value.length === 0) return { kind: 'error', message: `${role}${metric} has no samples` }
    value = value[value.length - 1]![1]
    what = `the latest sample of ${metric}`
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return {
      kind: 'error',
      message: `${role}${what} is ${describeValue(value)}, not a finite number`,
      // Described, never copied: a wrong path must not carry a string into a public record.
      observed: describeValue(value)
    }
  }
  return { kind: 'number', value }
}

/** `online.latency_p99_ms is absent from summary.json`, with the format's explanation when it has one. */
function absentMessage(report: LoadedEvidence, metric: string, evidence: string): string {
  const relative = metric.slice(evidence.length).replace(/^\./, '')
  const why = absenceExplainers[report.format]?.(relative, report.data)
  return `${metric} is absent from ${report.source || evidence}${why ? `: ${why}` : ''}`
}

const isSeries = (value: unknown): value is Array<[number, number]> =>
  Array.isArray(value) && value.every((sample) => Array.isArray(sample) && sample.length === 2)

/** Reads any value at a path (for object-valued evidence such as schemas and lineage). */
export function readReport(
  evidence: EvidenceSet,
  name: string
): { found: true; data: unknown; source: string } | { found: false } {
  const report = evidence.get(name)
  return report ? { found: true, data: report.data, source: report.source } : { found: false }
}
