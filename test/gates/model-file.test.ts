import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { evaluate } from '../../src/gates/evaluate.js'
import { artifactModelFile, modelFileToVerify } from '../../src/gates/lineage.js'
import type { GateResult, ModelFileCheck } from '../../src/gates/types.js'
import type { LineageGate } from '../../src/policy/types.js'
import { evidenceSet } from '../helpers/evidence.js'
import { policyWithGates } from '../helpers/policy.js'

/*
 * The pure half of the model-file check: the lineage gate is handed what the shell found for an
 * `artifact:` model_uri (a recomputed digest, or why there is none) and decides from that alone.
 */

const CLAIMED = `sha256:${'a'.repeat(64)}`
const OTHER = `sha256:${'b'.repeat(64)}`
const URI = 'artifact:model/weights/model.onnx'

function gate(
  lineage: Record<string, unknown>,
  modelFiles?: ReadonlyMap<string, ModelFileCheck>,
  line = '- { id: lineage, lineage: [model_digest] }',
  modelDigest?: string
): GateResult {
  return evaluate({
    policy: policyWithGates(line),
    request: { model: 'm', version: 'v1.0.0', to: 'staging', from: 'dev' },
    candidate: evidenceSet({ lineage }),
    baseline: { version: null, evidence: new Map() },
    ...(modelFiles && { modelFiles }),
    ...(modelDigest && { modelDigest })
  }).gates[0]!
}

const hashed = (digest: string, path = 'weights/model.onnx'): Map<string, ModelFileCheck> =>
  new Map([[URI, { status: 'hashed', artifact: 'model', path, digest, bytes: 1234 }]])

