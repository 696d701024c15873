import { describe, expect, it } from '@jest/globals'
import { evaluate } from '../../src/gates/evaluate.js'
import type { EvaluationInput, GateResult } from '../../src/gates/types.js'
import { evidenceSet } from '../helpers/evidence.js'
import { policyWithGates } from '../helpers/policy.js'

function gateResult(
  gateYaml: string,
  candidate: Record<string, unknown>,
  baseline?: { version: string | null; reports?: Record<string, unknown> }
): GateResult {
  const input: EvaluationInput = {
    policy: policyWithGates(gateYaml),
    request: { model: 'm', version: 'v2.0.0', to: 'staging' },
    candidate: evidenceSet(candidate),
    baseline: { version: baseline?.version ?? null, evidence: evidenceSet(baseline?.reports ?? {}) }
  }
  return evaluate(input).gates[0]!
}

describe('bounds', () => {
  it.each([
    ['max: 80', 80, 'pass'],
    ['max: 80', 80.0001, 'fail'],
    ['min: 0.8', 0.8, 'pass'],
    ['min: 0.8', 0.7999, 'fail'],
    ['below: 0.2', 0.2, 'fail'],
    ['below: 0.2', 0.1999, 'pass'],
    ['above: 0.5', 0.5, 'fail'],
    ['above: 0.5', 0.5001, 'pass'],
    ['min: 1, max: 2', 1.5, 'pass'],
    ['min: 1, max: 2', 2.5, 'fail'],
    ['above: -0.5, below: 0.5', -0.5, 'fail']
  ])('{ %s } with %p is %s (min/max inclusive, above/below exclusive)', (bounds, value, status) => {
    expect(gateResult(`- { id: g, metric: r.v, ${bounds} }`, { r: { v: value } }).status).toBe(status)
  })

  it('names observed value and threshold in the reason', () => {
    const result = gateResult('- { id: latency-p95, metric: online.latency_p95_ms, max: 80 }', {
      online: { latency_p95_ms: 95 }
    })
    expect(result).toMatchObject({
      status: 'fail',
      observed: 95,
      threshold: 'max 80',
      message: '95 > max 80',
      blocking: true
    })
  })

  it('reports every violated bound', () => {
    const result = gateResult('- { id: g, metric: r.v, max: 1, below: 0.5 }', { r: { v: 2 } })
    expect(result.message).toBe('2 > max 1; 2 >= below 0.5')
  })

  it('resolves dotted paths with array indices and quoted keys', () => {
    expect(
      gateResult('- { id: g, metric: "r.runs[1].auc", min: 0.9 }', {
        r: { runs: [{ auc: 0.1 }, { auc: 0.95 }] }
      }).status
    ).toBe('pass')
    expect(gateResult('- { id: g, metric: \'r["a.b"].c\', min: 1 }', { r: { 'a.b': { c: 1 } } }).status).toBe(
      'pass'
    )
  })
})

