import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { EvidenceError, ModelgateError } from '../../src/errors.js'
import { loadEvidence } from '../../src/evidence/load.js'
import type { EvidenceSource } from '../../src/evidence/source.js'
import { evaluate } from '../../src/gates/evaluate.js'
import type { EvidenceFormat } from '../../src/policy/types.js'
import { policyWithGates } from '../helpers/policy.js'

/*
 * Hostile input for every evidence reader: random bytes, mutated real reports, deep nesting,
 * extreme numbers, unicode and prototype keys. Each read gives data or an EvidenceError, never a
 * crash or a polluted prototype, and garbage never passes a gate.
 */

const FORMATS: EvidenceFormat[] = ['json', 'yaml', 'evidently', 'k6', 'timeseries', 'prometheus']
const SEEDS: Record<string, string> = {
  evidently: readFileSync('test/fixtures/evidence/evidently-drift.json', 'utf8'),
  k6: readFileSync('test/fixtures/evidence/k6-summary-export.json', 'utf8'),
  json: readFileSync('test/fixtures/examples/churn-v3/offline.json', 'utf8'),
  timeseries: JSON.stringify({
    latency_p95_ms: [
      [1763800000, 61],
      ['2025-11-22T08:01:00Z', 64]
    ]
  }),
  prometheus: JSON.stringify({
    status: 'success',
    data: { resultType: 'matrix', result: [{ metric: { __name__: 'up' }, values: [[1763800000, '1']] }] }
  })
}

const sourceOf = (bytes: Buffer): EvidenceSource => ({ read: async () => ({ display: 'fuzz.json', bytes }) })

async function readAs(format: EvidenceFormat, bytes: Buffer): Promise<unknown> {
  try {
    return (await loadEvidence('r', { format, path: 'fuzz.json' }, sourceOf(bytes))).data
  } catch (error) {
    expect(error).toBeInstanceOf(ModelgateError)
    expect(error).toBeInstanceOf(EvidenceError)
    return undefined
  }
}

const gate = policyWithGates('- { id: g, metric: r.value, min: 0, max: 1 }')
function passesOn(data: unknown): boolean {
  const decision = evaluate({
    policy: gate,
    request: { model: 'm', version: 'v1.0.0', to: 'staging' },
    candidate: new Map([['r', { name: 'r', format: 'json', source: 'fuzz.json', sha256: '', data }]]),
    baseline: { version: null, evidence: new Map() }
  })
  return decision.gates[0]!.status === 'pass'
}

const hostileKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'value',
  'metrics',
  'data'
)
const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(1e308, -1e308, 5e-324, -0, 'NaN', '+Inf', '\u202e', '😀', '\u0000'),
  fc.string({ unit: 'binary', maxLength: 20 })
)
const hostileDoc = fc.dictionary(fc.oneof(hostileKey, fc.string({ maxLength: 6 })), hostileValue, {
  maxKeys: 6
})

describe('evidence readers under hostile input', () => {
  it.each(FORMATS)('%s: random bytes give data or an EvidenceError', async (format) => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        await readAs(format, Buffer.from(bytes))
      }),
      { numRuns: 300 }
    )
  })

  it.each(FORMATS)('%s: mutated real reports give data or an EvidenceError', async (format) => {
    const seed = SEEDS[format] ?? SEEDS.json!
    const mutation = fc.record({
      at: fc.nat(seed.length),
      cut: fc.nat(12),
      insert: fc.string({ maxLength: 10 })
    })
    await fc.assert(
      fc.asyncProperty(mutation, async ({ at, cut, insert }) => {
        await readAs(format, Buffer.from(seed.slice(0, at) + insert + seed.slice(at + cut)))
      }),
      { numRuns: 300 }
    )
  })

  it.each(FORMATS)('%s: documents with prototype keys never pollute Object.prototype', async (format) => {
    await fc.assert(
      fc.asyncProperty(hostileDoc, async (doc) => {
        await readAs(format, Buffer.from(JSON.stringify(doc)))
        await readAs(format, Buffer.from(JSON.stringify({ metrics: doc, data: doc })))
        expect(Object.keys(Object.prototype)).toEqual([])
        expect(({} as Record<string, unknown>).value).toBeUndefined()
      }),
      { numRuns: 200 }
    )
  })

  it('deep nesting is read or refused, never a stack overflow', async () => {
    for (const format of FORMATS) {
      await readAs(format, Buffer.from(`${'['.repeat(100000)}${']'.repeat(100000)}`))
      await readAs(format, Buffer.from(`${'{"a":'.repeat(50000)}1${'}'.repeat(50000)}`))
    }
  })

  it('garbage never passes a gate: only a finite number within bounds does', async () => {
    await fc.assert(
      fc.asyncProperty(hostileValue, async (value) => {
        const data = await readAs('json', Buffer.from(JSON.stringify({ value })))
        if (data === undefined) return
        const stored = (data as { value?: unknown }).value
        const legit = typeof stored === 'number' && Number.isFinite(stored) && stored >= 0 && stored <= 1
        expect(passesOn(data)).toBe(legit)
      }),
      { numRuns: 500 }
    )
  })
})
