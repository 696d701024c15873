import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { stringify } from 'yaml'
import { PolicyError } from '../../src/errors.js'
import { parsePolicy } from '../../src/policy/load.js'

const seedPolicy = readFileSync('policies/classifier.yaml', 'utf8')
const hostileKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']

function outcome(text: string): 'policy' | 'policy-error' {
  try {
    parsePolicy(text, 'fuzz.yaml')
    return 'policy'
  } catch (error) {
    if (error instanceof PolicyError) return 'policy-error'
    throw error
  }
}

describe('parsePolicy under hostile input', () => {
  it('random text gives a policy or a PolicyError, never anything else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => void outcome(text)),
      { numRuns: 2000 }
    )
  })

  it('mutated starter policies give a policy or a located PolicyError', () => {
    const mutation = fc.record({
      at: fc.nat(seedPolicy.length),
      cut: fc.nat(20),
      insert: fc.string({ maxLength: 12 })
    })
    fc.assert(
      fc.property(mutation, ({ at, cut, insert }) => {
        const text = seedPolicy.slice(0, at) + insert + seedPolicy.slice(at + cut)
        try {
          parsePolicy(text, 'fuzz.yaml')
        } catch (error) {
          expect(error).toBeInstanceOf(PolicyError)
          expect((error as PolicyError).location?.file).toBe('fuzz.yaml')
        }
      }),
      { numRuns: 1500 }
    )
  })

  it('random documents with prototype keys never pollute Object.prototype', () => {
    const key = fc.oneof(fc.constantFrom(...hostileKeys), fc.string({ maxLength: 8 }))
    const doc = fc.dictionary(key, fc.jsonValue({ maxDepth: 4 }), { maxKeys: 8 })
    fc.assert(
      fc.property(doc, (value) => {
        outcome(stringify(value))
        outcome(JSON.stringify(value))
        expect(({} as Record<string, unknown>).polluted).toBeUndefined()
        expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('version')
      }),
      { numRuns: 800 }
    )
  })

  it('deep nesting is refused cleanly', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`
    expect(outcome(deep)).toBe('policy-error')
  })
})

describe('parsePolicy with prototype keys written out', () => {
  const texts = [
    '__proto__: { polluted: true }\nversion: 1\n',
    'version: 1\nmodel: m\nstages: [a, b]\nevidence:\n  __proto__: { polluted: true }\ntransitions: [{ to: b, gates: [{ id: g, checks: [t] }] }]\n',
    'version: 1\nmodel: m\nstages: [a, b]\ntransitions: [{ to: b, gates: [{ id: g, checks: [t], __proto__: { polluted: true } }] }]\n',
    'version: 1\nmodel: m\nstages: [a, b]\nevidence:\n  constructor: { prototype: { polluted: true } }\ntransitions: [{ to: b, gates: [{ id: g, checks: [t] }] }]\n',
    '{"version": 1, "__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'
  ]

  it.each(texts)('refuses %j and leaves Object.prototype alone', (text) => {
    expect(outcome(text)).toBe('policy-error')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false)
  })
})
