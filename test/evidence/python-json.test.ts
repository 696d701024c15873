import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import type { EvidenceError } from '../../src/errors.js'
import { loadEvidence } from '../../src/evidence/load.js'
import { LocalEvidenceSource } from '../../src/evidence/local-source.js'
import { parsePythonJson } from '../../src/evidence/json-position.js'
import { parseStructured } from '../../src/evidence/readers/structured.js'
import { evaluate } from '../../src/gates/evaluate.js'
import { policyWithGates } from '../helpers/policy.js'

/*
 * Python's `json.dumps` (allow_nan=True, the default) writes bare NaN, Infinity and -Infinity;
 * Evidently's report.json() goes through it. The fixture is a legacy drift report with such tokens
 * in a column's score and in a correlation table.
 */
const parse = (text: string) => parseStructured({ display: 'r.json', bytes: Buffer.from(text) })
const failure = (text: string): EvidenceError => {
  try {
    parse(text)
  } catch (error) {
    return error as EvidenceError
  }
  throw new Error('expected a refusal')
}

describe("JSON as Python's json module writes it", () => {
  it('loads bare NaN, Infinity and -Infinity as non-finite numbers; strings stay text', () => {
    expect(parse('{"a": NaN, "b": [Infinity, -Infinity, 1], "c": "NaN", "d": "-Infinity"}')).toEqual({
      a: NaN,
      b: [Infinity, -Infinity, 1],
      c: 'NaN',
      d: '-Infinity'
    })
    expect(parse('[NaN]')).toEqual([NaN])
    expect(parse('[[NaN, [-Infinity]], {"x": {"y": [Infinity]}}]')).toEqual([
      [NaN, [-Infinity]],
      { x: { y: [Infinity] } }
    ])
    // A whole document that is one token, as json.dumps(float('nan')) writes it.
    expect(parse('NaN')).toBeNaN()
    expect(parse(' -Infinity\n')).toBe(-Infinity)
    expect(parse('Infinity')).toBe(Infinity)
    expect(parse('{"k\\"NaN": NaN}')).toEqual({ 'k"NaN': NaN })
  })

  it('keeps line and column for JSON that is malformed apart from those tokens', () => {
    expect(failure('{\n  "a": NaN,\n  "b": ,\n}').format()).toBe('r.json:3:8: malformed JSON: unexpected ","')
    expect(failure('{"a": nan}').format()).toBe('r.json:1:7: malformed JSON: unexpected "n"')
    expect(failure('{"a": NaNa}').format()).toBe('r.json:1:10: malformed JSON: unexpected "a"')
    expect(failure('{"a": -Inf}').format()).toBe('r.json:1:7: malformed JSON: unexpected "-"')
    expect(failure('{"a": Infinity, "a": 1}').format()).toBe('r.json:1:17: malformed JSON: duplicate key "a"')
  })

  it('never turns a string into a number, whatever it holds (property)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.constantFrom(NaN, Infinity, -Infinity, 1.5))),
        (object) => {
          const text = JSON.stringify(object, (_k, v: unknown) =>
            typeof v === 'number' && !Number.isFinite(v) ? `@@${String(v)}@@` : v
          ).replace(/"@@(NaN|Infinity|-Infinity)@@"/g, '$1')
          const parsed = parsePythonJson(text, 'marker:') as Record<string, unknown>
          for (const [key, value] of Object.entries(object)) {
            if (typeof value === 'string') expect(parsed[key]).toBe(value)
            else expect(Object.is(parsed[key], value)).toBe(true)
          }
        }
      ),
      { numRuns: 300 }
    )
  })

  it('reads an Evidently report with NaN scores: a gate on a non-finite value is an error, others are unaffected', async () => {
    const source = new LocalEvidenceSource('test/fixtures/evidence')
    const loaded = await loadEvidence(
      'drift',
      { format: 'evidently', path: 'evidently-python-nan.json' },
      source
    )
    const decision = evaluate({
      policy: policyWithGates(
        [
          '- { id: share, metric: drift.share_of_drifted_columns, max: 0.5 }',
          '- { id: amount, metric: drift.columns.amount.drift_score, min: 0.01 }',
          '- { id: constant, metric: drift.columns.constant_flag.drift_score, min: 0.01 }',
          '- { id: hour, metric: drift.columns.hour.drift_score, max: 0.1 }',
          '- { id: corr, metric: "drift.raw.metrics[2].result.current.stats.pearson.abs_max_correlation", max: 0.9 }'
        ].join('\n')
      ),
      request: { model: 'm', version: 'v1.0.0', to: 'staging' },
      candidate: new Map([['drift', loaded]]),
      baseline: { version: null, evidence: new Map() }
    })
    expect(decision.gates.map((g) => [g.id, g.status, g.message])).toEqual([
      ['share', 'pass', '0.333333 within max 0.5'],
      ['amount', 'pass', '0.012 within min 0.01'],
      ['constant', 'error', 'drift.columns.constant_flag.drift_score is NaN, not a finite number'],
      ['hour', 'error', 'drift.columns.hour.drift_score is Infinity, not a finite number'],
      [
        'corr',
        'error',
        'drift.raw.metrics[2].result.current.stats.pearson.abs_max_correlation is NaN, not a finite number'
      ]
    ])
    expect(decision.decision).toBe('block')
  })
})
