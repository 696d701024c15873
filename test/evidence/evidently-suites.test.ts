import { describe, expect, it } from '@jest/globals'
import { loadEvidence } from '../../src/evidence/load.js'
import { LocalEvidenceSource } from '../../src/evidence/local-source.js'
import { resolveMetricPath } from '../../src/evidence/path.js'
import { parseMetricLabel } from '../../src/evidence/readers/evidently.js'
import type { LoadedEvidence } from '../../src/evidence/types.js'
import { evaluate } from '../../src/gates/evaluate.js'
import { policyWithGates } from '../helpers/policy.js'

/*
 * Fixtures written from Evidently's source (facts only): an early 0.7 Report (`metrics: [{ id,
 * metric_id, value }]`, no `config`; the label is `Type(name=value,…)` of the parameters that are
 * set), a legacy TestSuite (`tests: [{ name, description, status, group, parameters }]` and a
 * `summary`), and a 0.7 Report with tests (`tests: [{ id, name, description, metric_config,
 * test_config, status }]`).
 */
const source = new LocalEvidenceSource('test/fixtures/evidence')
const load = (path: string, name = 'drift') => loadEvidence(name, { format: 'evidently', path }, source)
const at = (data: unknown, path: string) => resolveMetricPath(data, path)

function decide(gates: string, reports: LoadedEvidence[], checks?: Record<string, string>) {
  return evaluate({
    policy: policyWithGates(gates),
    request: { model: 'm', version: 'v1.0.0', to: 'staging' },
    candidate: new Map(reports.map((report) => [report.name, report])),
    baseline: { version: null, evidence: new Map() },
    ...(checks && { checks })
  })
}

describe('early Evidently 0.7 reports: parameters from the metric_id label', () => {
  it('reads columns and drift_share through the same paths as later 0.7 files', async () => {
    const { data } = await load('evidently-0.7-early.json')
    expect(data).toMatchObject({
      number_of_drifted_columns: 1,
      share_of_drifted_columns: 0.3333333333333333,
      drift_share: 0.5,
      dataset_drift: false
    })
    expect(at(data, 'columns.Time')).toEqual({ found: true, value: { drift_score: 0.0042 } })
    expect(at(data, 'columns.Amount')).toEqual({
      found: true,
      value: { drift_score: 0.27, stattest_name: 'PSI', stattest_threshold: 0.1, drift_detected: true }
    })
    expect(at(data, 'columns.V1.drift_detected')).toEqual({ found: true, value: false })
    expect(at(data, 'columns.V2')).toEqual({
      found: true,
      value: {
        drift_score: 0.2,
        stattest_name: 'K-S p_value',
        stattest_threshold: 0.05,
        drift_detected: false
      }
    })
  })

  it('gates on them; a column without method and threshold has no drift flag to guess', async () => {
    const decision = decide(
      [
        '- { id: time, metric: drift.columns.Time.drift_score, min: 0.01 }',
        '- { id: share, metric: drift.share_of_drifted_columns, max: 0.5 }'
      ].join('\n'),
      [await load('evidently-0.7-early.json')]
    )
    expect(decision.gates.map((g) => [g.id, g.status, g.message])).toEqual([
      ['time', 'fail', '0.0042 < min 0.01'],
      ['share', 'pass', '0.333333 within max 0.5']
    ])
    const time = decide('- { id: flag, metric: drift.columns.Time.drift_detected, equals: false }', [
      await load('evidently-0.7-early.json')
    ]).gates[0]!
    expect([time.status, time.message]).toEqual([
      'error',
      'drift.columns.Time.drift_detected is absent from evidently-0.7-early.json'
    ])
  })

  it('parses labels whose values hold commas and parentheses, and reads numbers exactly', () => {
    expect(parseMetricLabel('ValueDrift(column=Time)')).toEqual({
      type: 'ValueDrift',
      params: { column: 'Time' }
    })
    expect(parseMetricLabel('DriftedColumnsCount(drift_share=0.5)')).toEqual({
      type: 'DriftedColumnsCount',
      params: { drift_share: 0.5 }
    })
    expect(
      parseMetricLabel('ValueDrift(column=a,b,method=Wasserstein distance (normed),threshold=0.1)')
    ).toEqual({
      type: 'ValueDrift',
      params: { column: 'a,b', method: 'Wasserstein distance (normed)', threshold: 0.1 }
    })
    expect(parseMetricLabel('RowCount()')).toEqual({ type: 'RowCount', params: {} })
    expect(parseMetricLabel('ValueDrift(column=0x10)')).toEqual({
      type: 'ValueDrift',
      params: { column: '0x10' }
    })
    expect(parseMetricLabel('not a label')).toBeUndefined()
    expect(parseMetricLabel('ValueDrift(nonsense)')).toBeUndefined()
  })
})

