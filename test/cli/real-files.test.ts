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
