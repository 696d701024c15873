import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { evaluate } from '../../src/gates/evaluate.js'
import type { GateResult } from '../../src/gates/types.js'
import { PolicyError } from '../../src/errors.js'
import { evidenceSet } from '../helpers/evidence.js'
import { policyWithGates } from '../helpers/policy.js'

const gateResult = (gateYaml: string, report: Record<string, unknown>): GateResult =>
  evaluate({
    policy: policyWithGates(gateYaml),
    request: { model: 'm', version: 'v2.0.0', to: 'staging' },
    candidate: evidenceSet({ r: report }),
    baseline: { version: null, evidence: evidenceSet({}) }
  }).gates[0]!

const refusal = (gateYaml: string): string => {
  try {
    policyWithGates(gateYaml)
  } catch (error) {
    if (error instanceof PolicyError) return error.message
    throw error
  }
  throw new Error('expected the policy to be refused')
}

describe('equals: exact booleans, strings and numbers', () => {
  it.each([
    ['equals: false', { v: false }, 'pass', 'false as required'],
    ['equals: false', { v: true }, 'fail', 'true is not false'],
    ['equals: true', { v: 'true' }, 'error', 'r.v is "true" (a string), expected a boolean'],
    ['equals: "gbm"', { v: 'gbm' }, 'pass', '"gbm" as required'],
    ['equals: "gbm"', { v: 'GBM' }, 'fail', '"GBM" is not "gbm"'],
    ['equals: "0"', { v: 0 }, 'error', 'r.v is 0 (a number), expected a string'],
    ['equals: 0', { v: '0' }, 'error', 'r.v is "0" (a string), expected a number'],
    ['equals: 0', { v: 0 }, 'pass', '0 as required'],
    ['equals: 0', { v: 1 }, 'fail', '1 is not 0'],
    ['equals: 0', { v: null }, 'error', 'r.v is null (null), expected a number'],
    ['equals: 0', { v: [0] }, 'error', 'r.v is a list (a list), expected a number'],
    ['equals: 0', { v: NaN }, 'error', 'r.v is NaN, not a finite number'],
    ['equals: true', {}, 'error', 'r.v is absent from r.json']
  ])('%s on %j is %s', (bound, report, status, message) => {
    const result = gateResult(`- { id: g, metric: r.v, ${bound} }`, report)
    expect([result.status, result.message]).toEqual([status, message])
    expect(result.threshold).toBe(`equals ${bound.slice('equals: '.length)}`)
  })

  it('records at most 200 characters of a string the report holds', () => {
    const result = gateResult('- { id: g, metric: r.v, equals: "gbm" }', { v: 'x'.repeat(100_000) })
    expect(result.status).toBe('fail')
    expect(result.observed).toBe(`${'x'.repeat(197)}...`)
    expect(result.message).toBe(`"${'x'.repeat(37)}..." is not "gbm"`)
  })

  it('a missing report is missing, so optional: true tolerates only that', () => {
    const result = evaluate({
      policy: policyWithGates('- { id: g, metric: other.v, equals: true, optional: true }'),
      request: { model: 'm', version: 'v2.0.0', to: 'staging' },
      candidate: evidenceSet({}),
      baseline: { version: null, evidence: evidenceSet({}) }
    })
    expect([result.gates[0]!.status, result.gates[0]!.blocking]).toEqual(['missing', false])
  })

  it('stands alone and is refused outside metric gates', () => {
    expect(refusal('- { id: g, metric: r.v, equals: true, max: 1 }')).toMatch(/equals stands alone/)
    expect(refusal('- { id: g, metric: r.v, equals: 1, vs_baseline: { min_delta: 0 } }')).toMatch(
      /equals stands alone/
    )
    expect(refusal('- { id: g, checks: [a], equals: true }')).toMatch(/equals belongs to metric gates/)
    expect(refusal('- { id: g, metric: r.v, equals: [1] }')).toMatch(/got a list/)
  })

  it('passes only for the identical value of the same type (property)', () => {
    const scalar = fc.oneof(
      fc.boolean(),
      fc.string({ maxLength: 8 }),
      fc.double({ noNaN: true, noDefaultInfinity: true })
    )
    fc.assert(
      fc.property(scalar, fc.oneof(scalar, fc.constant(null), fc.constant(NaN)), (expected, observed) => {
        const result = gateResult(`- { id: g, metric: r.v, equals: ${JSON.stringify(expected)} }`, {
          v: observed
        })
        const same = typeof observed === typeof expected && observed === expected
        expect(result.status === 'pass').toBe(same)
        if (!same && (typeof observed !== typeof expected || observed === null || Number.isNaN(observed)))
          expect(result.status).toBe('error')
      }),
      { numRuns: 400 }
    )
  })
})
