import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { evaluate } from '../../src/gates/evaluate.js'
import type { EvaluationInput } from '../../src/gates/types.js'
import type { Bounds, MetricGate } from '../../src/policy/types.js'
import { evidenceSet } from '../helpers/evidence.js'
import { policyWithGates } from '../helpers/policy.js'

const GOOD_LINEAGE = {
  model_digest: `sha256:${'a'.repeat(64)}`,
  data_snapshot: 's3://bucket/snap',
  code_commit: 'b'.repeat(40),
  environment_lock: `sha256:${'c'.repeat(64)}`
}
const SCHEMA = { features: [{ name: 'a', type: 'number', required: true }] }

/** One gate of each kind, reading evidence `e` (metric, schema, lineage) or `checks`. */
const KINDS = {
  metric: { yaml: 'metric: e.v, max: 1', evidence: 'e', good: { v: 0.5 } },
  vs_baseline: { yaml: 'metric: e.v, vs_baseline: { min_delta: -1 }', evidence: 'e', good: { v: 0.5 } },
  schema_compatible: { yaml: 'schema_compatible: { evidence: e }', evidence: 'e', good: SCHEMA },
  checks: { yaml: 'checks: [unit]', evidence: 'checks', good: { unit: 'success' } },
  lineage: { yaml: 'lineage: [model_digest, code_commit], evidence: e', evidence: 'e', good: GOOD_LINEAGE }
} as const
type Kind = keyof typeof KINDS

function decide(
  kind: Kind,
  extra: string,
  candidate: Record<string, unknown>,
  baselineVersion: string | null = 'v1.0.0'
) {
  const spec = KINDS[kind]
  const input: EvaluationInput = {
    policy: policyWithGates(`- { id: g, ${spec.yaml}${extra} }`),
    request: { model: 'm', version: 'v2.0.0', to: 'staging' },
    candidate: evidenceSet(candidate),
    baseline: {
      version: baselineVersion,
      evidence: evidenceSet({ e: kind === 'schema_compatible' ? SCHEMA : { v: 0.5 } })
    }
  }
  return evaluate(input)
}
const kinds = fc.constantFrom(...(Object.keys(KINDS) as Kind[]))

describe('every gate kind, fail closed', () => {
  it('passes with good evidence (the baseline these properties break)', () => {
    for (const kind of Object.keys(KINDS) as Kind[]) {
      const spec = KINDS[kind]
      expect([kind, decide(kind, '', { [spec.evidence]: spec.good }).decision]).toEqual([kind, 'promote'])
    }
  })

  it('absent evidence is `missing` and blocks; optional tolerates it; warn reports it', () => {
    fc.assert(
      fc.property(kinds, fc.constantFrom('', ', optional: true', ', severity: warn'), (kind, extra) => {
        const decision = decide(kind, extra, {})
        const gate = decision.gates[0]!
        expect(gate.status).toBe(extra === ', severity: warn' ? 'warn' : 'missing')
        expect(decision.decision).toBe(extra === '' ? 'block' : 'promote')
        expect(decision.reasons).toHaveLength(1)
      })
    )
  })

  it('present but unusable evidence never passes and still blocks an optional gate', () => {
    const unusable = fc.oneof(
      fc.constant(null),
      fc.constant(Number.NaN),
      fc.constant(Number.POSITIVE_INFINITY),
      fc.constant(Number.NEGATIVE_INFINITY),
      fc.string(),
      fc.boolean(),
      fc.array(fc.integer(), { maxLength: 2 }),
      fc.constant({})
    )
    fc.assert(
      fc.property(kinds, unusable, fc.boolean(), (kind, value, whole) => {
        const spec = KINDS[kind]
        // Either the whole report is garbage, or the field the gate reads is.
        const field =
          kind === 'checks'
            ? 'unit'
            : kind === 'lineage'
              ? 'model_digest'
              : kind === 'schema_compatible'
                ? 'features'
                : 'v'
        const report = whole ? value : { ...spec.good, [field]: value }
        const decision = decide(kind, ', optional: true', { [spec.evidence]: report })
        expect(decision.gates[0]!.status).not.toBe('pass')
        expect(decision.gates[0]!.status).not.toBe('missing')
        expect(decision.decision).toBe('block')
      }),
      { numRuns: 500 }
    )
  })

  it('a warn gate never blocks, whatever it finds', () => {
    fc.assert(
      fc.property(kinds, fc.anything(), (kind, value) => {
        const decision = decide(kind, ', severity: warn', { [KINDS[kind].evidence]: value })
        expect(decision.gates[0]!.blocking).toBe(false)
        expect(decision.decision).toBe('promote')
        expect(['pass', 'warn', 'skipped']).toContain(decision.gates[0]!.status)
      }),
      { numRuns: 300 }
    )
  })

  it('numeric strings are not coerced: "0.5" is an error, not 0.5', () => {
    const gate = decide('metric', '', { e: { v: '0.5' } }).gates[0]!
    expect(gate).toMatchObject({
      status: 'error',
      message: 'e.v is a string of 3 characters, not a finite number'
    })
  })
})

