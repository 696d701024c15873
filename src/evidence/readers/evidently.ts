import { EvidenceError } from '../../errors.js'
import { parseStructured, requireObject } from './structured.js'
import type { EvidenceReader } from './types.js'

/*
 * Evidently data-drift reports. Facts about the formats (from Evidently's source, docs and tests):
 *
 * Legacy `Report` JSON (`report.json()` / `as_dict()` / `save_json()`, evidently 0.2–0.6): a
 * `metrics` list of `{ metric, result }`. `DatasetDriftMetric.result` holds `drift_share`,
 * `number_of_columns`, `number_of_drifted_columns`, `share_of_drifted_columns`, `dataset_drift`;
 * `DataDriftTable.result` holds the same counts plus `drift_by_columns: { <column>: { column_name,
 * column_type, stattest_name, stattest_threshold, drift_score, drift_detected, … } }`;
 * `ColumnDriftMetric.result` is one such column object. Releases before 0.3 name the per-column
 * threshold `threshold` instead of `stattest_threshold`.
 *
 * Evidently ≥ 0.7 (`Report.run(...).json()` / `.dict()`): `metrics: [{ id, metric_name, config:
 * { type: "evidently:metric_v2:<Name>", … }, value }]`. `DriftedColumnsCount` has
 * `config.drift_share` and `value: { count, share }`; `ValueDrift` has `config: { column, method,
 * threshold }` and the drift score as `value`. That format carries no drift flags, so they are
 * derived with Evidently's own rules: a p-value test (display name ending in `p_value`) drifts when
 * score <= threshold, a distance/divergence/PSI when score >= threshold; any other method leaves
 * `drift_detected` absent. `dataset_drift` is share >= drift_share, as Evidently's
 * `dataset_drift_evaluation` decides it.
 */

type Column = Record<string, unknown>

const DATASET_KEYS = [
  'dataset_drift',
  'share_of_drifted_columns',
  'number_of_drifted_columns',
  'number_of_columns',
  'drift_share'
] as const

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

export const readEvidently: EvidenceReader = async ({ primary, name }) => {
  if (!primary) throw new EvidenceError(`evidence "${name}" needs a path`)
  const report = requireObject(parseStructured(primary), primary, 'an Evidently report object with "metrics"')
  const metrics = report.metrics
  if (!Array.isArray(metrics)) {
    throw new EvidenceError('not an Evidently legacy report: no "metrics" list (format: evidently)', {
      file: primary.display,
      path: 'metrics'
    })
  }
  const columns: Record<string, Column> = {}
  const exposed: Record<string, unknown> = { columns, raw: report }
  let recognised = 0
  for (const entry of metrics) {
    if (!isObject(entry)) continue
    if (readLegacyMetric(entry, exposed, columns) || readSnapshotMetric(entry, exposed, columns)) recognised++
  }
  if (recognised === 0) {
    throw new EvidenceError(
      'no DatasetDriftMetric, DataDriftTable, ColumnDriftMetric, DriftedColumnsCount or ValueDrift in the report',
      { file: primary.display, path: 'metrics' }
    )
  }
  return exposed
}

function readLegacyMetric(entry: Record<string, unknown>, exposed: Column, columns: Record<string, Column>) {
  const { metric, result } = entry
  if (!isObject(result)) return false
  if (metric === 'DatasetDriftMetric' || metric === 'DataDriftTable') {
    for (const key of DATASET_KEYS) if (key in result && !(key in exposed)) exposed[key] = result[key]
    if (isObject(result.drift_by_columns)) {
      for (const [column, drift] of Object.entries(result.drift_by_columns)) {
        if (isObject(drift)) columns[column] = pickColumn(drift)
      }
    }
    return true
  }
  if (metric === 'ColumnDriftMetric' && typeof result.column_name === 'string') {
    columns[result.column_name] = pickColumn(result)
    return true
  }
  return false
}

/** Only the documented fields, and only those present: an absent one stays absent (a gate on it errors). */
function pickColumn(drift: Record<string, unknown>): Column {
  const column: Column = {}
  const copy = (to: string, value: unknown): void => {
    if (value !== undefined) column[to] = value
  }
  copy('drift_score', drift.drift_score)
  copy('drift_detected', drift.drift_detected)
  copy('stattest_name', drift.stattest_name)
  copy('stattest_threshold', drift.stattest_threshold ?? drift.threshold)
  copy('column_type', drift.column_type)
  return column
}

/** `evidently:metric_v2:ValueDrift` → `ValueDrift`; falls back to the name before `(`. */
function snapshotMetricType(entry: Record<string, unknown>): string | undefined {
  const config = isObject(entry.config) ? entry.config : {}
  if (typeof config.type === 'string') return config.type.split(':').pop()
  const label = typeof entry.metric_name === 'string' ? entry.metric_name : entry.metric_id
  return typeof label === 'string' ? label.split('(')[0] : undefined
}

function readSnapshotMetric(
  entry: Record<string, unknown>,
  exposed: Column,
  columns: Record<string, Column>
) {
  const type = snapshotMetricType(entry)
  const config = isObject(entry.config) ? entry.config : {}
  if (type === 'DriftedColumnsCount' && isObject(entry.value)) {
    const { count, share } = entry.value
    if (count !== undefined && !('number_of_drifted_columns' in exposed))
      exposed.number_of_drifted_columns = count
    if (share !== undefined && !('share_of_drifted_columns' in exposed))
      exposed.share_of_drifted_columns = share
    if (finite(config.drift_share) && !('drift_share' in exposed)) exposed.drift_share = config.drift_share
    if (finite(share) && finite(config.drift_share) && !('dataset_drift' in exposed)) {
      exposed.dataset_drift = share >= config.drift_share
    }
    return true
  }
  if (type === 'ValueDrift' && typeof config.column === 'string' && entry.value !== undefined) {
    const column: Column = { drift_score: entry.value }
    if (typeof config.method === 'string') column.stattest_name = config.method
    if (config.threshold !== undefined) column.stattest_threshold = config.threshold
    const detected = driftDetected(config.method, entry.value, config.threshold)
    if (detected !== undefined) column.drift_detected = detected
    columns[config.column] = column
    return true
  }
  return false
}

function driftDetected(method: unknown, score: unknown, threshold: unknown): boolean | undefined {
  if (typeof method !== 'string' || !finite(score) || !finite(threshold)) return undefined
  if (/p_value$/i.test(method.trim())) return score <= threshold
  if (/distance|divergence|\bpsi\b/i.test(method)) return score >= threshold
  return undefined
}
