import type { EvidenceFormat } from '../../policy/types.js'

/*
 * What a file given under the wrong `format:` actually is, so a refusal can say "this looks like a
 * k6 summary; format: k6 reads it" instead of a bare "no metrics list". Recognition goes by the
 * keys each tool writes, never by the file name; the result only words an error, it never decides
 * how a file is read.
 */

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

const K6_METRICS = [
  'http_req_duration',
  'http_reqs',
  'http_req_failed',
  'iterations',
  'checks',
  'vus',
  'data_received'
]

interface Recognised {
  what: string
  format?: EvidenceFormat
}

/** Names for the shapes modelgate knows, first match wins. */
export function recogniseFile(data: unknown): Recognised | undefined {
  if (Array.isArray(data)) return { what: 'a JSON list' }
  if (!isObject(data)) return undefined
  if (
    isObject(data.metrics) &&
    (K6_METRICS.some((key) => key in (data.metrics as object)) || 'root_group' in data)
  )
    return { what: 'a k6 end-of-test summary', format: 'k6' }
  if (
    isObject(data.results) &&
    Array.isArray(data.results.metrics) &&
    isObject(data.metadata) &&
    'k6Version' in data.metadata
  )
    return { what: 'a k6 machine-readable end-of-test summary', format: 'k6' }
  if (isObject(data.data) && data.data.resultType !== undefined)
    return { what: 'a Prometheus query result', format: 'prometheus' }
  if (data.status === 'error' && typeof data.errorType === 'string') {
    const error = typeof data.error === 'string' ? data.error : ''
    const shownError = JSON.stringify(error.length > 80 ? `${error.slice(0, 77)}...` : error)
    return {
      what: `a Prometheus error answer (the query failed, ${JSON.stringify(data.errorType.slice(0, 30))}: ${shownError}; no data)`
    }
  }
  if (isObject(data.data_drift) && isObject(data.data_drift.data))
    return { what: 'an Evidently 0.1 Profile (data_drift section)', format: 'evidently' }
  // Evidently's full serialisation (Snapshot.save / dumps, what its UI workspace stores) keeps
  // typed results by metric id; the report as json() / save_json() write it is what is read.
  if (isObject(data.metric_results) && Array.isArray(data.top_level_metrics))
    return {
      what: 'an Evidently 0.7 snapshot (Snapshot.save / dumps) rather than the report as snapshot.json() or save_json() writes it'
    }
  if (isObject(data.suite) && ('metric_results' in data.suite || 'test_results' in data.suite))
    return {
      what: 'an Evidently legacy snapshot (Report.save / TestSuite.save) rather than the report as json() or save_json() writes it'
    }
  const tests = Array.isArray(data.tests) ? data.tests : undefined
  const metrics = Array.isArray(data.metrics) ? data.metrics : undefined
  const first = (list: unknown[] | undefined) => (list && isObject(list[0]) ? list[0] : undefined)
  if (tests && isObject(data.summary))
    return { what: 'an Evidently test suite (legacy TestSuite)', format: 'evidently' }
  const metric = first(metrics)
  if (metric && typeof metric.metric === 'string' && 'result' in metric)
    return { what: 'an Evidently legacy Report (0.2-0.6)', format: 'evidently' }
  if (metric && (typeof metric.metric_name === 'string' || typeof metric.metric_id === 'string')) {
    const withTests = tests && tests.length > 0 ? ' with tests' : ''
    return { what: `an Evidently 0.7 report${withTests}`, format: 'evidently' }
  }
  if (tests && isObject(first(tests)) && 'status' in first(tests)!)
    return { what: 'an Evidently test suite', format: 'evidently' }
  const values = Object.values(data)
  if (
    values.length > 0 &&
    values.every(
      (value) => Array.isArray(value) && value.every((point) => Array.isArray(point) && point.length === 2)
    )
  )
    return { what: 'monitoring series ({ name: [[time, value], ...] })', format: 'timeseries' }
  return undefined
}

/**
 * The first five of `names` (keys, columns, series or labels a file wrote), each quoted and cut
 * to 30 characters, then `, ...` and the total when there are more: a message names what the
 * file has without copying an attacker's megabyte of key names.
 */
export function quotedNames(names: readonly string[]): string {
  const shown = names
    .slice(0, 5)
    .map((name) => JSON.stringify(name.length > 30 ? `${name.slice(0, 27)}...` : name))
    .join(', ')
  return names.length > 5 ? `${shown}, ... (${names.length})` : shown
}

/** `this file looks like a k6 end-of-test summary`, or its first keys when it is none of the known shapes. */
export function describeEvidenceFile(data: unknown): string {
  const recognised = recogniseFile(data)
  if (recognised) return `this file looks like ${recognised.what}`
  if (!isObject(data)) return `this file holds ${data === null ? 'null' : `a ${typeof data}`}`
  const keys = Object.keys(data)
  return keys.length === 0
    ? 'this file is an empty object'
    : `this file is an object with keys ${quotedNames(keys)}`
}

/** `; format: k6 reads it` when the file is something another format reads. */
export function formatHint(data: unknown, given: EvidenceFormat): string {
  const format = recogniseFile(data)?.format
  return format && format !== given ? `; format: ${format} reads it` : ''
}
