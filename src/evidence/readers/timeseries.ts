import { EvidenceError } from '../../errors.js'
import { DECIMAL } from '../columns/table.js'
import { parseMetricPath } from '../path.js'
import type { SourceFile } from '../source.js'
import { describeEvidenceFile, formatHint, quotedNames, recogniseFile } from './recognise.js'
import { parseStructured } from './structured.js'
import type { EvidenceReader } from './types.js'

/** A series: `[unix seconds, value]`, sorted by time. */
export type Series = Array<[number, number]>
export type SeriesSet = Record<string, Series>

function toSeconds(time: unknown, file: SourceFile, path: string): number {
  if (typeof time === 'number' && Number.isFinite(time)) return time
  if (typeof time === 'string') {
    if (/^\d+(\.\d+)?$/.test(time)) return Number(time)
    const parsed = Date.parse(time)
    if (!Number.isNaN(parsed) && /^\d{4}-\d\d-\d\dT/.test(time)) return parsed / 1000
  }
  throw new EvidenceError(`expected a time in Unix seconds or ISO 8601, got ${JSON.stringify(time)}`, {
    file: file.display,
    path
  })
}

/** How Prometheus (Go's strconv) writes a sample value, plus its non-finite spellings. */
const NON_FINITE: Record<string, number> = { NaN: NaN, '+Inf': Infinity, Inf: Infinity, '-Inf': -Infinity }

/**
 * A sample value. Prometheus sends strings ("61.5", "NaN", "+Inf", "-Inf"); Python-written JSON may
 * hold bare NaN/Infinity. Non-finite values load: the trigger evaluation says what they mean
 * (NaN is a gap, ±Inf compares as the infinity it is). Anything else is refused with its path.
 */
function toValue(value: unknown, file: SourceFile, path: string): number {
  if (typeof value === 'number') return value
  if (typeof value === 'string') {
    if (Object.prototype.hasOwnProperty.call(NON_FINITE, value)) return NON_FINITE[value]!
    if (DECIMAL.test(value)) return Number(value)
  }
  throw new EvidenceError(`expected a number, got ${JSON.stringify(value)}`, { file: file.display, path })
}

function readSeries(points: unknown, file: SourceFile, path: string): Series {
  if (!Array.isArray(points))
    throw new EvidenceError('expected a list of [time, value] pairs', { file: file.display, path })
  const series = points.map((point, i): [number, number] => {
    if (!Array.isArray(point) || point.length !== 2)
      throw new EvidenceError('expected [time, value]', { file: file.display, path: `${path}[${i}]` })
    return [toSeconds(point[0], file, `${path}[${i}][0]`), toValue(point[1], file, `${path}[${i}][1]`)]
  })
  return series.sort((a, b) => a[0] - b[0])
}

/** A Prometheus HTTP API answer: `{ status, data: { resultType, result } }`. */
function isPrometheus(data: unknown): data is { data: { resultType?: unknown; result?: unknown } } {
  return Boolean(
    data &&
    typeof data === 'object' &&
    'data' in data &&
    (data as { data?: { resultType?: unknown } }).data?.resultType !== undefined
  )
}

/**
 * The name a result holding exactly one series gets when no label names it: aggregates such as
 * `sum(...)` or `histogram_quantile(0.95, sum by (le) (...))` return `"metric": {}`.
 */
export const UNNAMED_SERIES = 'value'

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/**
 * The samples of one result entry: `values` in a `matrix` (query_range), the single `value` in a
 * `vector` (instant query).
 */
function entrySamples(
  entry: Record<string, unknown>,
  resultType: string,
  file: SourceFile,
  path: string
): Series {
  // Native histograms come as `histogram(s)` instead of `value(s)`: no number to gate on.
  if (
    entry.value === undefined &&
    entry.values === undefined &&
    ('histogram' in entry || 'histograms' in entry)
  )
    throw new EvidenceError(
      'a native histogram sample, not a number: query a number from it, e.g. histogram_quantile(0.95, …) or histogram_count(…)',
      { file: file.display, path }
    )
  if (resultType === 'matrix') return readSeries(entry.values, file, `${path}.values`)
  return readSeries([entry.value], file, `${path}.value`)
}

