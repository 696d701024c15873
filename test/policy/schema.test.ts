import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { readdirSync, readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { PolicyError } from '../../src/errors.js'
import { loadPolicy, parsePolicy } from '../../src/policy/load.js'
import { POLICY_SCHEMA_ID, policyJsonSchema } from '../../src/policy/json-schema.js'
import { runCli } from '../helpers/cli.js'
import { scratchDir } from '../helpers/tmp.js'
import { validateSubset } from './json-schema-subset.js'

const starters = readdirSync('policies').filter((name) => name.endsWith('.yaml'))

/** Every key a document uses must be a property the schema declares at that place. */
function undeclaredKeys(doc: unknown, schema: Record<string, unknown>, path = ''): string[] {
  if (Array.isArray(doc)) {
    const items = schema.items as Record<string, unknown> | undefined
    return items ? doc.flatMap((item, i) => undeclaredKeys(item, items, `${path}[${i}]`)) : []
  }
  if (doc && typeof doc === 'object') {
    const properties = schema.properties as Record<string, Record<string, unknown>> | undefined
    const additional = schema.additionalProperties as Record<string, unknown> | false | undefined
    return Object.entries(doc).flatMap(([key, value]) => {
      const sub = properties?.[key] ?? (additional && typeof additional === 'object' ? additional : undefined)
      if (!sub) return [`${path}.${key}`]
      const branch =
        (sub.anyOf as Record<string, unknown>[] | undefined)?.find((s) => s.type === 'object') ?? sub
      return undeclaredKeys(value, branch, `${path}.${key}`)
    })
  }
  return []
}

describe('policy JSON Schema', () => {
  it('is committed fresh: policies/policy.schema.json equals `modelgate schema`', async () => {
    const { code, stdout } = await runCli(['schema'])
    expect(code).toBe(0)
    expect(readFileSync('policies/policy.schema.json', 'utf8')).toBe(stdout)
  })

  it('is strict: objects refuse additional properties', () => {
    const schema = policyJsonSchema()
    expect(schema.additionalProperties).toBe(false)
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'model', 'stages', 'transitions']))
  })

  it.each(starters)('declares every key the starter policy %s uses', (name) => {
    const doc = parse(readFileSync(`policies/${name}`, 'utf8'))
    expect(undeclaredKeys(doc, policyJsonSchema())).toEqual([])
  })
})

/** Every `properties` entry in the schema, by path, with its description (what an editor shows). */
function describedProperties(node: unknown, path = ''): Array<[string, unknown]> {
  if (!node || typeof node !== 'object') return []
  if (Array.isArray(node)) return node.flatMap((item) => describedProperties(item, path))
  const schema = node as Record<string, unknown>
  const own = Object.entries((schema.properties ?? {}) as Record<string, Record<string, unknown>>).flatMap(
    ([key, sub]): Array<[string, unknown]> => [
      [`${path}.${key}`, sub.description],
      ...describedProperties(sub, `${path}.${key}`)
    ]
  )
  const nested = ['items', 'additionalProperties', 'anyOf'].flatMap((key) =>
    describedProperties(schema[key], key === 'items' ? `${path}[]` : path)
  )
  return [...own, ...nested]
}

