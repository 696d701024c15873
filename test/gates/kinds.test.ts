import { describe, expect, it } from '@jest/globals'
import { evaluate } from '../../src/gates/evaluate.js'
import type { EvaluationInput } from '../../src/gates/types.js'
import { evidenceSet } from '../helpers/evidence.js'
import { policyWithGates } from '../helpers/policy.js'

const feature = (name: string, type: string, required = true) => ({ name, type, required })
const BASE_SCHEMA = {
  features: [feature('tenure', 'integer'), feature('charges', 'number'), feature('contract', 'string')]
}
const DIGEST = `sha256:${'9f'.repeat(32)}`
const LINEAGE = {
  model_digest: DIGEST,
  data_snapshot: 's3://ml-data/churn/train-2024-09-01',
  code_commit: '1234abcd5678ef901234abcd5678ef901234abcd',
  environment_lock: `sha256:${'0d'.repeat(32)}`
}

function run(
  gateYaml: string,
  candidate: Record<string, unknown>,
  options: Partial<EvaluationInput> & {
    baselineReports?: Record<string, unknown>
    baselineVersion?: string | null
  } = {}
) {
  return evaluate({
    policy: policyWithGates(gateYaml),
    request: { model: 'm', version: 'v2.0.0', to: 'staging' },
    candidate: evidenceSet(candidate),
    baseline: {
      version: options.baselineVersion === undefined ? 'v1.0.0' : options.baselineVersion,
      evidence: evidenceSet(options.baselineReports ?? { schema: BASE_SCHEMA })
    },
    ...(options.checks && { checks: options.checks }),
    ...(options.modelDigest && { modelDigest: options.modelDigest })
  }).gates[0]!
}

describe('schema_compatible', () => {
  const gate = '- { id: schema, schema_compatible: { evidence: schema } }'
  it('passes an added optional feature', () => {
    const result = run(gate, {
      schema: { features: [...BASE_SCHEMA.features, feature('tickets', 'integer', false)] }
    })
    expect(result).toMatchObject({ status: 'pass', message: 'compatible; added optional "tickets"' })
  })
  it('fails a removed feature, a changed type and an added required feature, naming each', () => {
    const result = run(gate, {
      schema: {
        features: [feature('tenure', 'number'), feature('charges', 'number'), feature('region', 'string')]
      }
    })
    expect(result.status).toBe('fail')
    expect(result.message).toBe(
      'incompatible: feature "tenure" changed type integer -> number; removed feature "contract"; added required feature "region"'
    )
  })
  it('is skipped with no baseline model, and an error when the baseline schema is absent', () => {
    expect(run(gate, { schema: BASE_SCHEMA }, { baselineVersion: null }).status).toBe('skipped')
    expect(run(gate, { schema: BASE_SCHEMA }, { baselineReports: {} }).status).toBe('error')
  })
  it('is missing when the candidate schema is absent', () => {
    expect(run(gate, {}).status).toBe('missing')
  })
})

describe('checks', () => {
  const gate = '- { id: tests, checks: [unit-tests, integration-tests] }'
  it('passes when every named check succeeded (evidence checks)', () => {
    expect(
      run(gate, { checks: { 'unit-tests': 'success', 'integration-tests': { conclusion: 'success' } } })
        .status
    ).toBe('pass')
  })
  it('blocks a failed, neutral or absent check, naming it', () => {
    const result = run(gate, { checks: { 'unit-tests': 'failure', other: 'success' } })
    expect(result).toMatchObject({
      status: 'fail',
      message: 'unit-tests: failure; integration-tests: not found'
    })
    expect(run(gate, { checks: { 'unit-tests': 'neutral', 'integration-tests': 'success' } }).status).toBe(
      'fail'
    )
  })
  it('prefers check results given by the caller (GitHub) over evidence', () => {
    expect(
      run(
        gate,
        { checks: { 'unit-tests': 'success', 'integration-tests': 'success' } },
        { checks: { 'unit-tests': 'failure', 'integration-tests': 'success' } }
      ).status
    ).toBe('fail')
  })
  it('is missing when no check results exist', () => {
    expect(run(gate, {}).status).toBe('missing')
  })
})

describe('lineage', () => {
  const gate = '- { id: lineage, lineage: [model_digest, data_snapshot, code_commit, environment_lock] }'
  it('passes well-formed fields', () => {
    expect(run(gate, { lineage: LINEAGE })).toMatchObject({ status: 'pass', message: '4 fields well-formed' })
  })
  it('fails malformed or absent fields, naming what was expected', () => {
    const result = run(gate, { lineage: { ...LINEAGE, model_digest: 'md5:abc', code_commit: undefined } })
    expect(result.message).toBe('model_digest is not sha256:<64 lowercase hex>; code_commit is absent')
  })
  it('compares the recomputed model file digest', () => {
    expect(run(gate, { lineage: LINEAGE }, { modelDigest: DIGEST }).message).toBe(
      '4 fields well-formed; model file digest verified'
    )
    const mismatch = run(gate, { lineage: LINEAGE }, { modelDigest: `sha256:${'00'.repeat(32)}` })
    expect(mismatch.status).toBe('fail')
    expect(mismatch.message).toMatch(/does not match the model file/)
  })
  it('reads another evidence name when the gate says so', () => {
    expect(
      run('- { id: l, lineage: [code_commit], evidence: provenance }', { provenance: LINEAGE }).status
    ).toBe('pass')
  })
})
