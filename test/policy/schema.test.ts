import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { loadPolicy } from '../../src/policy/load.js'
import { policyJsonSchema } from '../../src/policy/json-schema.js'
import { runCli } from '../helpers/cli.js'

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

  it('the regression starter compares lower-is-better metrics with max_relative', async () => {
    const policy = await loadPolicy('policies/regression.yaml')
    const gate = policy.transitions[0]!.gates.find((g) => g.id === 'rmse-vs-prod')
    expect(gate).toMatchObject({ kind: 'metric', vs_baseline: { max_relative: 0.02 } })
  })
})
