import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { parseDocument } from 'yaml'
import { EvidenceError } from '../../src/errors.js'
import { duplicateJsonKey, jsonErrorOffset } from '../../src/evidence/json-position.js'
import { parseStructured } from '../../src/evidence/readers/structured.js'

const parse = (text: string) => parseStructured({ display: 'r.json', bytes: Buffer.from(text) })
const failure = (text: string) => {
  try {
    parse(text)
  } catch (error) {
    return error as EvidenceError
  }
  throw new Error('expected a refusal')
}

describe('JSON evidence', () => {
  it('refuses a duplicate key with its line and column, however it is escaped', () => {
    expect(failure('{\n  "auc": 0.9,\n  "auc": 0.1\n}').format()).toBe(
      'r.json:3:3: malformed JSON: duplicate key "auc"'
    )
    expect(failure('{"auc": 0.9, "\\u0061uc": 0.1}').format()).toBe(
      'r.json:1:14: malformed JSON: duplicate key "auc"'
    )
  })

  it('allows the same key in different objects and strings that look like keys', () => {
    expect(parse('[{"a": 1}, {"a": 2, "b": {"a": 3}}, "a", {"x": "\\"a\\": 1, \\"a\\""}]')).toEqual([
      { a: 1 },
      { a: 2, b: { a: 3 } },
      'a',
      { x: '"a": 1, "a"' }
    ])
  })

  it('finds exactly the duplicates a YAML parser with unique keys finds (property)', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'a\\u0062', '\\"', 'é')
    const json: fc.Arbitrary<string> = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom('1', '"s"', 'null', '"{\\"a\\":1}"'),
        fc.array(tie('value'), { maxLength: 3 }).map((xs) => `[${xs.join(',')}]`),
        fc
          .array(fc.tuple(key, tie('value')), { maxLength: 3 })
          .map((pairs) => `{${pairs.map(([k, v]) => `"${k}": ${v}`).join(', ')}}`)
      )
    })).value
    fc.assert(
      fc.property(json, (text) => {
        const yamlSaysDuplicate = parseDocument(text, { uniqueKeys: true }).errors.length > 0
        expect(duplicateJsonKey(text) !== undefined).toBe(yamlSaysDuplicate)
      }),
      { numRuns: 500 }
    )
  })

  // A hang guard, not a timing goal: the test's timeout stands far above a linear parse.
  it('reads a multi-megabyte report', () => {
    const distribution = Array.from({ length: 300_000 }, (_, i) => i / 7)
    const text = JSON.stringify({ metrics: [{ metric: 'DataDriftTable', result: { x: distribution } }] })
    const value = parse(text) as { metrics: Array<{ result: { x: number[] } }> }
    expect(value.metrics[0]!.result.x).toHaveLength(300_000)
    expect(value.metrics[0]!.result.x[7]).toBe(1)
  }, 15_000)

  it('points at the first offending character of malformed JSON', () => {
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8)
    expect(jsonErrorOffset('[1, 2')).toBe(5)
    expect(failure('{"a": tru}').format()).toBe('r.json:1:7: malformed JSON: unexpected "t"')
  })
})