describe('reasons', () => {
  it('a missing or unusable value names what the gate needed; a failure names it already', () => {
    expect(decide('metric', '', {}).reasons).toEqual(['g: evidence "e" was not provided; needs max 1'])
    expect(decide('metric', ', severity: warn', { e: { v: null } }).reasons).toEqual([
      '(warning) g: e.v is null, not a finite number; needs max 1'
    ])
    expect(decide('metric', ', optional: true', {}).reasons).toEqual([
      '(optional) g: evidence "e" was not provided; needs max 1'
    ])
    expect(decide('metric', '', { e: { v: 2 } }).reasons).toEqual(['g: 2 > max 1'])
    expect(decide('checks', '', {}).reasons).toEqual([
      'g: no check results were provided (evidence "checks"); needs success: unit'
    ])
  })
})

describe('bounds agree with their definition (property)', () => {
  it('min/max inclusive, above/below exclusive, all must hold', () => {
    const bound = fc.option(fc.integer({ min: -5, max: 5 }), { nil: undefined })
    fc.assert(
      fc.property(
        fc.integer({ min: -6, max: 6 }),
        bound,
        bound,
        bound,
        bound,
        (v, min, max, above, below) => {
          const bounds = Object.fromEntries(
            Object.entries({ min, max, above, below }).filter(([, t]) => t !== undefined)
          ) as Bounds
          const violated = Object.keys(bounds).length
          const expected =
            (min === undefined || v >= min) &&
            (max === undefined || v <= max) &&
            (above === undefined || v > above) &&
            (below === undefined || v < below)
          // Set the bounds on the normalised gate: the policy loader refuses unsatisfiable ones,
          // but the engine must still be right about them.
          const policy = policyWithGates('- { id: g, metric: r.v, max: 0 }')
          ;(policy.transitions[0]!.gates[0] as MetricGate).bounds = bounds
          const input: EvaluationInput = {
            policy,
            request: { model: 'm', version: 'v2.0.0', to: 'staging' },
            candidate: evidenceSet({ r: { v } }),
            baseline: { version: null, evidence: new Map() }
          }
          const gate = evaluate(input).gates[0]!
          expect(gate.status).toBe(violated === 0 || expected ? 'pass' : 'fail')
        }
      ),
      { numRuns: 500 }
    )
  })
})

describe('vs_baseline agrees with its definition (property)', () => {
  it('delta = candidate - baseline, relative = delta / |baseline|', () => {
    const hundredths = fc.integer({ min: -300, max: 300 }).map((n) => n / 100)
    fc.assert(
      fc.property(
        hundredths,
        hundredths,
        fc.integer({ min: -50, max: 50 }),
        fc.boolean(),
        (candidate, baseline, limit, relative) => {
          if (relative && baseline === 0) return
          const rule = relative ? `min_relative: ${limit / 100}` : `min_delta: ${limit / 100}`
          const input: EvaluationInput = {
            policy: policyWithGates(`- { id: g, metric: r.v, vs_baseline: { ${rule} } }`),
            request: { model: 'm', version: 'v2.0.0', to: 'staging' },
            candidate: evidenceSet({ r: { v: candidate } }),
            baseline: { version: 'v1.0.0', evidence: evidenceSet({ r: { v: baseline } }) }
          }
          const change = relative ? (candidate - baseline) / Math.abs(baseline) : candidate - baseline
          // Decide at 1e-9 so the oracle is not itself fooled by float noise.
          if (Math.abs(change - limit / 100) < 1e-9) return
          const gate = evaluate(input).gates[0]!
          expect(gate.status).toBe(change >= limit / 100 ? 'pass' : 'fail')
          expect(gate.baseline).toBe(baseline)
        }
      ),
      { numRuns: 500 }
    )
  })
})

