import { describe, expect, it } from '@jest/globals'
import { loadEvidence } from '../../src/evidence/load.js'
import { LocalEvidenceSource } from '../../src/evidence/local-source.js'
import { resolveMetricPath } from '../../src/evidence/path.js'
import { evaluate } from '../../src/gates/evaluate.js'
import { policyWithGates } from '../helpers/policy.js'

/*
 * The fixtures are written from the formats' documented facts (see the comment at the top of
 * src/evidence/readers/evidently.ts): a legacy DataDriftPreset report, a pre-0.3 ColumnDriftMetric
 * that names its threshold `threshold`, and an Evidently 0.7 snapshot.
 */
const source = new LocalEvidenceSource('test/fixtures/evidence')
const read = async (path: string) => (await loadEvidence('drift', { format: 'evidently', path }, source)).data
const at = (data: unknown, path: string) => resolveMetricPath(data, path)

describe('evidently reader: legacy Report', () => {
  it('exposes every documented column field and keeps the raw report', async () => {
    const data = await read('evidently-drift.json')
    expect(at(data, 'columns.merchant_type')).toEqual({
      found: true,
      value: {
        drift_score: 0.41,
        drift_detected: false,
        stattest_name: 'chi-square p_value',
        stattest_threshold: 0.05,
        column_type: 'cat'
      }
    })
    expect(at(data, 'raw.metrics[1].result.drift_by_columns.hour.stattest_name')).toEqual({
      found: true,
      value: 'PSI'
    })
    expect(at(data, 'drift_share')).toEqual({ found: true, value: 0.5 })
  })

  it('reads a pre-0.3 ColumnDriftMetric, whose threshold key is `threshold`', async () => {
    const data = await read('evidently-0.2-column-drift.json')
    expect(at(data, 'columns.prediction.stattest_threshold')).toEqual({ found: true, value: 0.1 })
    expect(at(data, 'columns.prediction.drift_detected')).toEqual({ found: true, value: true })
    expect(at(data, 'share_of_drifted_columns')).toEqual({ found: true, value: 0.25 })
  })

  it('leaves a field the report lacks absent instead of undefined-but-present', async () => {
    const data = await read('evidently-0.2-column-drift.json')
    const column = at(data, 'columns.prediction')
    expect(column.found && Object.keys(column.value as object)).toEqual([
      'drift_score',
      'drift_detected',
      'stattest_name',
      'stattest_threshold',
      'column_type'
    ])
  })
})

describe('evidently reader: Evidently 0.7 snapshot', () => {
  it('maps DriftedColumnsCount to the dataset-level fields; dataset_drift is share >= drift_share', async () => {
    const data = await read('evidently-0.7-snapshot.json')
    expect(data).toMatchObject({
      number_of_drifted_columns: 2,
      share_of_drifted_columns: 0.5,
      drift_share: 0.5,
      dataset_drift: true
    })
  })

  it('maps ValueDrift per column, deriving drift_detected by the test family', async () => {
    const data = await read('evidently-0.7-snapshot.json')
    expect(at(data, 'columns.amount')).toEqual({
      found: true,
      value: {
        drift_score: 0.0031,
        stattest_name: 'K-S p_value',
        stattest_threshold: 0.05,
        drift_detected: true
      }
    })
    // A distance drifts at or above its threshold; below it does not.
    expect(at(data, 'columns.hour.drift_detected')).toEqual({ found: true, value: false })
    expect(at(data, 'columns.merchant_type.drift_detected')).toEqual({ found: true, value: true })
  })

  it('never guesses the direction of an unknown test: drift_detected stays absent', async () => {
    const data = await read('evidently-0.7-snapshot.json')
    expect(at(data, 'columns.device.drift_detected').found).toBe(false)
    expect(at(data, 'columns.device.drift_score')).toEqual({ found: true, value: 0.9 })
  })
})

describe('evidently evidence in gates', () => {
  it('gates on share_of_drifted_columns and per-column drift scores', async () => {
    const data = await read('evidently-drift.json')
    const evidence = new Map([
      ['evidently', { name: 'evidently', format: 'evidently' as const, source: 'x', sha256: '', data }]
    ])
    const decision = evaluate({
      policy: policyWithGates(
        [
          '- { id: drifted-share, metric: evidently.share_of_drifted_columns, max: 0.3 }',
          '- { id: amount-pvalue, metric: evidently.columns.amount.drift_score, min: 0.01 }',
          '- { id: no-column, metric: evidently.columns.absent.drift_score, min: 0.01 }'
        ].join('\n')
      ),
      request: { model: 'm', version: 'v1.0.0', to: 'staging' },
      candidate: evidence,
      baseline: { version: null, evidence: new Map() }
    })
    expect(decision.gates.map((g) => [g.id, g.status, g.message])).toEqual([
      ['drifted-share', 'fail', '0.333333 > max 0.3'],
      ['amount-pvalue', 'fail', '0.0012 < min 0.01'],
      [
        'no-column',
        'error',
        'evidently.columns.absent.drift_score is absent from x: the report has columns "amount", "merchant_type", "hour"'
      ]
    ])
  })
})
