/**
 * Metric paths: `<evidence>.<segment>…` where a segment is a key, `[n]`, or `["key.with.dots"]`.
 * Resolution reads own properties only, so `__proto__`, `constructor` or `toString` in a path are
 * missing values, never something inherited.
 */

export type PathSegment = string | number

export interface MetricPath {
  evidence: string
  segments: PathSegment[]
}

const SEGMENT = /\.([^.[\]\s]+)|\[(\d+)\]|\["([^"\]]+)"\]/y

export function parseMetricPath(metric: string): MetricPath | undefined {
  const head = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(metric)
  if (!head) return undefined
  const segments: PathSegment[] = []
  SEGMENT.lastIndex = head[0].length
  while (SEGMENT.lastIndex < metric.length) {
    const match = SEGMENT.exec(metric)
    if (!match) return undefined
    segments.push(match[2] !== undefined ? Number(match[2]) : (match[1] ?? match[3])!)
  }
  return { evidence: head[0], segments }
}

export type Resolution = { found: true; value: unknown } | { found: false; missingAt: string }

/** Walks `segments` into `data`; says which segment was absent when it fails. */
export function resolveSegments(data: unknown, segments: readonly PathSegment[]): Resolution {
  let value = data
  let walked = ''
  for (const segment of segments) {
    walked += typeof segment === 'number' ? `[${segment}]` : `.${segment}`
    if (typeof segment === 'number') {
      if (!Array.isArray(value) || segment >= value.length) return { found: false, missingAt: walked }
      value = value[segment]
    } else {
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        return { found: false, missingAt: walked }
      if (!Object.prototype.hasOwnProperty.call(value, segment)) return { found: false, missingAt: walked }
      value = (value as Record<string, unknown>)[segment]
    }
  }
  return { found: true, value }
}

/** Resolves a path relative to one report (`auc`, `metrics[0].p95`), without the evidence name. */
export function resolveMetricPath(data: unknown, path: string): Resolution {
  const parsed = parseMetricPath(`_${path.startsWith('[') ? '' : '.'}${path}`)
  if (!parsed) return { found: false, missingAt: path }
  return resolveSegments(data, parsed.segments)
}
