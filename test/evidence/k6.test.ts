import { describe, expect, it } from '@jest/globals'
import { loadEvidence } from '../../src/evidence/load.js'
import { LocalEvidenceSource } from '../../src/evidence/local-source.js'
import { resolveMetricPath } from '../../src/evidence/path.js'
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
