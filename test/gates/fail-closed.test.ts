import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { evaluate } from '../../src/gates/evaluate.js'
import type { EvaluationInput } from '../../src/gates/types.js'
import { evidenceSet } from '../helpers/evidence.js'
import { policyWithGates } from '../helpers/policy.js'

/** Anything that is not a finite number: the values a metric must never pass with. */
const garbage = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(Number.NaN),
  fc.constant(Number.POSITIVE_INFINITY),
  fc.constant(Number.NEGATIVE_INFINITY),
  fc.string(),
  fc.constantFrom('0.9', '1', '', 'NaN', 'true'),
  fc.boolean(),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.anything(), { maxKeys: 3 })
)

function run(
  gateYaml: string,
  candidate: Record<string, unknown>,
  baseline: Record<string, unknown> = {},
  checks?: Record<string, string>
) {
  const input: EvaluationInput = {
    policy: policyWithGates(gateYaml),
    request: { model: 'm', version: 'v2.0.0', to: 'staging' },
    candidate: evidenceSet(candidate),
    baseline: { version: 'v1.0.0', evidence: evidenceSet(baseline) },
    ...(checks && { checks })
  }
  return evaluate(input)
}

const NO_PASS = (status: string): boolean => status !== 'pass'

describe('fail closed, for every gate kind', () => {
  it('metric bounds: garbage values and absent evidence never pass and always block', () => {
    fc.assert(
      fc.property(
        garbage,
        fc.constantFrom('min: 0', 'max: 100', 'above: -1e9', 'below: 1e9', 'min: -1e300, max: 1e300'),
        (value, bounds) => {
          const decision = run(
            `- { id: g, metric: r.v, ${bounds} }`,
            value === undefined ? {} : { r: { v: value } }
          )
          expect(NO_PASS(decision.gates[0]!.status)).toBe(true)
          expect(decision.decision).toBe('block')
        }
      ),
      { numRuns: 600 }
    )
  })

  it('vs_baseline: garbage in the candidate or the baseline never passes', () => {
    fc.assert(
      fc.property(garbage, fc.boolean(), (value, inBaseline) => {
        const gate = '- { id: g, metric: r.v, vs_baseline: { min_delta: -1e9, max_delta: 1e9 } }'
        const decision = inBaseline
          ? run(gate, { r: { v: 1 } }, { r: { v: value } })
          : run(gate, { r: { v: value } }, { r: { v: 1 } })
        expect(NO_PASS(decision.gates[0]!.status)).toBe(true)
        expect(decision.decision).toBe('block')
      }),
      { numRuns: 400 }
    )
  })

  it('schema_compatible: garbage schemas never pass', () => {
    fc.assert(
      fc.property(garbage, fc.boolean(), (value, inBaseline) => {
        const good = { features: [{ name: 'a', type: 'number', required: true }] }
        const decision = inBaseline
          ? run('- { id: g, schema_compatible: { evidence: schema } }', { schema: good }, { schema: value })
          : run('- { id: g, schema_compatible: { evidence: schema } }', { schema: value }, { schema: good })
        expect(NO_PASS(decision.gates[0]!.status)).toBe(true)
      }),
      { numRuns: 400 }
    )
  })

  it('checks: garbage conclusions never pass', () => {
    fc.assert(
      fc.property(garbage, (value) => {
        const decision = run('- { id: g, checks: [unit-tests] }', { checks: { 'unit-tests': value } })
        expect(NO_PASS(decision.gates[0]!.status)).toBe(true)
      }),
      { numRuns: 300 }
    )
  })

  it('lineage: garbage fields never pass', () => {
    fc.assert(
      fc.property(
        garbage,
        fc.constantFrom('model_digest', 'data_snapshot', 'code_commit', 'environment_lock'),
        (value, field) => {
          const lineage: Record<string, unknown> = {
            model_digest: `sha256:${'a'.repeat(64)}`,
            data_snapshot: 's3://bucket/snap',
            code_commit: 'b'.repeat(40),
            environment_lock: `sha256:${'c'.repeat(64)}`
          }
          if (typeof value === 'string' && value.length > 0 && !/\s/.test(value) && field === 'data_snapshot')
            return
          lineage[field] = value
          const decision = run(`- { id: g, lineage: [${field}] }`, { lineage })
          expect(NO_PASS(decision.gates[0]!.status)).toBe(true)
        }
      ),
      { numRuns: 400 }
    )
  })
})