describe('policy JSON Schema for editors', () => {
  const schema = policyJsonSchema()

  it('names its dialect, its id and a title', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(schema.$id).toBe(POLICY_SCHEMA_ID)
    expect(schema.title).toBe('modelgate policy')
  })

  it('describes every key, so editors show help on hover', () => {
    const properties = describedProperties(schema)
    expect(properties.length).toBeGreaterThan(50)
    expect(properties.filter(([, description]) => typeof description !== 'string')).toEqual([])
  })

  it.each(starters)('validates the starter policy %s', (name) => {
    expect(validateSubset(parse(readFileSync(`policies/${name}`, 'utf8')), schema)).toEqual([])
  })

  it('refuses what the loader refuses for type, enum, pattern and unknown keys', () => {
    const base = parse(readFileSync('policies/fraud-v7.yaml', 'utf8')) as any
    const broken = (mutate: (doc: any) => void): string[] => {
      const doc = structuredClone(base)
      mutate(doc)
      return validateSubset(doc, schema)
    }
    expect(broken((d) => (d.transitions[1].gates[0].max = 'eighty'))).toEqual([
      '$.transitions[1].gates[0].max: expected number, got string'
    ])
    expect(broken((d) => (d.transitions[1].gates[0].mni = 1))).toEqual([
      '$.transitions[1].gates[0]: unexpected mni'
    ])
    expect(broken((d) => (d.transitions[1].gates[0].severity = 'warning'))).toHaveLength(1)
    expect(broken((d) => (d.stages = ['dev', 'st age']))).toHaveLength(1)
    expect(broken((d) => (d.version = 2))).toHaveLength(1)
    expect(broken((d) => delete d.transitions)).toEqual(['$: missing transitions'])
  })

  it('accepts every policy the loader accepts (the schema is never stricter)', () => {
    const seeds = starters.map((name) => readFileSync(`policies/${name}`, 'utf8'))
    const mutation = fc.record({
      seed: fc.nat(seeds.length - 1),
      at: fc.nat(4000),
      cut: fc.nat(8),
      insert: fc.constantFrom('', ' ', '0', '1', '-', 'x', '.5', 'warn', '[]', '{}', ', optional: true', '\n')
    })
    let accepted = 0
    fc.assert(
      fc.property(mutation, ({ seed, at, cut, insert }) => {
        const source = seeds[seed]!
        const where = at % source.length
        const text = source.slice(0, where) + insert + source.slice(where + cut)
        try {
          parsePolicy(text, 'm.yaml')
        } catch (error) {
          if (error instanceof PolicyError) return
          throw error
        }
        accepted++
        expect(validateSubset(parse(text), schema)).toEqual([])
      }),
      { numRuns: 400 }
    )
    expect(accepted).toBeGreaterThan(20)
  })
})

describe('starter policies', () => {
  it('include a classifier, a regression model and the two worked examples', () => {
    expect(starters).toEqual(
      expect.arrayContaining(['classifier.yaml', 'regression.yaml', 'churn-v3.yaml', 'fraud-v7.yaml'])
    )
  })

  it.each(starters)('%s loads and points editors at the schema', async (name) => {
    const text = readFileSync(`policies/${name}`, 'utf8')
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./policy.schema.json')
    const policy = await loadPolicy(`policies/${name}`)
    expect(policy.transitions.length).toBeGreaterThan(0)
  })

  it.each(['churn-v3', 'fraud-v7'])(
    'the %s starter is the worked example the tests evaluate (test/fixtures/examples)',
    async (name) => {
      const starter = await loadPolicy(`policies/${name}.yaml`)
      const example = await loadPolicy(`test/fixtures/examples/${name}/policy.yaml`)
      expect({ ...starter, source: undefined }).toEqual({ ...example, source: undefined })
    }
  )

  it('the regression starter compares lower-is-better metrics with max_relative', async () => {
    const policy = await loadPolicy('policies/regression.yaml')
    const gate = policy.transitions[0]!.gates.find((g) => g.id === 'rmse-vs-prod')
    expect(gate).toMatchObject({ kind: 'metric', vs_baseline: { max_relative: 0.02 } })
  })
})

describe('loadPolicy', () => {
  it('reads JSON policies by the same rules, fingerprinting the bytes', async () => {
    const text = JSON.stringify({
      version: 1,
      model: 'm',
      stages: ['dev', 'prod'],
      transitions: [{ to: 'prod', gates: [{ id: 'g', checks: ['t'] }] }]
    })
    const scratch = scratchDir({ 'policy.json': text })
    try {
      const policy = await loadPolicy(`${scratch.dir}/policy.json`)
      expect(policy.transitions[0]!.gates[0]).toMatchObject({ kind: 'checks', checks: ['t'] })
      const { createHash } = await import('node:crypto')
      expect(policy.source).toEqual({
        path: `${scratch.dir}/policy.json`,
        sha256: createHash('sha256').update(text).digest('hex'),
        // git's blob id of the same bytes (`git hash-object`).
        git_blob: createHash('sha1')
          .update(`blob ${Buffer.byteLength(text)}\0${text}`)
          .digest('hex')
      })
    } finally {
      scratch.cleanup()
    }
  })

  it('names a directory given as a policy', async () => {
    const scratch = scratchDir()
    try {
      await expect(loadPolicy(scratch.dir)).rejects.toThrow('cannot read policy: is a directory')
    } finally {
      scratch.cleanup()
    }
  })
})
