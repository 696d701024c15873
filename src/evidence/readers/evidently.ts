import { EvidenceError } from '../../errors.js'
import { parseMetricPath } from '../path.js'
import { describeEvidenceFile, formatHint, quotedNames } from './recognise.js'
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
 *
 * Early 0.7 files write `metrics: [{ id, metric_id, value }]` without `config`; `metric_id` is
 * the label `Type(name=value,…)` Evidently builds from the parameters that are set (None skipped,
 * lists comma-joined), so the configuration is read back from it.
 *
 * Test suites: a legacy `TestSuite.json()` is `{ tests: [{ name, description, status, group,
 * parameters }], summary: { all_passed, total_tests, success_tests, failed_tests, by_status } }`
 * (with `metric_results` when saved with include_metrics); 0.7 writes `tests: [{ id, name,
 * description, metric_config, test_config, status }]` next to `metrics`. Statuses are SUCCESS,
 * FAIL, WARNING, ERROR and SKIPPED.
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
  const report = requireObject(parseStructured(primary), primary, 'an Evidently report or test suite object')
  const profile = readProfile(report)
  if (profile) return profile
  // A legacy TestSuite saved with include_metrics=True keeps its metrics under `metric_results`.
  const metrics = Array.isArray(report.metrics) ? report.metrics : report.metric_results
  const tests = report.tests
  if (!Array.isArray(metrics) && !Array.isArray(tests)) {
    throw new EvidenceError(
      `${describeEvidenceFile(report)}, not an Evidently report or test suite (no "metrics" or "tests" list)${formatHint(report, 'evidently')}`,
      {
        file: primary.display,
        path: 'metrics'
      }
    )
  }
  // No prototype: a column named `__proto__` is a column like any other, not a prototype swap.
  const columns: Record<string, Column> = Object.create(null) as Record<string, Column>
  const exposed: Record<string, unknown> = { columns, raw: report }
  let recognised = 0
  for (const entry of Array.isArray(metrics) ? metrics : []) {
    if (!isObject(entry)) continue
    if (readLegacyMetric(entry, exposed, columns) || readSnapshotMetric(entry, exposed, columns)) recognised++
  }
  const hasTests = Array.isArray(tests) && tests.length > 0
  if (hasTests) {
    const read = readTests(tests, primary.display)
    Object.assign(exposed, { tests: read.tests, summary: withOwnSummary(read.summary, report.summary) })
  }
  if (recognised === 0 && !hasTests) {
    throw new EvidenceError(
      'an Evidently report without drift metrics (DatasetDriftMetric, DataDriftTable, ColumnDriftMetric, DriftedColumnsCount or ValueDrift) or tests: nothing here to gate on',
      { file: primary.display, path: 'metrics' }
    )
  }
  return exposed
}

/**
 * Evidently 0.1's Profile (`Profile(sections=[DataDriftProfileSection()]).json()`, what many
 * public ML repositories still write): `{ data_drift: { name, datetime, data: { metrics: {
 * n_features, n_drifted_features, share_drifted_features, dataset_drift, <column>: {
 * feature_type, stattest_name, drift_score, drift_detected, … } }, options } }, timestamp }`.
 * Releases before 0.1.5x give a column's score as `p_value` and no flag; a flag absent stays
 * absent. Undefined when the file is not such a profile.
 */
function readProfile(report: Record<string, unknown>): Record<string, unknown> | undefined {
  const section = report.data_drift
  const data = isObject(section) ? section.data : undefined
  const metrics = isObject(data) ? data.metrics : undefined
  if (!isObject(metrics) || !('dataset_drift' in metrics || 'n_drifted_features' in metrics)) return undefined
  const columns: Record<string, Column> = Object.create(null) as Record<string, Column>
  const exposed: Record<string, unknown> = { columns, raw: report }
  const dataset: Record<string, string> = {
    dataset_drift: 'dataset_drift',
    share_drifted_features: 'share_of_drifted_columns',
    n_drifted_features: 'number_of_drifted_columns',
    n_features: 'number_of_columns'
  }
  for (const [key, value] of Object.entries(metrics)) {
    if (Object.hasOwn(dataset, key)) exposed[dataset[key]!] = value
    else if (isObject(value) && ('drift_score' in value || 'p_value' in value)) {
      const column: Column = {}
      const copy = (to: string, from: unknown): void => {
        if (from !== undefined) column[to] = from
      }
      copy('drift_score', value.drift_score ?? value.p_value)
      copy('drift_detected', value.drift_detected)
      copy('stattest_name', value.stattest_name)
      copy('column_type', value.feature_type)
      columns[key] = column
    }
  }
  const options = isObject(data) ? data.options : undefined
  if (isObject(options) && finite(options.drift_share)) exposed.drift_share = options.drift_share
  return exposed
}