describe('Evidently test suites', () => {
  it('legacy TestSuite: each test name (and name (column)) to its status, worst status for a shared name', async () => {
    const { data } = await load('evidently-legacy-testsuite.json', 'suite')
    expect(at(data, 'tests')).toEqual({
      found: true,
      value: {
        'Number of Drifted Features': 'SUCCESS',
        'Share of Drifted Columns': 'FAIL',
        'Drift per Column': 'FAIL',
        'Drift per Column (feature_1)': 'SUCCESS',
        'Drift per Column (feature_2)': 'FAIL',
        'Drift per Column (feature_3)': 'SUCCESS',
        'The Number of Missing Values': 'WARNING',
        'Mean Value': 'ERROR',
        'Precision Score': 'SKIPPED'
      }
    })
    expect(at(data, 'summary')).toEqual({
      found: true,
      value: {
        total: 8,
        success: 3,
        failed: 2,
        warning: 1,
        error: 1,
        skipped: 1,
        // The suite's own summary, as the file writes it (success_tests counts WARNING too).
        all_passed: false,
        total_tests: 8,
        success_tests: 4,
        failed_tests: 2,
        by_status: { SUCCESS: 3, FAIL: 2, WARNING: 1, ERROR: 1, SKIPPED: 1 }
      }
    })
    expect(at(data, 'raw.summary.all_passed')).toEqual({ found: true, value: false })
  })

  it('a checks gate reads test statuses: only SUCCESS passes; counts and flags feed metric gates', async () => {
    const suite = await load('evidently-legacy-testsuite.json', 'suite')
    const decision = decide(
      [
        '- { id: drift-tests, checks: ["Number of Drifted Features", "Drift per Column (feature_1)"], evidence: suite }',
        '- { id: per-column, checks: ["Drift per Column"], evidence: suite }',
        '- { id: others, checks: ["The Number of Missing Values", "Mean Value", "Precision Score", "Absent"], evidence: suite }',
        '- { id: no-failures, metric: suite.summary.failed, max: 0 }',
        '- { id: no-errors, metric: suite.summary.error, equals: 0 }',
        '- { id: all-passed, metric: suite.raw.summary.all_passed, equals: true }'
      ].join('\n'),
      [suite],
      // GitHub check results handed in by the caller never replace a named suite.
      { 'Drift per Column': 'success' }
    )
    expect(decision.gates.map((g) => [g.id, g.status, g.message])).toEqual([
      ['drift-tests', 'pass', 'all 2 succeeded'],
      ['per-column', 'fail', 'Drift per Column: FAIL'],
      [
        'others',
        'fail',
        'The Number of Missing Values: WARNING; Mean Value: ERROR; Precision Score: SKIPPED; Absent: not found'
      ],
      ['no-failures', 'fail', '2 > max 0'],
      ['no-errors', 'fail', '1 is not 0'],
      ['all-passed', 'fail', 'false is not true']
    ])
  })

  it('0.7 Report with tests: drift metrics and tests side by side, tests keyed by name and column', async () => {
    const report = await load('evidently-0.7-testsuite.json')
    expect(report.data).toMatchObject({
      share_of_drifted_columns: 0.5,
      columns: { age: { drift_score: 0.012, drift_detected: true } },
      tests: {
        'Value Drift for column age': 'FAIL',
        'Value Drift for column age (age)': 'FAIL',
        'Share of Drifted Columns: Less 0.5': 'FAIL',
        'Row count: Greater 100': 'SUCCESS'
      },
      summary: { total: 3, success: 1, failed: 2, warning: 0, error: 0, skipped: 0 }
    })
    const decision = decide('- { id: rows, checks: ["Row count: Greater 100"], evidence: drift }', [report])
    expect(decision.gates[0]!.status).toBe('pass')
  })

  it('a checks gate on an Evidently report without tests is an error, never missing', async () => {
    const report = await load('evidently-drift.json')
    const gate = decide('- { id: t, checks: [x], evidence: drift, optional: true }', [report]).gates[0]!
    expect([gate.status, gate.blocking, gate.message]).toEqual([
      'error',
      true,
      "evidently-drift.json: an Evidently report without tests; a checks gate reads a test suite's test results"
    ])
  })

  it('a legacy TestSuite saved with include_metrics=True also gives its drift metrics', async () => {
    const suite = {
      tests: [
        {
          name: 'Share of Drifted Columns',
          description: '',
          status: 'SUCCESS',
          group: 'data_drift',
          parameters: {}
        }
      ],
      summary: {
        all_passed: true,
        total_tests: 1,
        success_tests: 1,
        failed_tests: 0,
        by_status: { SUCCESS: 1 }
      },
      metric_results: [
        {
          metric: 'DatasetDriftMetric',
          result: {
            drift_share: 0.5,
            number_of_columns: 4,
            number_of_drifted_columns: 1,
            share_of_drifted_columns: 0.25,
            dataset_drift: false
          }
        }
      ]
    }
    const inMemory = {
      read: async () => ({ display: 'suite.json', bytes: Buffer.from(JSON.stringify(suite)) })
    }
    const { data } = await loadEvidence('suite', { format: 'evidently', path: 'x' }, inMemory)
    expect(data).toMatchObject({
      share_of_drifted_columns: 0.25,
      tests: { 'Share of Drifted Columns': 'SUCCESS' }
    })
  })

  it('refuses a test with an unknown status or no name, with its path', async () => {
    const bad = (tests: unknown) => ({
      read: async () => ({
        display: 'suite.json',
        bytes: Buffer.from(JSON.stringify({ tests, summary: {} }))
      })
    })
    await expect(
      loadEvidence('suite', { format: 'evidently', path: 'x' }, bad([{ name: 't', status: 'PASSED' }]))
    ).rejects.toThrow('expected a status SUCCESS, FAIL, WARNING, ERROR or SKIPPED, got "PASSED"')
    await expect(
      loadEvidence('suite', { format: 'evidently', path: 'x' }, bad([{ status: 'SUCCESS' }]))
    ).rejects.toThrow("expected the test's name, got undefined")
  })
})
