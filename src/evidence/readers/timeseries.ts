import { EvidenceError } from '../../errors.js'
import type { SourceFile } from '../source.js'
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

function toValue(value: unknown, file: SourceFile, path: string): number {
  // Prometheus sends sample values as strings ("61.5", "NaN", "+Inf").
  const number =
    typeof value === 'string' && value.trim() !== '' ? Number(value.replace(/^\+?Inf$/, 'Infinity')) : value
  if (typeof number !== 'number' || Number.isNaN(number)) {
    throw new EvidenceError(`expected a number, got ${JSON.stringify(value)}`, { file: file.display, path })
  }
  return number
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

/** A Prometheus `query_range` result: `{ status, data: { resultType: "matrix", result: [...] } }`. */
function isPrometheus(data: unknown): data is { data: { resultType?: unknown; result?: unknown } } {
  return Boolean(
    data &&
    typeof data === 'object' &&
    'data' in data &&
    (data as { data?: { resultType?: unknown } }).data?.resultType !== undefined
  )
}

export function readMonitoringData(data: unknown, file: SourceFile, seriesLabel?: string): SeriesSet {
  const set: SeriesSet = Object.create(null) as SeriesSet
  if (isPrometheus(data)) {
    const { resultType, result } = data.data
    if (resultType !== 'matrix' || !Array.isArray(result)) {
      throw new EvidenceError(
        `expected a query_range matrix result, got resultType ${JSON.stringify(resultType)}`,
        { file: file.display, path: 'data.resultType' }
      )
    }
    result.forEach((entry: unknown, i: number) => {
      const path = `data.result[${i}]`
      const labels = (entry as { metric?: Record<string, unknown> })?.metric ?? {}
      const name = seriesLabel ? labels[seriesLabel] : labels.__name__
      if (typeof name !== 'string' || name === '') {
        throw new EvidenceError(
          `series has no ${seriesLabel ? `"${seriesLabel}"` : '__name__'} label to name it by (set series: on the evidence)`,
          { file: file.display, path }
        )
      }
      if (name in set)
        throw new EvidenceError(
          `two series are named "${name}"; select one in the query or name series by another label`,
          { file: file.display, path }
        )
      set[name] = readSeries((entry as { values?: unknown }).values, file, `${path}.values`)
    })
    return set
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new EvidenceError(
      'expected an object of series keyed by metric name, or a Prometheus query_range result',
      { file: file.display }
    )
  }
  for (const [name, points] of Object.entries(data as Record<string, unknown>))
    set[name] = readSeries(points, file, name)
  return set
}

/** `timeseries` and `prometheus`: monitoring for rollback triggers (docs/evidence.md). */
export const readTimeseries: EvidenceReader = async ({ primary, name, spec }) => {
  if (!primary) throw new EvidenceError(`evidence "${name}" needs a path`)
  return readMonitoringData(parseStructured(primary), primary, spec.series)
}
