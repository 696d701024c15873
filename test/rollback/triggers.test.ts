import { describe, expect, it } from '@jest/globals'
import { EvidenceError } from '../../src/errors.js'
import { readMonitoringData } from '../../src/evidence/readers/timeseries.js'
import type { RollbackTrigger } from '../../src/policy/types.js'
import { evaluateTrigger } from '../../src/rollback/triggers.js'

const T0 = 1763800000
const minutely = (values: number[]): Array<[number, number]> => values.map((v, i) => [T0 + i * 60, v])
const above80for5m: RollbackTrigger = {
  metric: 'online.latency_p95_ms',
  above: 80,
  for: '5m',
  forSeconds: 300
}
const file = { display: 'monitoring.json', bytes: Buffer.alloc(0) }

describe('rollback triggers', () => {
  it('a short spike does not fire; the longest breach is reported', () => {
    const result = evaluateTrigger(above80for5m, minutely([60, 90, 91, 92, 60, 61]))
    expect(result.status).toBe('quiet')
    expect(result.message).toBe('online.latency_p95_ms above 80 for 5m: not sustained; longest breach 2m')
  })

  it('a breach held at every sample for at least 5 minutes fires, naming the stretch', () => {
    const result = evaluateTrigger(above80for5m, minutely([60, 90, 91, 92, 93, 94, 95, 60]))
    expect(result.status).toBe('fired')
    expect(result.stretch).toEqual({ start: T0 + 60, end: T0 + 360 })
  })

  it('one healthy sample resets the stretch', () => {
    expect(evaluateTrigger(above80for5m, minutely([90, 91, 92, 70, 93, 94, 95, 96])).status).toBe('quiet')
  })

  it('the bound is exclusive: exactly 80 is not above 80', () => {
    expect(evaluateTrigger(above80for5m, minutely([80, 80, 80, 80, 80, 80, 80])).status).toBe('quiet')
  })

  it('below triggers and no `for` (any single sample)', () => {
    expect(
      evaluateTrigger({ metric: 'o.ctr', below: 0.01, forSeconds: 0 }, minutely([0.02, 0.005, 0.02])).status
    ).toBe('fired')
  })

  it('drop_relative compares with the mean of the baseline window before the judged samples', () => {
    const trigger: RollbackTrigger = {
      metric: 'online.ctr',
      drop_relative: 0.1,
      for: '3m',
      forSeconds: 180,
      baselineWindowSeconds: 300
    }
    const healthyThenDrop = minutely([0.05, 0.05, 0.05, 0.05, 0.05, 0.044, 0.043, 0.044, 0.044])
    expect(evaluateTrigger(trigger, healthyThenDrop)).toMatchObject({ status: 'fired' })
    const smallDip = minutely([0.05, 0.05, 0.05, 0.05, 0.05, 0.047, 0.046, 0.047, 0.048])
    expect(evaluateTrigger(trigger, smallDip).status).toBe('quiet')
  })

  it('no samples is missing, never healthy', () => {
    expect(evaluateTrigger(above80for5m, []).status).toBe('missing')
    expect(evaluateTrigger(above80for5m, undefined).status).toBe('missing')
  })
})

describe('monitoring readers', () => {
  it('reads ISO 8601 and Unix-second times and sorts samples', () => {
    const set = readMonitoringData(
      {
        p95: [
          ['2025-11-22T08:01:00Z', 2],
          [1763798400, 1]
        ]
      },
      file
    )
    expect(set.p95).toEqual([
      [1763798400, 1],
      [1763798460, 2]
    ])
  })

  it('reads Prometheus matrices, naming series by __name__ or a chosen label', () => {
    const prom = {
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: { __name__: 'up', job: 'api' },
            values: [
              [T0, '1'],
              [T0 + 15, '+Inf']
            ]
          }
        ]
      }
    }
    expect(readMonitoringData(prom, file).up).toEqual([
      [T0, 1],
      [T0 + 15, Infinity]
    ])
    expect(Object.keys(readMonitoringData(prom, file, 'job'))).toEqual(['api'])
  })

  it('refuses ambiguous or malformed monitoring with the path', () => {
    const twice = {
      data: {
        resultType: 'matrix',
        result: [
          { metric: { __name__: 'a' }, values: [] },
          { metric: { __name__: 'a' }, values: [] }
        ]
      }
    }
    expect(() => readMonitoringData(twice, file)).toThrow(/two series are named "a"/)
    expect(() => readMonitoringData({ data: { resultType: 'string', result: [T0, 'x'] } }, file)).toThrow(
      EvidenceError
    )
    expect(() => readMonitoringData({ p95: [[T0, 'fast']] }, file)).toThrow('expected a number, got "fast"')
    expect(() => readMonitoringData({ p95: [['yesterday', 1]] }, file)).toThrow(/Unix seconds or ISO 8601/)
  })
})
