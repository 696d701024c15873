import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { runCli } from '../helpers/cli.js'
import { scratchDir } from '../helpers/tmp.js'

/*
 * `modelgate evaluate` on files as other tools write them: an Evidently report with Python's bare
 * NaN, a legacy Evidently TestSuite gated by checks and counts, an early 0.7 report, and a
 * Prometheus instant aggregate without labels.
 */
const fixture = (name: string) => readFileSync(`test/fixtures/evidence/${name}`, 'utf8')
const POLICY = `version: 1
model: fraud
stages: [dev, staging]
evidence:
  drift: { path: drift.json, format: evidently }
  early: { path: early.json, format: evidently }
  suite: { path: suite.json, format: evidently }
  errors: { path: errors.json, format: prometheus }
transitions:
  - to: staging
    gates:
      - { id: share, metric: drift.share_of_drifted_columns, max: 0.5 }
      - { id: constant, metric: drift.columns.constant_flag.drift_score, min: 0.05 }
      - { id: no-drift, metric: drift.dataset_drift, equals: false }
      - { id: time, metric: early.columns.Time.drift_score, min: 0.001 }
      - { id: drift-tests, checks: ["Drift per Column (feature_1)"], evidence: suite }
      - { id: suite-failed, metric: suite.summary.failed, max: 0 }
      - { id: error-rate, metric: errors.value, max: 0.0123 }
`

let scratch: ReturnType<typeof scratchDir>
beforeEach(() => {
  scratch = scratchDir({
    'policy.yaml': POLICY,
    'drift.json': fixture('evidently-python-nan.json'),
    'early.json': fixture('evidently-0.7-early.json'),
    'suite.json': fixture('evidently-legacy-testsuite.json'),
    'errors.json': fixture('prometheus-sum-vector.json')
  })
})
afterEach(() => scratch.cleanup())

const args = ['evaluate', '--policy', 'policy.yaml', '--model', 'fraud', '--version', '3', '--to', 'staging']

describe('evaluate on files other tools wrote', () => {
  it('loads them all; only the gate on NaN is an error, the others decide on their values', async () => {
    const { code, stdout, stderr } = await runCli([...args, '--format', 'json'], { cwd: scratch.dir })
    expect(stderr).toBe('')
    expect(code).toBe(1)
    const json = JSON.parse(stdout) as { gates: Array<{ id: string; status: string; observed: unknown }> }
    expect(json.gates.map((g) => [g.id, g.status, g.observed])).toEqual([
      ['share', 'pass', 0.3333333333333333],
      ['constant', 'error', 'NaN'],
      ['no-drift', 'pass', false],
      ['time', 'pass', 0.0042],
      ['drift-tests', 'pass', { 'Drift per Column (feature_1)': 'SUCCESS' }],
      ['suite-failed', 'fail', 2],
      ['error-rate', 'pass', 0.0123]
    ])
  })

  it('the text table never shows a number on the wrong side of its threshold', async () => {
    scratch.write('errors.json', fixture('prometheus-sum-vector.json').replace('"0.0123"', '"0.01230000001"'))
    const { stdout } = await runCli(args, { cwd: scratch.dir })
    expect(stdout).toMatch(/error-rate\s+fail\s+0\.01230000001\s+max 0\.0123\s+0\.01230000001 > max 0\.0123/)
  })
})

/*
 * A second set, one per shape of the tools' own output: a legacy 0.4 report with NaN, Infinity and
 * -Infinity in scores, distributions and correlations (a column named with spaces, commas and
 * parentheses); early 0.7 labels with free-text column names; a legacy 0.4 TestSuite with its own
 * summary; a 0.7 Report with tests; k6's machine-readable summary; a Prometheus range query
 * without labels whose samples include "NaN" and "-Inf".
 */
const SECOND_POLICY = `version: 1
model: fraud
stages: [dev, staging]
evidence:
  legacy: { path: legacy.json, format: evidently }
  labels: { path: labels.json, format: evidently }
  suite: { path: suite.json, format: evidently }
  late: { path: late.json, format: evidently }
  load: { path: load.json, format: k6 }
  errors: { path: errors.json, format: prometheus }
transitions:
  - to: staging
    gates:
      - { id: price, metric: 'legacy.columns["price (USD), net"].drift_score', max: 0.5 }
      - { id: ratio, metric: legacy.columns.ratio.drift_score, max: 1 }
      - { id: drifted, metric: legacy.dataset_drift, equals: true }
      - { id: zero-column, metric: 'labels.columns["0"].drift_score', max: 0.6 }
      - { id: odd-column, metric: 'labels.columns["a,b=c"].drift_detected', equals: false }
      - { id: suite-checks, checks: ["Drift per Column (age)", "Share of Drifted Columns"], evidence: suite }
      - { id: suite-failed-tests, metric: suite.summary.failed_tests, max: 0 }
      - { id: late-tests, checks: ["Share of Drifted Columns: Less 0.5"], evidence: late }
      - { id: p95, metric: load.latency_p95_ms, max: 100 }
      - { id: p99, metric: load.latency_p99_ms, max: 300 }
      - { id: errors, metric: errors.value, max: 0.0123 }
`

describe('evaluate on a second set of files as the tools write them', () => {
  let second: ReturnType<typeof scratchDir>
  beforeEach(() => {
    second = scratchDir({
      'policy.yaml': SECOND_POLICY,
      'legacy.json': fixture('evidently-0.4-python-nan.json'),
      'labels.json': fixture('evidently-0.7-early-labels.json'),
      'suite.json': fixture('evidently-0.4-testsuite.json'),
      'late.json': fixture('evidently-0.7-late-testsuite.json'),
      'load.json': fixture('k6-machine-readable.json'),
      'errors.json': fixture('prometheus-matrix-unlabelled.json')
    })
  })
  afterEach(() => second.cleanup())

  it('loads every file; each gate decides on its own value, non-finite ones are errors', async () => {
    const { code, stdout, stderr } = await runCli([...args, '--format', 'json'], { cwd: second.dir })
    expect(stderr).toBe('')
    expect(code).toBe(1)
    const json = JSON.parse(stdout) as { gates: Array<{ id: string; status: string; message: string }> }
    expect(json.gates.map((g) => [g.id, g.status])).toEqual([
      ['price', 'pass'],
      ['ratio', 'error'],
      ['drifted', 'pass'],
      ['zero-column', 'pass'],
      ['odd-column', 'fail'],
      ['suite-checks', 'pass'],
      ['suite-failed-tests', 'fail'],
      ['late-tests', 'pass'],
      ['p95', 'pass'],
      ['p99', 'error'],
      ['errors', 'pass']
    ])
    const message = (id: string) => json.gates.find((g) => g.id === id)!.message
    expect(message('ratio')).toBe('legacy.columns.ratio.drift_score is -Infinity, not a finite number')
    expect(message('p99')).toMatch(/machine-readable summary/)
  })
})
