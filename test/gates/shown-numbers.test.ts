import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { evaluate } from '../../src/gates/evaluate.js'
import { evaluateMetricGate } from '../../src/gates/metric.js'
import { formatAgainst, referenceNumbers } from '../../src/gates/format.js'
import type { Bounds, MetricGate } from '../../src/policy/types.js'
import { observedText } from '../../src/records/observed.js'
import { renderGateTable } from '../../src/records/render-markdown.js'
import { renderDecisionText } from '../../src/records/render-text.js'
import { evidenceSet } from '../helpers/evidence.js'
import { policyWithGates } from '../helpers/policy.js'

/*
 * The numbers a gate shows must never contradict its verdict: a failing 1328221.4648791791 against
 * max 1328221 once read "1328220 > max 1328221". Every number shown is parsed back and re-judged.
 */
const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/i
const HOLDS: Record<keyof Bounds, (v: number, t: number) => boolean> = {
  min: (v, t) => v >= t,
  max: (v, t) => v <= t,
  above: (v, t) => v > t,
  below: (v, t) => v < t
}
const BREACH: Record<string, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '>': (a, b) => a > b,
  '<=': (a, b) => a <= b,
  '>=': (a, b) => a >= b
}

const gate = (bounds: Bounds, vs_baseline?: MetricGate['vs_baseline']): MetricGate => ({
  id: 'g',
  kind: 'metric',
  severity: 'block',
  optional: false,
  metric: 'r.v',
  bounds,
  ...(vs_baseline && { vs_baseline })
})

/** Values and thresholds that sit close together, where rounding to 6 digits used to lie. */
const close = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
  fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }),
  fc.constantFrom(1328221, 1641889529.123, 0.1, 0.30000000000000004, 1e-7, 0.999999999)
)
const valueAndBounds = close.chain((threshold) =>
  fc.tuple(
    fc.oneof(
      fc.constant(threshold),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.double({ min: -1e-6, max: 1e-6, noNaN: true }).map((eps) => threshold + threshold * eps),
      fc.double({ min: -1, max: 1, noNaN: true }).map((d) => threshold + d)
    ),
    fc.record(
      {
        min: fc.constant(threshold),
        max: fc.oneof(fc.constant(threshold), close),
        above: fc.constant(threshold),
        below: close
      },
      { requiredKeys: [] }
    )
  )
)

