import type { EvidenceSet } from '../evidence/types.js'
import { parseMetricPath, resolveSegments } from '../evidence/path.js'
import { describeValue } from './describe-value.js'

export type ReadValue =
  | { kind: 'number'; value: number }
  | { kind: 'missing'; message: string }
  | { kind: 'error'; message: string; observed?: unknown }

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
  if (!resolved.found) {
    return { kind: 'error', message: `${role}${metric} is absent from ${report.source || path.evidence}` }
  }
  const value = resolved.value
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return {
      kind: 'error',
      message: `${role}${metric} is ${describeValue(value)}, not a finite number`,
      // Described, never copied: a wrong path must not carry a string into a public record.
      observed: describeValue(value)
    }
  }
  return { kind: 'number', value }
}

/** Reads any value at a path (for object-valued evidence such as schemas and lineage). */
export function readReport(
  evidence: EvidenceSet,
  name: string
): { found: true; data: unknown; source: string } | { found: false } {
  const report = evidence.get(name)
  return report ? { found: true, data: report.data, source: report.source } : { found: false }
}
