import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { evaluate } from '../../src/gates/evaluate.js'
import { modelUriProblem } from '../../src/gates/lineage.js'
import { buildPromotionRecord } from '../../src/records/record.js'
import { parsePromotionRecord } from '../../src/records/parse.js'
import { evidenceSet } from '../helpers/evidence.js'
import { policyWithGates } from '../helpers/policy.js'

describe('model URIs', () => {
  it.each([
    's3://models/fraud/v7/model.onnx',
    's3://models/fraud/v7/',
    'gs://bucket/path/model.pt',
    'hf://acme/fraud-detector@v7',
    'az://container/models/fraud',
    'abfss://ml@account.dfs.core.windows.net/models/fraud',
    'oci://ghcr.io/acme/fraud:v7',
    'https://models.example.com/fraud/v7/model.bin',
    'artifact:model',
    'artifact:model/model.onnx',
    'models:/fraud_detector/7',
    'runs:/0123abcd/model'
  ])('accepts %s', (uri) => {
    expect(modelUriProblem(uri)).toBeNull()
  })

  it.each([
    ['', 'is empty'],
    ['model.onnx', 'has no scheme'],
    ['http://models.example.com/m', 'has scheme "http"'],
    ['file:///etc/passwd', 'has scheme "file"'],
    ['javascript:alert(1)', 'has scheme "javascript"'],
    ['s3:/bucket/key', 's3 URIs are written s3://'],
    ['s3:///key', 'has no host or bucket'],
    ['https://user:token@example.com/m', 'user-info'],
    ['https://example.com/m?X-Amz-Signature=abc', 'no query strings'],
    ['s3://b/m#frag', 'no query strings'],
    ['s3://b\\m', 'no query strings'],
    ['s3://b/../secret', '".." segment'],
    ['s3://b/./m', '"." or ".." segment'],
    ['s3://b//m', 'empty path segment'],
    ['s3://b/%2e%2e/secret', 'outside a URI path'],
    ['s3://b/$(id)', 'outside a URI path'],
    ["s3://b/m';rm -rf", 'whitespace or control'],
    ['s3://b/m`id`', 'outside a URI path'],
    ['s3://b/m\nx', 'whitespace or control'],
    ['s3://b/\u202egnp.exe', 'whitespace or control'],
    ['s3://b/\u200bm', 'whitespace or control'],
    ['artifact:', 'needs an artifact name'],
    ['artifact:../x', 'needs an artifact name'],
    ['models://x', 'models:/<path>'],
    [`s3://b/${'a'.repeat(2100)}`, 'longer than 2048'],
    ['abfss://c:secret@account.dfs.core.windows.net/m', 'user-info']
  ])('refuses %#: %s', (uri, why) => {
    expect(modelUriProblem(uri)).toContain(why)
  })

  it('never accepts a URI holding a control or whitespace character', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        fc.constantFrom(
          '\u0000',
          '\u0007',
          '\n',
          '\r',
          '\t',
          ' ',
          '\u007f',
          '\u0085',
          '\u2028',
          '\u202e',
          '\ufeff'
        ),
        fc.string({ maxLength: 20 }),
        (before, bad, after) => {
          expect(modelUriProblem(`s3://bucket/${before}${bad}${after}`)).not.toBeNull()
        }
      ),
      { numRuns: 300 }
    )
  })
})

describe('the lineage gate with model_uri', () => {
  const run = (lineage: Record<string, unknown>) =>
    evaluate({
      policy: policyWithGates('- { id: lineage, lineage: [model_digest, model_uri] }'),
      request: { model: 'm', version: 'v1.0.0', to: 'staging', from: 'dev' },
      candidate: evidenceSet({ lineage }),
      baseline: { version: null, evidence: new Map() }
    }).gates[0]!
  const digest = `sha256:${'a'.repeat(64)}`

  it('passes a well-formed URI and names the problem of a malformed one', () => {
    expect(run({ model_digest: digest, model_uri: 's3://models/m' }).status).toBe('pass')
    const bad = run({ model_digest: digest, model_uri: 'https://u:p@example.com/m' })
    expect(bad.status).toBe('fail')
    expect(bad.message).toBe('model_uri holds user-info (credentials do not belong in a model URI)')
    expect(run({ model_digest: digest }).message).toBe('model_uri is absent')
    expect(run({ model_digest: digest, model_uri: 7 }).message).toMatch(/^model_uri is not a model URI/)
  })

  it('the record keeps model_uri among its artifacts, and a record with one reads back', () => {
    const decision = evaluate({
      policy: policyWithGates('- { id: lineage, lineage: [model_uri] }'),
      request: { model: 'm', version: 'v1.0.0', to: 'staging', from: 'dev' },
      candidate: evidenceSet({ lineage: { model_uri: 's3://b/m', model_digest: digest } }),
      baseline: { version: null, evidence: new Map() }
    })
    const record = buildPromotionRecord({
      decision,
      evidence: evidenceSet({ lineage: { model_uri: 's3://b/m', model_digest: digest } }),
      baseline: { version: null },
      createdAt: '2026-06-01T12:00:00.000Z'
    })
    expect(record.artifacts).toEqual({ model_uri: 's3://b/m', model_digest: digest })
    expect(parsePromotionRecord(JSON.parse(JSON.stringify(record))).artifacts.model_uri).toBe('s3://b/m')
  })
})
