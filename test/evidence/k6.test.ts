import { describe, expect, it } from '@jest/globals'
import { loadEvidence } from '../../src/evidence/load.js'
import { LocalEvidenceSource } from '../../src/evidence/local-source.js'
import { resolveMetricPath } from '../../src/evidence/path.js'
import { gateOn } from '../helpers/policy.js'
import { scratchDir } from '../helpers/tmp.js'

const fixtures = new LocalEvidenceSource('test/fixtures/evidence')
const read = async (path: string, source = fixtures) =>
  (await loadEvidence('online', { format: 'k6', path }, source)).data as Record<string, unknown>

describe('k6 reader', () => {
  it('reads the error rate from the Rate `value`, never from passes/fails (k6 counts failures as passes)', async () => {
    const data = await read('k6-summary-export.json')
    expect(data.error_rate).toBe(0.002)
    expect(data.requests).toBe(18500)
  })

  it('exposes the other trend stats it finds and keeps the raw metrics', async () => {
    const data = await read('k6-summary-export.json')
    expect(data).toMatchObject({ latency_p90_ms: 58.3, latency_median_ms: 38.5, latency_avg_ms: 41.2 })
    expect(resolveMetricPath(data, 'metrics.http_req_duration["p(95)"]')).toEqual({
      found: true,
      value: 61.9
    })
    expect(resolveMetricPath(data, 'metrics.checks.value')).toEqual({ found: true, value: 0.998 })
  })

  it('counts crossed k6 thresholds in both summary shapes', async () => {
    expect((await read('k6-summary-export.json')).thresholds_crossed).toBe(0)
    const scratch = scratchDir({
      'export.json': JSON.stringify({
        metrics: {
          http_req_duration: { 'p(95)': 120, thresholds: { 'p(95)<80': true, 'p(90)<200': false } },
          http_req_failed: { value: 0.2, thresholds: { 'rate<0.01': true } }
        }
      }),
      'handle.json': JSON.stringify({
        metrics: {
          http_req_duration: {
            type: 'trend',
            values: { 'p(95)': 120 },
            thresholds: { 'p(95)<80': { ok: false }, 'p(99)<300': { ok: true } }
          }
        }
      }),
      'none.json': JSON.stringify({ metrics: { http_reqs: { count: 3 } } })
    })
    try {
      const local = new LocalEvidenceSource(scratch.dir)
      expect((await read('export.json', local)).thresholds_crossed).toBe(2)
      expect((await read('handle.json', local)).thresholds_crossed).toBe(1)
      expect('thresholds_crossed' in (await read('none.json', local))).toBe(false)
    } finally {
      scratch.cleanup()
    }
  })

  it('leaves latency and error rate absent when the summary lacks them (never derived from passes/fails)', async () => {
    const scratch = scratchDir({
      's.json': JSON.stringify({
        metrics: { http_reqs: { count: 3, rate: 1 }, http_req_failed: { passes: 1, fails: 2 } }
      })
    })
    try {
      const data = await read('s.json', new LocalEvidenceSource(scratch.dir))
      expect(Object.keys(data).sort()).toEqual(['metrics', 'requests'])
    } finally {
      scratch.cleanup()
    }
  })

  it('refuses a file that is not a k6 summary, naming the file', async () => {
    const scratch = scratchDir({ 'x.json': '{"data": []}' })
    try {
      await expect(read('x.json', new LocalEvidenceSource(scratch.dir))).rejects.toThrow(
        expect.objectContaining({ location: expect.objectContaining({ file: 'x.json', path: 'metrics' }) })
      )
    } finally {
      scratch.cleanup()
    }
  })
})

describe('k6 machine-readable summary (k6 1.5+ --new-machine-readable-summary)', () => {
  it('reads latency, error rate and requests from results.metrics', async () => {
    const data = await read('k6-machine-readable.json')
    expect(data).toMatchObject({
      latency_p95_ms: 98.44,
      latency_p90_ms: 71.3,
      latency_median_ms: 35.02,
      latency_avg_ms: 41.87,
      error_rate: 0.005,
      requests: 600,
      summary_version: '1.0.0'
    })
    expect('thresholds_crossed' in data).toBe(false)
    expect(resolveMetricPath(data, 'metrics.vus.values.max')).toEqual({ found: true, value: 10 })
  })

  it('a gate on p99 says this summary never carries it, and how to get it', async () => {
    const online = await loadEvidence('online', { format: 'k6', path: 'k6-machine-readable.json' }, fixtures)
    const gate = gateOn('- { id: p99, metric: online.latency_p99_ms, max: 200 }', 'online', online)
    expect(gate.status).toBe('error')
    expect(gate.message).toMatch(/machine-readable summary .* only avg, min, med, max, p\(90\) and p\(95\)/)
    expect(gate.message).toMatch(/--summary-trend-stats/)
  })

  it('refuses a metric listed twice, with its path', async () => {
    const scratch = scratchDir({
      'twice.json': JSON.stringify({
        results: {
          metrics: [
            { name: 'http_req_failed', type: 'rate', values: { rate: 0 } },
            { name: 'http_req_failed', type: 'rate', values: { rate: 0.5 } }
          ]
        },
        version: '1.0.0'
      })
    })
    try {
      await expect(read('twice.json', new LocalEvidenceSource(scratch.dir))).rejects.toThrow(
        expect.objectContaining({
          message: expect.stringContaining('"http_req_failed" is listed twice'),
          location: expect.objectContaining({ file: 'twice.json', path: 'results.metrics[1].name' })
        })
      )
    } finally {
      scratch.cleanup()
    }
  })

  it('given as Prometheus, the file is named as a k6 summary with the format that reads it', async () => {
    await expect(
      loadEvidence('m', { format: 'prometheus', path: 'k6-machine-readable.json' }, fixtures)
    ).rejects.toThrow(/looks like a k6 machine-readable end-of-test summary.*format: k6 reads it/)
  })
})