/** Evidently's test statuses, worst first: a name shared by several tests shows the worst. */
const STATUSES = ['ERROR', 'FAIL', 'WARNING', 'SKIPPED', 'SUCCESS'] as const
type TestStatus = (typeof STATUSES)[number]
const SUMMARY_KEYS: Record<TestStatus, string> = {
  SUCCESS: 'success',
  FAIL: 'failed',
  WARNING: 'warning',
  ERROR: 'error',
  SKIPPED: 'skipped'
}

const shown = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

/**
 * A test suite's results: legacy `tests: [{ name, description, status, group, parameters }]` and
 * 0.7 `tests: [{ id, name, description, status, metric_config: { params }, test_config }]`.
 * `tests` maps each test name (and `name (column)` when the test is about one column) to its
 * status, for `checks` gates; a name several tests share gets the worst of their statuses.
 * `summary` counts the tests by status, for metric gates.
 */
function readTests(
  tests: unknown[],
  file: string
): { tests: Record<string, TestStatus>; summary: Record<string, number> } {
  const byKey: Record<string, TestStatus> = Object.create(null) as Record<string, TestStatus>
  const summary: Record<string, number> = {
    total: tests.length,
    success: 0,
    failed: 0,
    warning: 0,
    error: 0,
    skipped: 0
  }
  const record = (key: string, status: TestStatus): void => {
    const before = byKey[key]
    byKey[key] = before === undefined || STATUSES.indexOf(status) < STATUSES.indexOf(before) ? status : before
  }
  tests.forEach((test, i) => {
    const path = `tests[${i}]`
    if (!isObject(test)) throw new EvidenceError('expected a test result object', { file, path })
    const { name, status } = test
    if (typeof name !== 'string' || name.trim() === '')
      throw new EvidenceError(`expected the test's name, got ${shown(name)}`, { file, path: `${path}.name` })
    if (typeof status !== 'string' || !(STATUSES as readonly string[]).includes(status)) {
      throw new EvidenceError(
        `expected a status SUCCESS, FAIL, WARNING, ERROR or SKIPPED, got ${shown(status)}`,
        {
          file,
          path: `${path}.status`
        }
      )
    }
    const known = status as TestStatus
    summary[SUMMARY_KEYS[known]]!++
    record(name, known)
    const column = testColumn(test)
    if (column !== undefined) record(`${name} (${column})`, known)
  })
  return { tests: { ...byKey }, summary }
}

/**
 * A legacy suite's own summary (`all_passed`, `total_tests`, `success_tests`, `failed_tests`,
 * `by_status`) next to modelgate's counts, so a gate on the key the file shows finds it; where a
 * name is both, modelgate's count wins. (Evidently's `success_tests` counts WARNING as success.)
 */
function withOwnSummary(counts: Record<string, number>, own: unknown): Record<string, unknown> {
  if (!isObject(own)) return counts
  const merged: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(own)) if (!Object.hasOwn(counts, key)) merged[key] = value
  return { ...merged, ...counts }
}

const driftKeys: readonly string[] = [...DATASET_KEYS, 'columns']

/**
 * Why a path is absent from an Evidently file, when the file's kind explains it: drift figures
 * asked of a test suite that has none, tests asked of a report without tests, a column the
 * report does not have (the columns it has are named).
 */
export function explainAbsentEvidently(path: string, data: unknown): string | undefined {
  if (!isObject(data)) return undefined
  const [first, column] = parseMetricPath(`e.${path}`)?.segments ?? []
  const columns = isObject(data.columns) ? Object.keys(data.columns) : []
  const hasDrift = columns.length > 0 || DATASET_KEYS.some((key) => key in data)
  if (typeof first === 'string' && driftKeys.includes(first) && !hasDrift && isObject(data.tests))
    return 'this file is an Evidently test suite without drift metrics: a checks gate with its evidence name reads its tests and summary.* counts them; drift figures come from a Report (or a legacy suite saved with include_metrics=True)'
  if ((first === 'tests' || first === 'summary') && !isObject(data.tests))
    return 'this file is an Evidently report without tests; tests and summary.* come from a test suite'
  if (first === 'columns' && typeof column === 'string' && columns.length > 0 && !columns.includes(column)) {
    return `the report has columns ${quotedNames(columns)}`
  }
  return undefined
}

