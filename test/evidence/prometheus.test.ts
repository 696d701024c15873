import { describe, expect, it } from '@jest/globals'
import type { EvidenceError } from '../../src/errors.js'
import { loadEvidence } from '../../src/evidence/load.js'
import { LocalEvidenceSource } from '../../src/evidence/local-source.js'
import type { SeriesSet } from '../../src/evidence/readers/timeseries.js'
import { evaluate } from '../../src/gates/evaluate.js'
import type { RollbackTrigger } from '../../src/policy/types.js'
import { evaluateTrigger, evaluateTriggers } from '../../src/rollback/triggers.js'
import { policyWithGates } from '../helpers/policy.js'
import { scratchDir } from '../helpers/tmp.js'

/*
 * Prometheus HTTP API answers as aggregates return them: `histogram_quantile(0.95, sum by (le)
 * (rate(http_request_duration_seconds_bucket[5m])))` over a range (matrix, `"metric": {}`), an
 * instant `sum(rate(...))` (vector), a scalar, and two unlabelled series that cannot be told apart.
 * Sample values are strings, including "NaN" (0/0: no traffic) and "+Inf" (above the top bucket).
 */
const source = new LocalEvidenceSource('test/fixtures/evidence')
const load = (path: string, series?: string) =>
  loadEvidence('slo', { format: 'prometheus', path, ...(series && { series }) }, source)
const refusal = async (path: string): Promise<EvidenceError> => {
  try {
    await load(path)
  } catch (error) {
    return error as EvidenceError
  }
  throw new Error('expected a refusal')
}
const T = 1763798400
const trigger = (rest: Partial<RollbackTrigger>): RollbackTrigger => ({
  metric: 'slo.value',
  forSeconds: 0,
  ...rest
})