describe('vs_baseline', () => {
  const rule = '- { id: auc-vs-baseline, metric: offline.auc, vs_baseline: { min_delta: 0.02 } }'

  it('passes +0.03 against a +0.02 rule and blocks +0.01', () => {
    expect(
      gateResult(rule, { offline: { auc: 0.88 } }, { version: 'v1.0.0', reports: { offline: { auc: 0.85 } } })
        .status
    ).toBe('pass')
    const blocked = gateResult(
      rule,
      { offline: { auc: 0.86 } },
      { version: 'v1.0.0', reports: { offline: { auc: 0.85 } } }
    )
    expect(blocked).toMatchObject({ status: 'fail', baseline: 0.85 })
    expect(blocked.message).toBe('0.86: +0.01 vs baseline 0.85 < min_delta +0.02')
  })

  it('treats exactly +0.02 as meeting min_delta +0.02 despite float noise', () => {
    expect(
      gateResult(rule, { offline: { auc: 0.87 } }, { version: 'v1.0.0', reports: { offline: { auc: 0.85 } } })
        .status
    ).toBe('pass')
  })

  it('is skipped, and says so, when no model is in the baseline stage', () => {
    const result = gateResult(rule, { offline: { auc: 0.88 } }, { version: null })
    expect(result.status).toBe('skipped')
    expect(result.blocking).toBe(false)
    expect(result.message).toMatch(/no model is in the baseline stage/)
  })

  it('fails closed when the baseline exists but its value cannot be read', () => {
    const result = gateResult(rule, { offline: { auc: 0.88 } }, { version: 'v1.0.0', reports: {} })
    expect(result).toMatchObject({ status: 'error', blocking: true })
    // Neither its records (none here) nor its evidence: the message says exactly what to give.
    expect(result.message).toBe(
      'baseline v1.0.0 has no promotion record that observed offline.auc; give its evidence with --baseline-evidence offline=FILE (action input baseline-evidence)'
    )
  })

  it('supports max_delta, min_relative and max_relative (lower-is-better metrics)', () => {
    const baseline = { version: 'v1.0.0', reports: { offline: { rmse: 10 } } }
    expect(
      gateResult(
        '- { id: g, metric: offline.rmse, vs_baseline: { max_relative: 0.02 } }',
        { offline: { rmse: 10.2 } },
        baseline
      ).status
    ).toBe('pass')
    expect(
      gateResult(
        '- { id: g, metric: offline.rmse, vs_baseline: { max_relative: 0.02 } }',
        { offline: { rmse: 10.3 } },
        baseline
      ).status
    ).toBe('fail')
    expect(
      gateResult(
        '- { id: g, metric: offline.rmse, vs_baseline: { max_delta: -0.5 } }',
        { offline: { rmse: 9.4 } },
        baseline
      ).status
    ).toBe('pass')
    expect(
      gateResult(
        '- { id: g, metric: offline.rmse, vs_baseline: { min_relative: -0.1 } }',
        { offline: { rmse: 8.9 } },
        baseline
      ).status
    ).toBe('fail')
  })

  it('reads the baseline from the candidate evidence with vs_baseline.metric', () => {
    const gate =
      '- { id: g, metric: offline.auc, vs_baseline: { min_delta: 0.01, metric: offline.prod_auc } }'
    expect(gateResult(gate, { offline: { auc: 0.9, prod_auc: 0.85 } }, { version: null }).status).toBe('pass')
    expect(gateResult(gate, { offline: { auc: 0.9 } }, { version: null }).status).toBe('error')
  })

  it('refuses a relative change against a zero baseline', () => {
    const result = gateResult(
      '- { id: g, metric: r.v, vs_baseline: { max_relative: 0.1 } }',
      { r: { v: 1 } },
      { version: 'v1.0.0', reports: { r: { v: 0 } } }
    )
    expect(result.status).toBe('error')
  })

  it('checks bounds and the baseline together', () => {
    const gate = '- { id: g, metric: offline.auc, min: 0.9, vs_baseline: { min_delta: 0 } }'
    expect(
      gateResult(gate, { offline: { auc: 0.89 } }, { version: 'v1.0.0', reports: { offline: { auc: 0.5 } } })
        .status
    ).toBe('fail')
  })
})

describe('severity and optional', () => {
  it('a warn gate reports its failure as warn and never blocks', () => {
    const result = gateResult('- { id: g, metric: r.v, max: 1, severity: warn }', { r: { v: 5 } })
    expect(result).toMatchObject({ status: 'warn', blocking: false })
  })

  it('an optional gate tolerates absent evidence but not a failing value', () => {
    expect(gateResult('- { id: g, metric: r.v, max: 1, optional: true }', {})).toMatchObject({
      status: 'missing',
      blocking: false
    })
    expect(gateResult('- { id: g, metric: r.v, max: 1, optional: true }', { r: { v: 5 } })).toMatchObject({
      status: 'fail',
      blocking: true
    })
  })
})