describe('checks evidence', () => {
  it('a checks report that is not a name -> conclusion object is an error, even for an optional gate', () => {
    const gate = decide('checks', ', optional: true', { checks: ['unit', 'success'] }).gates[0]!
    expect(gate).toMatchObject({ status: 'error', blocking: true })
    expect(gate.message).toBe(
      'checks.json: expected an object of check name -> conclusion, got a list of 2 items'
    )
  })

  it('a conclusion that is not a string names what it found', () => {
    const gate = decide('checks', '', { checks: { unit: true } }).gates[0]!
    expect(gate).toMatchObject({ status: 'fail', message: 'unit: unusable (a boolean)' })
  })

  it.each(['neutral', 'skipped', 'cancelled', 'timed_out', 'action_required', 'stale', 'pending', 'failure'])(
    'conclusion %s blocks (only success passes)',
    (conclusion) => {
      expect(decide('checks', '', { checks: { unit: conclusion } }).decision).toBe('block')
    }
  )

  it('accepts GitHub-style objects with conclusion or state, case-insensitively', () => {
    expect(decide('checks', '', { checks: { unit: { conclusion: 'SUCCESS' } } }).decision).toBe('promote')
    expect(decide('checks', '', { checks: { unit: { state: 'success' } } }).decision).toBe('promote')
  })
})

describe('decision', () => {
  it('promotes iff every blocking gate passed or was skipped and approvals hold; carries the plan', () => {
    const policy = policyWithGates(
      '- { id: a, metric: r.v, max: 1 }\n- { id: b, metric: r.v, vs_baseline: { min_delta: 0 } }\n- { id: c, metric: r.w, max: 0, severity: warn }',
      '    approvals: { required: 1, environments: [prod] }\n    rollout: { strategy: canary, steps: [{ weight: 10, hold: 5m }, { weight: 100 }] }\n'
    )
    const base: EvaluationInput = {
      policy,
      request: { model: 'm', version: 'v2.0.0', to: 'staging' },
      candidate: evidenceSet({ r: { v: 0.5, w: 3 } }),
      baseline: { version: null, evidence: new Map() },
      approvals: {
        reviews: [{ state: 'approved', environments: [{ name: 'prod' }], user: { login: 'ana' } }]
      }
    }
    const promoted = evaluate(base)
    expect(promoted.decision).toBe('promote')
    expect(promoted.gates.map((g) => g.status)).toEqual(['pass', 'skipped', 'warn'])
    expect(promoted.reasons).toEqual(['(warning) c: 3 > max 0'])
    expect(promoted.rollout).toMatchObject({
      strategy: 'canary',
      steps: [{ weight: 10, hold: '5m' }, { weight: 100 }]
    })
    const unapproved = evaluate({ ...base, approvals: { reviews: [] } })
    expect(unapproved.decision).toBe('block')
    expect(unapproved.reasons.at(-1)).toMatch(/^approvals: 0 of 1 required approvals/)
  })

  it('names the transition it evaluated, with from filled in from the stage order', () => {
    const decision = evaluate({
      policy: policyWithGates('- { id: a, metric: r.v, max: 1 }'),
      request: { model: 'm', version: 'v2.0.0', to: 'staging' },
      candidate: evidenceSet({ r: { v: 0 } }),
      baseline: { version: null, evidence: new Map() }
    })
    expect(decision).toMatchObject({ model: 'm', version: 'v2.0.0', from: 'dev', to: 'staging' })
  })
})