/** The column a test is about: legacy `parameters.column_name`, 0.7 `metric_config.params.column`. */
function testColumn(test: Record<string, unknown>): string | undefined {
  const legacy = isObject(test.parameters) ? test.parameters.column_name : undefined
  const config =
    isObject(test.metric_config) && isObject(test.metric_config.params)
      ? test.metric_config.params.column
      : undefined
  const column = legacy ?? config
  return typeof column === 'string' && column !== '' ? column : undefined
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

/**
 * Evidently's stattest ids as a user passes them (`method="psi"`), with the display names later
 * files carry; an early 0.7 file's label holds the id. Only ids whose family the drift rule knows.
 */
const STATTEST_DISPLAY_NAMES: Record<string, string> = {
  ks: 'K-S p_value',
  chisquare: 'chi-square p_value',
  z: 'Z-test p_value',
  wasserstein: 'Wasserstein distance (normed)',
  psi: 'PSI',
  hellinger: 'Hellinger distance',
  jensenshannon: 'Jensen-Shannon distance',
  kl_div: 'Kullback-Leibler divergence',
  ed: 'Energy-distance',
  TVD: 'Total-Variation-Distance'
}

const DECIMAL = /^-?(\d+(?:\.\d*)?|\.\d+)([eE][-+]?\d+)?$/

/**
 * The parameters of the metrics modelgate reads, as every 0.7 release declares them (fields whose
 * names end in `tests` are never written; dict-valued ones neither). A label is split only at a
 * comma that starts one of these names, so a column called `a,b=c` stays one column; types not
 * listed here split at any `,name=`.
 */
const LABEL_PARAMETERS: Record<string, readonly string[]> = {
  ValueDrift: ['column', 'method', 'threshold'],
  DriftedColumnsCount: [
    'columns',
    'embeddings',
    'drift_share',
    'method',
    'cat_method',
    'num_method',
    'text_method',
    'threshold',
    'cat_threshold',
    'num_threshold',
    'text_threshold'
  ]
}

/** Parameters declared as floats: only these are read as numbers (a column named `0` stays a name). */
const NUMERIC_PARAMETERS = new Set([
  'drift_share',
  'threshold',
  'cat_threshold',
  'num_threshold',
  'text_threshold'
])

/**
 * The metric's type and parameters from its label, as early 0.7 files (`metrics: [{ id,
 * metric_id, value }]`, no `config`) give them: Evidently writes `Type(name=value,…)` with
 * `str()` of each parameter that is set, lists comma-joined. A value may itself hold commas,
 * parentheses, quotes or `=` (`method=Wasserstein distance (normed)`, `column=price (USD), net`),
 * so parameters are split only at a comma that starts the next parameter's `name=`. Float
 * parameters are read exactly (`drift_share=0.5`); every other value stays the text written.
 */
export function parseMetricLabel(
  label: string
): { type: string; params: Record<string, string | number> } | undefined {
  const open = label.indexOf('(')
  if (open <= 0 || !label.endsWith(')'))
    return /^[A-Za-z_]\w*$/.test(label) ? { type: label, params: {} } : undefined
  const type = label.slice(0, open)
  if (!/^[A-Za-z_]\w*$/.test(type)) return undefined
  const inner = label.slice(open + 1, -1)
  const params: Record<string, string | number> = {}
  if (inner === '') return { type, params }
  const known = Object.hasOwn(LABEL_PARAMETERS, type) ? LABEL_PARAMETERS[type]! : undefined
  const nextName = known ? `(?:${known.join('|')})` : '[A-Za-z_]\\w*'
  for (const part of inner.split(new RegExp(`,(?=${nextName}=)`))) {
    const equals = part.indexOf('=')
    if (equals <= 0) return undefined
    const key = part.slice(0, equals)
    if (known && !known.includes(key)) return undefined
    if (Object.hasOwn(params, key)) return undefined
    const value = part.slice(equals + 1)
    params[key] = NUMERIC_PARAMETERS.has(key) && DECIMAL.test(value) ? Number(value) : value
  }
  return { type, params }
}

/**
 * The metric's type and configuration: `config` when the file has it (later 0.7 releases), else
 * parsed from the label (`metric_id` in early 0.7 files, `metric_name` later).
 */
function snapshotMetricConfig(entry: Record<string, unknown>): {
  type?: string
  config: Record<string, unknown>
} {
  if (isObject(entry.config)) {
    const type = typeof entry.config.type === 'string' ? entry.config.type.split(':').pop() : undefined
    return { ...(type !== undefined && { type }), config: entry.config }
  }
  const label = typeof entry.metric_id === 'string' ? entry.metric_id : entry.metric_name
  const parsed = typeof label === 'string' ? parseMetricLabel(label) : undefined
  if (!parsed) return { config: {} }
  const config: Record<string, unknown> = { ...parsed.params }
  if (typeof config.method === 'string')
    config.method = STATTEST_DISPLAY_NAMES[config.method] ?? config.method
  return { type: parsed.type, config }
}

function readSnapshotMetric(
  entry: Record<string, unknown>,
  exposed: Column,
  columns: Record<string, Column>
) {
  const { type, config } = snapshotMetricConfig(entry)
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