function readPrometheus(
  data: { data: { resultType?: unknown; result?: unknown } },
  file: SourceFile,
  seriesLabel?: string
): SeriesSet {
  const set: SeriesSet = Object.create(null) as SeriesSet
  const { resultType, result } = data.data
  if (resultType === 'scalar') {
    set[UNNAMED_SERIES] = readSeries([result], file, 'data.result')
    return set
  }
  if ((resultType !== 'matrix' && resultType !== 'vector') || !Array.isArray(result)) {
    throw new EvidenceError(
      `expected a matrix (query_range), vector or scalar result, got resultType ${JSON.stringify(resultType)}`,
      { file: file.display, path: 'data.resultType' }
    )
  }
  const label = seriesLabel ?? '__name__'
  const unnamed: number[] = []
  result.forEach((entry: unknown, i: number) => {
    const path = `data.result[${i}]`
    if (!isObject(entry)) throw new EvidenceError('expected a series object', { file: file.display, path })
    const labels = isObject(entry.metric) ? entry.metric : {}
    const named = Object.prototype.hasOwnProperty.call(labels, label) ? labels[label] : undefined
    const name =
      typeof named === 'string' && named !== '' ? named : result.length === 1 ? UNNAMED_SERIES : undefined
    if (name === undefined) return void unnamed.push(i)
    if (name in set)
      throw new EvidenceError(
        `two series are named "${name}"; select one in the query or name series by another label (series: on the evidence)`,
        { file: file.display, path }
      )
    set[name] = entrySamples(entry, resultType, file, path)
  })
  if (unnamed.length > 0) {
    // The labels the unnamed series do carry: one of them may be what `series:` should name.
    const carried = new Set<string>()
    for (const i of unnamed) {
      const metric = (result[i] as Record<string, unknown>).metric
      if (isObject(metric)) for (const key of Object.keys(metric)) if (carried.size < 6) carried.add(key)
    }
    throw new EvidenceError(
      `${unnamed.length} of the ${result.length} series have no "${label}" label, so they cannot be told apart: ` +
        'an aggregate (sum, avg, histogram_quantile, …) must return a single series, which is then named ' +
        `"${UNNAMED_SERIES}", or keep a label that names each series and give it as series: on the evidence` +
        (carried.size > 0 ? ` (they carry ${quotedNames([...carried])})` : ''),
      { file: file.display, path: `data.result[${unnamed[0]}].metric` }
    )
  }
  return set
}

export function readMonitoringData(data: unknown, file: SourceFile, seriesLabel?: string): SeriesSet {
  if (isPrometheus(data)) return readPrometheus(data, file, seriesLabel)
  const recognised = recogniseFile(data)
  if (!isObject(data) || (recognised && recognised.format !== 'timeseries')) {
    throw new EvidenceError(
      `${describeEvidenceFile(data)}, not monitoring: expected a Prometheus query result or an object of series keyed by metric name${formatHint(data, 'prometheus')}`,
      { file: file.display }
    )
  }
  const set: SeriesSet = Object.create(null) as SeriesSet
  for (const [name, points] of Object.entries(data)) set[name] = readSeries(points, file, name)
  return set
}

/** `timeseries` and `prometheus`: monitoring for rollback triggers and gates (docs/evidence.md). */
export const readTimeseries: EvidenceReader = async ({ primary, name, spec }) => {
  if (!primary) throw new EvidenceError(`evidence "${name}" needs a path`)
  return readMonitoringData(parseStructured(primary), primary, spec.series)
}

/**
 * Why a series is absent: the query returned none (Prometheus answers an empty result when
 * nothing matched), or the file names its series otherwise (they are listed).
 */
export function explainAbsentSeries(path: string, data: unknown): string | undefined {
  if (!isObject(data)) return undefined
  const names = Object.keys(data)
  if (names.length === 0) return 'the file holds no series (the query matched nothing)'
  const first = parseMetricPath(`e.${path}`)?.segments[0]
  if (typeof first !== 'string' || Object.hasOwn(data, first)) return undefined
  return `its series ${names.length === 1 ? 'is' : 'are'} ${quotedNames(names)}`
}