describe('the lineage gate and the model file an artifact: model_uri names', () => {
  it('passes when the recomputed digest is the lineage digest, saying what was hashed', () => {
    const result = gate({ model_digest: CLAIMED, model_uri: URI }, hashed(CLAIMED))
    expect(result.status).toBe('pass')
    expect(result.message).toBe(
      '1 fields well-formed; model file weights/model.onnx in artifact "model" matches model_digest (1234 bytes hashed)'
    )
    expect(result.observed).toMatchObject({
      model_file: { artifact: 'model', path: 'weights/model.onnx', digest: CLAIMED, bytes: 1234 }
    })
  })

  it('fails on a different digest, naming the artifact, the path and both digests', () => {
    const result = gate({ model_digest: CLAIMED, model_uri: URI }, hashed(OTHER))
    expect(result).toMatchObject({ status: 'fail', blocking: true })
    expect(result.message).toBe(
      `model file weights/model.onnx in artifact "model" has digest ${OTHER}, but lineage model_digest is ${CLAIMED}`
    )
  })

  it('fails closed when the file was not hashed, or could not be', () => {
    const notChecked = gate({ model_digest: CLAIMED, model_uri: URI })
    expect(notChecked).toMatchObject({ status: 'fail', blocking: true })
    expect(notChecked.message).toMatch(/^model file weights\/model.onnx in artifact "model" was not checked/)
    const unreadable = gate(
      { model_digest: CLAIMED, model_uri: URI },
      new Map([
        [
          URI,
          {
            status: 'unchecked',
            artifact: 'model',
            path: 'weights/model.onnx',
            reason: 'no file weights/model.onnx in artifact model'
          }
        ]
      ])
    )
    expect(unreadable).toMatchObject({ status: 'fail', blocking: true })
    expect(unreadable.message).toBe(
      `model file weights/model.onnx in artifact "model" could not be verified against model_digest ${CLAIMED}: no file weights/model.onnx in artifact model`
    )
  })

  it('refuses a model_uri that climbs out of the artifact, whether or not the gate lists model_uri', () => {
    for (const line of [
      '- { id: lineage, lineage: [model_digest] }',
      '- { id: lineage, lineage: [model_digest, model_uri] }'
    ]) {
      const result = gate(
        { model_digest: CLAIMED, model_uri: 'artifact:x/../../etc/passwd' },
        undefined,
        line
      )
      expect(result.status).toBe('fail')
      expect(result.message).toMatch(/model_uri has a "\." or "\.\." segment/)
      expect(result.message).not.toContain('etc/passwd')
    }
  })

  it('a directory cannot carry one file digest; a whole artifact means its only file', () => {
    expect(artifactModelFile('artifact:model/weights/')).toEqual({
      problem: expect.stringMatching(/names a directory/)
    })
    expect(artifactModelFile('artifact:model')).toEqual({ artifact: 'model' })
    expect(artifactModelFile('artifact:model/')).toEqual({ artifact: 'model' })
    expect(artifactModelFile(URI)).toEqual({ artifact: 'model', path: 'weights/model.onnx' })
    const whole = new Map<string, ModelFileCheck>([
      [
        'artifact:model',
        { status: 'hashed', artifact: 'model', path: 'model.bin', digest: CLAIMED, bytes: 9 }
      ]
    ])
    expect(gate({ model_digest: CLAIMED, model_uri: 'artifact:model' }, whole).status).toBe('pass')
  })

  it('an entry name outside a URI path is described, never copied', () => {
    const hostile = 'model.bin\n::warning::pwned'
    const result = gate(
      { model_digest: CLAIMED, model_uri: 'artifact:model' },
      new Map([
        ['artifact:model', { status: 'hashed', artifact: 'model', path: hostile, digest: OTHER, bytes: 1 }]
      ])
    )
    expect(result.status).toBe('fail')
    expect(result.message).not.toContain('::warning')
    expect(result.message).toContain('a file whose name is a string of')
  })

  it('a --model-file handed in is what is compared; verify_model_file: false skips the artifact, and says so', () => {
    expect(gate({ model_digest: CLAIMED, model_uri: URI }, undefined, undefined, CLAIMED).message).toBe(
      '1 fields well-formed; model file digest verified'
    )
    const optedOut = gate(
      { model_digest: CLAIMED, model_uri: URI },
      undefined,
      '- { id: lineage, lineage: [model_digest], verify_model_file: false }'
    )
    expect(optedOut.status).toBe('pass')
    expect(optedOut.message).toBe('1 fields well-formed; model file not verified (verify_model_file: false)')
  })

  it('only gates that vouch for model_digest verify, and only artifact: URIs name a file modelgate reads', () => {
    const base: LineageGate = {
      id: 'l',
      kind: 'lineage',
      fields: ['model_digest'],
      evidence: 'lineage',
      verify_model_file: true,
      severity: 'block',
      optional: false
    }
    expect(modelFileToVerify(base, { model_uri: URI })).toBe(URI)
    expect(modelFileToVerify({ ...base, fields: ['model_uri'] }, { model_uri: URI })).toBeUndefined()
    expect(modelFileToVerify({ ...base, verify_model_file: false }, { model_uri: URI })).toBeUndefined()
    expect(modelFileToVerify(base, { model_uri: 's3://b/m' })).toBeUndefined()
    expect(modelFileToVerify(base, [URI])).toBeUndefined()
    expect(gate({ model_digest: CLAIMED, model_uri: 's3://b/model.bin' }).status).toBe('pass')
  })

  it('property: whatever the shell hands over, the gate passes only on a hashed file whose digest is the claim', () => {
    const check = fc.oneof(
      fc.record({
        status: fc.constant('hashed' as const),
        artifact: fc.constant('model'),
        path: fc.string(),
        digest: fc.oneof(fc.constant(CLAIMED), fc.constant(OTHER), fc.string()),
        bytes: fc.nat()
      }),
      fc.record({
        status: fc.constant('unchecked' as const),
        artifact: fc.constant('model'),
        reason: fc.string()
      })
    )
    fc.assert(
      fc.property(fc.option(check, { nil: undefined }), (found) => {
        const result = gate(
          { model_digest: CLAIMED, model_uri: URI },
          found ? new Map([[URI, found]]) : new Map()
        )
        const shouldPass = found?.status === 'hashed' && found.digest === CLAIMED
        expect(result.status === 'pass').toBe(shouldPass)
        // Only a digest is ever copied from what was handed in.
        if (found?.status === 'hashed' && found.digest.length > 12 && !found.digest.startsWith('sha256:'))
          expect(result.message).not.toContain(found.digest)
      }),
      { numRuns: 200 }
    )
  })
})
