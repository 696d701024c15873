import { describe, expect, it } from '@jest/globals'
import { loadEvidence } from '../../src/evidence/load.js'
import { LocalEvidenceSource } from '../../src/evidence/local-source.js'
import type { EvidenceFormat } from '../../src/policy/types.js'
import { evaluate } from '../../src/gates/evaluate.js'
import { policyWithGates } from '../helpers/policy.js'

/*
 * A gate on a path the file does not have says why when the file's kind explains it, and a legacy
 * TestSuite's own summary keys are gateable as the file shows them. Fixtures: a legacy (0.4)
 * TestSuite as `suite.json()` writes it (its summary counts WARNING as success), a 0.7 Report
 * with tests and full `config` objects, a Prometheus answer that matched nothing.
 */
const source = new LocalEvidenceSource('test/fixtures/evidence')

async function gate(line: string, path: string, format: EvidenceFormat = 'evidently') {
  const report = await loadEvidence('e', { format, path }, source)
  return evaluate({
    policy: policyWithGates(line),
    request: { model: 'm', version: 'v1.0.0', to: 'staging' },
    candidate: new Map([['e', report]]),
    baseline: { version: null, evidence: new Map() }
  }).gates[0]!
}

describe('a legacy TestSuite: its own summary keys next to modelgate counts', () => {
  it('summary.failed_tests and summary.all_passed read as the file writes them', async () => {
    const failedTests = await gate(
      '- { id: g, metric: e.summary.failed_tests, max: 0 }',
      'evidently-0.4-testsuite.json'
    )
    expect([failedTests.status, failedTests.message]).toEqual(['fail', '1 > max 0'])
    const allPassed = await gate(
      '- { id: g, metric: e.summary.all_passed, equals: true }',
      'evidently-0.4-testsuite.json'
    )
    expect(allPassed.status).toBe('fail')
    // The file's success_tests counts WARNING as success (3); modelgate's success does not (2).
    const own = await gate(
      '- { id: g, metric: e.summary.success_tests, min: 3 }',
      'evidently-0.4-testsuite.json'
    )
    const counted = await gate(
      '- { id: g, metric: e.summary.success, min: 3 }',
      'evidently-0.4-testsuite.json'
    )
    expect([own.status, counted.status, counted.message]).toEqual(['pass', 'fail', '2 < min 3'])
  })

  it('a key the file shares with modelgate counts keeps the count', async () => {
    const { readEvidently } = await import('../../src/evidence/readers/evidently.js')
    const data = (await readEvidently({
      name: 'e',
      spec: { format: 'evidently', path: 'x.json' },
      primary: {
        display: 'x.json',
        bytes: Buffer.from(
          JSON.stringify({
            tests: [{ name: 'a', status: 'FAIL' }],
            summary: { failed: 0, total_tests: 1 }
          })
        )
      }
    } as never)) as { summary: Record<string, unknown> }
    expect(data.summary).toMatchObject({ failed: 1, total_tests: 1 })
  })
})

describe('absent paths explained by what the file is', () => {
  it('drift figures asked of a test suite without drift metrics', async () => {
    const g = await gate(
      '- { id: g, metric: e.share_of_drifted_columns, max: 0.3 }',
      'evidently-0.4-testsuite.json'
    )
    expect(g.status).toBe('error')
    expect(g.message).toMatch(
      /absent from evidently-0\.4-testsuite\.json: this file is an Evidently test suite without drift metrics: a checks gate/
    )
  })

  it('test counts asked of a report without tests', async () => {
    const g = await gate('- { id: g, metric: e.summary.failed, max: 0 }', 'evidently-0.7-early.json')
    expect(g.message).toMatch(/this file is an Evidently report without tests/)
  })

  it('a column the report lacks names the columns it has', async () => {
    const g = await gate(
      '- { id: g, metric: e.columns.agee.drift_score, min: 0.05 }',
      'evidently-0.4-python-nan.json'
    )
    expect(g.message).toBe(
      'e.columns.agee.drift_score is absent from evidently-0.4-python-nan.json: the report has columns "price (USD), net", "is_active", "ratio", "age"'
    )
  })

  it('a 0.7 report with tests reads them; a per-column test carries its column', async () => {
    const g = await gate(
      '- { id: g, checks: ["Share of Drifted Columns: Less 0.5", "Missing value count: Equal 0 (price (USD), net)"], evidence: e }',
      'evidently-0.7-late-testsuite.json'
    )
    expect([g.status, g.message]).toEqual(['fail', 'Missing value count: Equal 0 (price (USD), net): FAIL'])
  })

  it('a Prometheus answer that matched nothing, and a series asked by the wrong name', async () => {
    const empty = await gate('- { id: g, metric: e.value, max: 0.01 }', 'prometheus-empty.json', 'prometheus')
    expect(empty.message).toBe(
      'e.value is absent from prometheus-empty.json: the file holds no series (the query matched nothing)'
    )
    const wrong = await gate(
      '- { id: g, metric: e.error_rate, max: 0.01 }',
      'prometheus-matrix-unlabelled.json',
      'prometheus'
    )
    expect(wrong.message).toBe(
      'e.error_rate is absent from prometheus-matrix-unlabelled.json: its series is "value"'
    )
  })
})
