import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { EvidenceError } from '../../src/errors.js'
import { loadEvidence } from '../../src/evidence/load.js'
import { LocalEvidenceSource } from '../../src/evidence/local-source.js'
import { resolveMetricPath } from '../../src/evidence/path.js'
import type { EvidenceFormat } from '../../src/policy/types.js'
import { scratchDir } from '../helpers/tmp.js'

const source = new LocalEvidenceSource('test/fixtures/evidence')
const load = (format: EvidenceFormat, path: string) => loadEvidence('report', { format, path }, source)

describe('evidently reader (legacy Report JSON)', () => {
  it('exposes dataset-level drift and per-column results', async () => {
    const { data } = await load('evidently', 'evidently-drift.json')
    expect(resolveMetricPath(data, 'share_of_drifted_columns')).toEqual({
      found: true,
      value: 0.3333333333333333
    })
    expect(resolveMetricPath(data, 'number_of_drifted_columns')).toEqual({ found: true, value: 1 })
    expect(resolveMetricPath(data, 'dataset_drift')).toEqual({ found: true, value: false })
    expect(resolveMetricPath(data, 'columns.amount')).toEqual({
      found: true,
      value: {
        drift_score: 0.0012,
        drift_detected: true,
        stattest_name: 'K-S p_value',
        stattest_threshold: 0.05,
        column_type: 'num'
      }
    })
  })

  it('refuses a report without drift metrics', async () => {
    const scratch = scratchDir({
      'r.json': '{"metrics": [{"metric": "ColumnSummaryMetric", "result": {}}]}',
      'x.json': '{"a": 1}'
    })
    try {
      const local = new LocalEvidenceSource(scratch.dir)
      await expect(loadEvidence('drift', { format: 'evidently', path: 'r.json' }, local)).rejects.toThrow(
        /without drift metrics/
      )
      await expect(loadEvidence('drift', { format: 'evidently', path: 'x.json' }, local)).rejects.toThrow(
        /no "metrics" or "tests" list/
      )
    } finally {
      scratch.cleanup()
    }
  })
})

describe('k6 reader', () => {
  it('reads --summary-export: p95 latency, error rate from the http_req_failed rate, request count', async () => {
    const { data } = await load('k6', 'k6-summary-export.json')
    expect(data).toMatchObject({ latency_p95_ms: 61.9, error_rate: 0.002, requests: 18500 })
    expect(resolveMetricPath(data, 'metrics.vus.max')).toEqual({ found: true, value: 20 })
  })

  it('leaves p99 absent when k6 did not export it, never estimating it', async () => {
    const { data } = await load('k6', 'k6-summary-export.json')
    expect(resolveMetricPath(data, 'latency_p99_ms').found).toBe(false)
  })

  it('reads a handleSummary dump (values nested under each metric)', async () => {
    const { data } = await load('k6', 'k6-handle-summary.json')
    expect(data).toMatchObject({
      latency_p95_ms: 70.5,
      latency_p99_ms: 95.25,
      error_rate: 0.004,
      requests: 2000
    })
  })
})

describe('json reader and loader errors', () => {
  it('names the file and line of malformed JSON', async () => {
    const scratch = scratchDir({ 'bad.json': '{\n  "auc": 0.9,\n  "f1": ,\n}\n' })
    try {
      const error = await loadEvidence(
        'offline',
        { format: 'json', path: 'bad.json' },
        new LocalEvidenceSource(scratch.dir)
      ).catch((e) => e)
      expect(error).toBeInstanceOf(EvidenceError)
      expect((error as EvidenceError).location).toMatchObject({ file: 'bad.json', line: 3 })
    } finally {
      scratch.cleanup()
    }
  })

  it('names a file that is absent, and refuses duplicate keys', async () => {
    const scratch = scratchDir({ 'dup.json': '{"auc": 0.9, "auc": 0.1}' })
    try {
      const local = new LocalEvidenceSource(scratch.dir)
      await expect(loadEvidence('offline', { format: 'json', path: 'nope.json' }, local)).rejects.toThrow(
        'evidence "offline": cannot read: no such file'
      )
      await expect(loadEvidence('offline', { format: 'json', path: 'dup.json' }, local)).rejects.toThrow(
        EvidenceError
      )
    } finally {
      scratch.cleanup()
    }
  })

  it('reads YAML reports and records the sha256 of the bytes', async () => {
    const scratch = scratchDir({ 'm.yaml': 'auc: 0.91\n' })
    try {
      const loaded = await loadEvidence(
        'offline',
        { format: 'yaml', path: 'm.yaml' },
        new LocalEvidenceSource(scratch.dir)
      )
      expect(loaded.data).toEqual({ auc: 0.91 })
      expect(loaded.sha256).toBe(createHash('sha256').update('auc: 0.91\n').digest('hex'))
      expect(loaded.source).toBe('m.yaml')
    } finally {
      scratch.cleanup()
    }
  })
})

describe('metric paths', () => {
  const data = { a: { b: [{ c: 1 }, { c: 2 }] }, 'x.y': 3 }
  it('resolves keys, indices and quoted keys', () => {
    expect(resolveMetricPath(data, 'a.b[1].c')).toEqual({ found: true, value: 2 })
    expect(resolveMetricPath(data, '["x.y"]')).toEqual({ found: true, value: 3 })
  })
  it('never resolves inherited properties', () => {
    for (const path of ['__proto__', 'constructor', 'toString', 'a.hasOwnProperty', 'a.b.length']) {
      expect(resolveMetricPath(data, path).found).toBe(false)
    }
  })
  it('says where the path stopped', () => {
    expect(resolveMetricPath(data, 'a.b[5].c')).toEqual({ found: false, missingAt: '.a.b[5]' })
  })
})