describe('Prometheus aggregates', () => {
  it('names the one unlabelled series "value" and loads NaN and +Inf samples', async () => {
    const data = (await load('prometheus-histogram-quantile.json')).data as SeriesSet
    expect(Object.keys(data)).toEqual(['value'])
    expect(data.value!.map(([, v]) => v)).toEqual([0.071, 0.083, NaN, 0.094, Infinity, 0.091, 0.088])
  })

  it('reads instant vectors and scalars as one-sample series', async () => {
    expect(((await load('prometheus-sum-vector.json')).data as SeriesSet).value).toEqual([
      [1763798760.123, 0.0123]
    ])
    expect(((await load('prometheus-scalar.json')).data as SeriesSet).value).toEqual([
      [1763798760, -Infinity]
    ])
  })

  it('refuses several unlabelled series, saying why and what to do', async () => {
    const error = await refusal('prometheus-unlabelled-several.json')
    expect(error.format()).toBe(
      'prometheus-unlabelled-several.json data.result[0].metric: 2 of the 2 series have no "__name__" label, so they cannot be told apart: an aggregate (sum, avg, histogram_quantile, …) must return a single series, which is then named "value", or keep a label that names each series and give it as series: on the evidence'
    )
  })

  it('several series without a name label: the labels they carry are named for series:', async () => {
    expect((await refusal('prometheus-labelled-no-name.json')).message).toMatch(
      /2 of the 2 series have no "__name__" label, .* give it as series: on the evidence \(they carry "service"\)$/
    )
    const bySeries = await load('prometheus-labelled-no-name.json', 'service')
    expect(Object.keys(bySeries.data as object)).toEqual(['api', 'web'])
  })

  it('a native histogram sample is refused as not a number, saying what to query', async () => {
    const scratch = scratchDir({
      'native.json': JSON.stringify({
        status: 'success',
        data: {
          resultType: 'vector',
          result: [
            { metric: {}, histogram: [T, { count: '10', sum: '3.5', buckets: [[0, '0.1', '0.2', '10']] }] }
          ]
        }
      })
    })
    try {
      await expect(
        loadEvidence(
          'slo',
          { format: 'prometheus', path: 'native.json' },
          new LocalEvidenceSource(scratch.dir)
        )
      ).rejects.toThrow(
        expect.objectContaining({
          message: expect.stringMatching(/^a native histogram sample, not a number: .*histogram_quantile/),
          location: expect.objectContaining({ file: 'native.json', path: 'data.result[0]' })
        })
      )
    } finally {
      scratch.cleanup()
    }
  })

  it('a rollback trigger watches the unlabelled aggregate', async () => {
    const monitoring = new Map([['slo', await load('prometheus-histogram-quantile.json')]])
    const [result] = evaluateTriggers([trigger({ above: 0.08, for: '5m', forSeconds: 300 })], monitoring)
    // 0.083, NaN (a gap), 0.094, +Inf, 0.091, 0.088: every judged sample breaches for 5 minutes.
    expect(result!.status).toBe('fired')
    expect(result!.stretch).toEqual({ start: T + 60, end: T + 360 })
  })

  it('NaN is neither a breach nor a healthy sample; ±Inf compare as infinities', () => {
    const series = (values: number[]): Array<[number, number]> => values.map((v, i) => [T + i * 60, v])
    const above = trigger({ above: 1, for: '2m', forSeconds: 120 })
    expect(evaluateTrigger(above, series([2, NaN, 2])).status).toBe('fired')
    expect(evaluateTrigger(above, series([NaN, NaN, NaN, 2])).status).toBe('quiet')
    expect(evaluateTrigger(above, series([2, Infinity, 2])).status).toBe('fired')
    // A minimum: NaN never counts as having met it, and never fires on its own.
    const below = trigger({ below: 0.99, for: '2m', forSeconds: 120 })
    expect(evaluateTrigger(below, series([0.5, NaN, 0.5])).status).toBe('fired')
    expect(evaluateTrigger(below, series([1, NaN, NaN, NaN, 1])).status).toBe('quiet')
    expect(evaluateTrigger(below, series([0.5, -Infinity, 0.5])).status).toBe('fired')
    expect(evaluateTrigger(below, series([NaN, NaN]))).toMatchObject({
      status: 'missing',
      message: 'every sample of slo.value is NaN, nothing to judge'
    })
  })

  it('drop_relative: non-finite samples never enter the baseline mean; NaN in a drop is a gap', () => {
    const series = (values: number[]): Array<[number, number]> => values.map((v, i) => [T + i * 60, v])
    const drop = trigger({ drop_relative: 0.5, for: '2m', forSeconds: 120, baselineWindowSeconds: 180 })
    expect(evaluateTrigger(drop, series([10, Infinity, 10, 10, 1, NaN, 1])).status).toBe('fired')
    expect(evaluateTrigger(drop, series([10, NaN, 10, 10, 9, NaN, 9])).status).toBe('quiet')
  })

  it('a gate reads the latest sample; a non-finite latest sample is an error', async () => {
    const run = async (path: string, gate: string) =>
      evaluate({
        policy: policyWithGates(gate),
        request: { model: 'm', version: 'v1.0.0', to: 'staging' },
        candidate: new Map([['slo', await load(path)]]),
        baseline: { version: null, evidence: new Map() }
      }).gates[0]!
    expect(
      await run('prometheus-sum-vector.json', '- { id: errors, metric: slo.value, max: 0.01 }')
    ).toMatchObject({
      status: 'fail',
      message: '0.0123 > max 0.01'
    })
    expect(
      await run('prometheus-histogram-quantile.json', '- { id: p95, metric: slo.value, max: 0.1 }')
    ).toMatchObject({
      status: 'pass'
    })
    expect(await run('prometheus-scalar.json', '- { id: floor, metric: slo.value, min: 0 }')).toMatchObject({
      status: 'error',
      message: 'the latest sample of slo.value is -Infinity, not a finite number'
    })
  })
})