describe('numbers shown never contradict the verdict', () => {
  it('reasons and tables: whenever a gate fails the numbers shown fail it, and passes likewise (property)', () => {
    fc.assert(
      fc.property(valueAndBounds, ([value, bounds]) => {
        fc.pre(Number.isFinite(value) && Object.keys(bounds).length > 0)
        const outcome = evaluateMetricGate(gate(bounds), evidenceSet({ r: { v: value } }), {
          version: null,
          evidence: new Map()
        })
        const truth = (Object.keys(bounds) as Array<keyof Bounds>).every((key) =>
          HOLDS[key](value, bounds[key]!)
        )
        expect(outcome.status).toBe(truth ? 'pass' : 'fail')
        if (outcome.status === 'fail') {
          for (const violation of outcome.message.split('; ')) {
            const match = new RegExp(
              `^(${NUMBER.source}) (<=|>=|<|>) (min|max|above|below) (${NUMBER.source})$`,
              'i'
            ).exec(violation)
            expect(match).not.toBeNull()
            expect(BREACH[match![2]!]!(Number(match![1]), Number(match![4]))).toBe(true)
            expect(Number(match![4]) === bounds[match![3] as keyof Bounds]).toBe(true)
          }
        } else {
          const shown = Number(NUMBER.exec(outcome.message)![0])
          for (const key of Object.keys(bounds) as Array<keyof Bounds>)
            expect(HOLDS[key](shown, bounds[key]!)).toBe(true)
        }
        // The table cell, judged against the threshold text it stands next to.
        const cell = Number(observedText(outcome.observed, referenceNumbers(outcome.threshold)))
        for (const key of Object.keys(bounds) as Array<keyof Bounds>)
          expect(HOLDS[key](cell, bounds[key]!)).toBe(HOLDS[key](value, bounds[key]!))
        for (const part of outcome.threshold!.split(', ')) {
          const [key, text] = part.split(' ') as [keyof Bounds, string]
          expect(Number(text) === bounds[key]).toBe(true)
        }
      }),
      { numRuns: 3000 }
    )
  })

  it('changes against a baseline are shown on the same side of their limit (property)', () => {
    fc.assert(
      fc.property(
        close,
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -1e-3, max: 1e-3, noNaN: true }),
        (baseline, limit, wobble) => {
          const value = baseline + limit + wobble
          fc.pre(Number.isFinite(value))
          const outcome = evaluateMetricGate(
            gate({}, { min_delta: limit }),
            evidenceSet({ r: { v: value } }),
            { version: 'v1.0.0', evidence: evidenceSet({ r: { v: baseline } }) }
          )
          const delta = Number(/^[^:,]+[:,] ([-+]?[^ ]+) /.exec(outcome.message)![1])
          if (outcome.status === 'fail') expect(delta < limit).toBe(true)
          else expect(delta >= limit).toBe(true)
        }
      ),
      { numRuns: 2000 }
    )
  })

  it('every comparison with a baseline, absolute and relative, shows its change beyond its limit (property)', () => {
    const magnitude = fc.oneof(
      close,
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }),
      fc.constantFrom(1e-300, -1e-300, 5e-324, 1e300, -0.1, -1328221)
    )
    const comparison = fc.constantFrom('min_delta', 'max_delta', 'min_relative', 'max_relative')
    fc.assert(
      fc.property(
        magnitude,
        comparison,
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.oneof(fc.constant(0), fc.double({ min: -1e-6, max: 1e-6, noNaN: true })),
        (baseline, key, limit, wobble) => {
          const relative = key.endsWith('relative')
          fc.pre(!relative || baseline !== 0)
          const change = limit + wobble
          const value = relative ? baseline + change * Math.abs(baseline) : baseline + change
          fc.pre(Number.isFinite(value))
          const outcome = evaluateMetricGate(gate({}, { [key]: limit }), evidenceSet({ r: { v: value } }), {
            version: 'v1.0.0',
            evidence: evidenceSet({ r: { v: baseline } })
          })
          if (outcome.status !== 'fail') return
          const failure = new RegExp(
            `: (${NUMBER.source}) (relative )?vs baseline (${NUMBER.source}) (<|>) ${key} (${NUMBER.source})$`,
            'i'
          ).exec(outcome.message)
          expect(failure).not.toBeNull()
          expect(BREACH[failure![4]!]!(Number(failure![1]), Number(failure![5]))).toBe(true)
          expect(Number(failure![5]) === limit).toBe(true)
          // The observed value leads the message, in order with the baseline shown after it.
          const shownValue = Number(new RegExp(`^(${NUMBER.source}):`, 'i').exec(outcome.message)![1])
          const shownBaseline = Number(failure![3])
          expect(Math.sign(shownValue - shownBaseline)).toBe(Math.sign(value - baseline))
          // A reader who derives the change from the two numbers shown also sees it breach.
          const derived = Number(
            ((shownValue - shownBaseline) / (relative ? Math.abs(shownBaseline) : 1)).toPrecision(12)
          )
          expect(key.startsWith('min') ? derived < limit : derived > limit).toBe(true)
        }
      ),
      { numRuns: 3000 }
    )
  })

  it("shows the issue's examples in full where 6 digits would lie, in text and markdown", () => {
    const decision = evaluate({
      policy: policyWithGates(
        [
          '- { id: bytes, metric: r.bytes, max: 1328221 }',
          '- { id: stamp, metric: r.stamp, min: 1641889529.2 }',
          '- { id: loose, metric: r.loose, max: 2 }'
        ].join('\n')
      ),
      request: { model: 'm', version: 'v1.0.0', to: 'staging' },
      candidate: evidenceSet({ r: { bytes: 1328221.4648791791, stamp: 1641889529.123, loose: 1.23456789 } }),
      baseline: { version: null, evidence: new Map() }
    })
    expect(decision.reasons).toEqual([
      'bytes: 1328221.5 > max 1328221',
      'stamp: 1641889529 < min 1641889529.2'
    ])
    expect(decision.gates[2]!.message).toBe('1.23457 within max 2')
    const text = renderDecisionText(decision, { color: false })
    expect(text).toMatch(/bytes\s+fail\s+1328221\.5\s+max 1328221\s/)
    expect(text).toMatch(/stamp\s+fail\s+1641889529\s+min 1641889529\.2\s/)
    expect(renderGateTable(decision)).toContain('| 1328221.5 | max 1328221 |')
  })

  it('formatAgainst keeps 6 digits when they already tell the truth', () => {
    expect(formatAgainst(0.81234567, [0.8])).toBe('0.812346')
    expect(formatAgainst(0.8000001, [0.8])).toBe('0.8000001')
    expect(formatAgainst(0.1 + 0.2, [0.3])).toBe('0.30000000000000004')
    expect(formatAgainst(NaN, [1])).toBe('NaN')
  })
})
