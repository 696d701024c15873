import { describe, expect, it } from '@jest/globals'
import type { EvidenceError } from '../../src/errors.js'
import { loadEvidence } from '../../src/evidence/load.js'
import { LocalEvidenceSource } from '../../src/evidence/local-source.js'
import { describeEvidenceFile } from '../../src/evidence/readers/recognise.js'
import type { EvidenceFormat } from '../../src/policy/types.js'
import { gateOn } from '../helpers/policy.js'

/* A file given under the wrong format: the refusal says what the file looks like and which format reads it. */
const source = new LocalEvidenceSource('test/fixtures/evidence')
const refusal = async (path: string, format: EvidenceFormat): Promise<string> => {
  try {
    await loadEvidence('e', { format, path }, source)
  } catch (error) {
    return (error as EvidenceError).format()
  }
  throw new Error('expected a refusal')
}

describe('messages that name what the file is', () => {
  it.each<[string, EvidenceFormat, string]>([
    [
      'k6-summary-export.json',
      'prometheus',
      'k6-summary-export.json: this file looks like a k6 end-of-test summary, not monitoring: expected a Prometheus query result or an object of series keyed by metric name; format: k6 reads it'
    ],
    [
      'evidently-legacy-testsuite.json',
      'k6',
      'evidently-legacy-testsuite.json metrics: this file looks like an Evidently test suite (legacy TestSuite), not a k6 summary (no "metrics" object; k6 run --summary-export=FILE writes one); format: evidently reads it'
    ],
    [
      'evidently-0.7-snapshot.json',
      'k6',
      'evidently-0.7-snapshot.json metrics: this file looks like an Evidently 0.7 report, not a k6 summary (no "metrics" object; k6 run --summary-export=FILE writes one); format: evidently reads it'
    ],
    [
      'no-metrics-list.json',
      'evidently',
      'no-metrics-list.json metrics: this file is an object with keys "model", "auc", "f1", "evaluated_at", not an Evidently report or test suite (no "metrics" or "tests" list)'
    ],
    [
      'prometheus-histogram-quantile.json',
      'evidently',
      'prometheus-histogram-quantile.json metrics: this file looks like a Prometheus query result, not an Evidently report or test suite (no "metrics" or "tests" list); format: prometheus reads it'
    ],
    [
      'prometheus-error.json',
      'prometheus',
      'prometheus-error.json: this file looks like a Prometheus error answer (the query failed, "bad_data": "invalid parameter \\"query\\": 1:6: parse error: unexpected end of input"; no data), not monitoring: expected a Prometheus query result or an object of series keyed by metric name'
    ]
  ])('%s given as %s', async (path, format, message) => {
    expect(await refusal(path, format)).toBe(message)
  })

  it('an Evidently snapshot (Snapshot.save) is named as one, with what to give instead', async () => {
    await expect(
      loadEvidence('drift', { format: 'evidently', path: 'evidently-0.7-saved-snapshot.json' }, source)
    ).rejects.toThrow(
      /this file looks like an Evidently 0\.7 snapshot \(Snapshot\.save \/ dumps\) rather than the report as snapshot\.json\(\) or save_json\(\) writes it, not an Evidently report or test suite/
    )
  })

  it('says "legacy" only of legacy files', async () => {
    expect(await refusal('evidently-0.7-snapshot.json', 'k6')).not.toMatch(/legacy/)
    expect(await refusal('no-metrics-list.json', 'evidently')).not.toMatch(/legacy/)
    expect(describeEvidenceFile({ metrics: [{ metric: 'DataDriftTable', result: {} }] })).toBe(
      'this file looks like an Evidently legacy Report (0.2-0.6)'
    )
  })

  it('bounds and quotes the keys of an unknown file', () => {
    const many = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`${'k'.repeat(40)}${i}\n`, i]))
    const text = describeEvidenceFile(many)
    expect(text.length).toBeLessThan(250)
    expect(text).not.toContain('\n')
    expect(text).toMatch(/, \.\.\. \(\d+\)$/)
  })

  it('explains only percentile paths, in either spelling', async () => {
    const { explainAbsentK6 } = await import('../../src/evidence/readers/k6.js')
    expect(explainAbsentK6('latency_p99_ms')).toMatch(/--summary-trend-stats/)
    expect(explainAbsentK6('metrics.http_req_duration["p(99.9)"]')).toMatch(/--summary-trend-stats/)
    expect(explainAbsentK6('metrics.http_req_duration.values["p(99)"]')).toMatch(/--summary-trend-stats/)
    expect(explainAbsentK6('error_rate')).toBeUndefined()
    expect(explainAbsentK6('metrics.grpc_req_duration.avg')).toBeUndefined()
  })

  it('a gate on a percentile k6 did not export mentions --summary-trend-stats', async () => {
    const online = await loadEvidence('online', { format: 'k6', path: 'k6-summary-export.json' }, source)
    const gate = gateOn('- { id: p99, metric: online.latency_p99_ms, max: 200 }', 'online', online)
    expect([gate.status, gate.message]).toEqual([
      'error',
      'online.latency_p99_ms is absent from k6-summary-export.json: k6 exports only the trend statistics listed in --summary-trend-stats (default avg,min,med,max,p(90),p(95)); run k6 with e.g. --summary-trend-stats="avg,med,p(95),p(99)"'
    ])
  })
})
