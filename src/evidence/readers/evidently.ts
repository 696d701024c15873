import { EvidenceError } from '../../errors.js'
import { parseStructured, requireObject } from './structured.js'
import type { EvidenceReader } from './types.js'

/*
 * Evidently's legacy Report JSON (`report.json()` / `as_dict()`, evidently < 0.7): a `metrics`
 * list of `{ metric, result }`. `DatasetDriftMetric.result` holds `drift_share`,
 * `number_of_columns`, `number_of_drifted_columns`, `share_of_drifted_columns`, `dataset_drift`;
 * `DataDriftTable.result` holds the same counts plus `drift_by_columns: { <column>: { column_name,
 * column_type, stattest_name, stattest_threshold, drift_score, drift_detected, … } }`;
 * `ColumnDriftMetric.result` is one such column object.
 */

interface ColumnDrift {
  drift_score?: unknown
  drift_detected?: unknown
  stattest_name?: unknown
  stattest_threshold?: unknown
  column_type?: unknown
}

const DATASET_KEYS = [
  'dataset_drift',
  'share_of_drifted_columns',
  'number_of_drifted_columns',
  'number_of_columns',
  'drift_share'
] as const

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
  const exposed: Record<string, unknown> = { columns: {} as Record<string, ColumnDrift>, raw: report }
  const columns = exposed.columns as Record<string, ColumnDrift>
  let recognised = 0
  metrics.forEach((entry: unknown) => {
    if (entry === null || typeof entry !== 'object') return
    const { metric, result } = entry as { metric?: unknown; result?: unknown }
    if (result === null || typeof result !== 'object') return
    const body = result as Record<string, unknown>
    if (metric === 'DatasetDriftMetric' || metric === 'DataDriftTable') {
      recognised++
      for (const key of DATASET_KEYS) if (key in body && !(key in exposed)) exposed[key] = body[key]
      const byColumn = body.drift_by_columns
      if (byColumn && typeof byColumn === 'object') {
        for (const [column, drift] of Object.entries(byColumn as Record<string, unknown>)) {
          if (drift && typeof drift === 'object') columns[column] = pickColumn(drift as ColumnDrift)
        }
      }
    } else if (metric === 'ColumnDriftMetric' && typeof body.column_name === 'string') {
      recognised++
      columns[body.column_name] = pickColumn(body as ColumnDrift)
    }
  })
  if (recognised === 0) {
    throw new EvidenceError('no DatasetDriftMetric, DataDriftTable or ColumnDriftMetric in the report', {
      file: primary.display,
      path: 'metrics'
    })
  }
  return exposed
}

function pickColumn(drift: ColumnDrift): ColumnDrift {
  return {
    drift_score: drift.drift_score,
    drift_detected: drift.drift_detected,
    stattest_name: drift.stattest_name,
    stattest_threshold: drift.stattest_threshold,
    column_type: drift.column_type
  }
}
