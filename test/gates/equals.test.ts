import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { evaluate } from '../../src/gates/evaluate.js'
import type { GateResult } from '../../src/gates/types.js'
import { PolicyError } from '../../src/errors.js'
import { formatExact } from '../../src/gates/format.js'
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

describe('equals on numbers: the numbers shown agree with the verdict', () => {
  it('a failing equality never shows the observed number as the expected one (property)', () => {
    const near = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0.3, 1328221.46, -1e-300, 1e300, 1641889529.123, -0.1)
    )
    fc.assert(
      fc.property(
        near,
        fc.oneof(
          fc.constant(0),
          fc.integer({ min: -3, max: 3 }),
          fc.double({ min: -1e-9, max: 1e-9, noNaN: true })
        ),
        (expected, nudge) => {
          // Neighbouring doubles (a few ulps away) and close decimals.
          const observed = Number.isInteger(nudge)
            ? nextDoubles(expected, nudge)
            : expected + expected * nudge
          fc.pre(Number.isFinite(observed))
          const result = gateResult(`- { id: g, metric: r.v, equals: ${formatExact(expected)} }`, {
            v: observed
          })
          const shown = Number(/^(\S+) (?:is not|as required)/.exec(result.message)![1])
          expect(result.status).toBe(observed === expected ? 'pass' : 'fail')
          expect(shown === expected).toBe(observed === expected)
        }
      ),
      { numRuns: 2000 }
    )
  })

  it("shows the issue's kind of example in full", () => {
    expect(gateResult('- { id: g, metric: r.v, equals: 0.3 }', { v: 0.1 + 0.2 }).message).toBe(
      '0.30000000000000004 is not 0.3'
    )
    expect(gateResult('- { id: g, metric: r.v, equals: 1328221.46 }', { v: 1328221.46 }).message).toBe(
      '1328221.46 as required'
    )
  })
})

/** The double `steps` representable values away from `value` (negative steps go down). */
function nextDoubles(value: number, steps: number): number {
  const view = new DataView(new ArrayBuffer(8))
  let current = value
  for (let i = 0; i < Math.abs(steps); i++) {
    if (current === 0) current = (steps > 0 ? 1 : -1) * Number.MIN_VALUE
    else {
      view.setFloat64(0, current)
      const bits = view.getBigUint64(0)
      const away = steps > 0 === current > 0
      view.setBigUint64(0, away ? bits + 1n : bits - 1n)
      current = view.getFloat64(0)
    }
  }
  return current
}
