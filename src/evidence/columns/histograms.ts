import { EvidenceError } from '../../errors.js'
import type { DriftReport } from '../../stats/drift.js'
import { driftOfHistograms, type Histogram } from '../../stats/histogram.js'
import { parseStructured } from '../readers/structured.js'

/*
 * `modelgate drift --histograms FILE` and `format: histogram`: per-column counts a warehouse
 * computed, `{"columns": [{"name", "kind": "numeric", "edges": [...], "reference": [...],
 * "current": [...]}, {"name", "kind": "categorical", "reference": {"DE": 120, ...}, "current":
 * {...}}]}`. The file is read strictly: every count a non-negative integer below 2^53, edges
 * finite and increasing, one count per bin, bounded sizes; an error names the file and the key.
 */

export const HISTOGRAM_LIMITS = {
  columns: 10_000,
  bins: 10_000,
  categories: 100_000,
  nameLength: 1_000
} as const

const describe = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'a list'
      : typeof value === 'object'
        ? 'an object'
        : typeof value === 'number'
          ? String(value)
          : typeof value

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Validates a parsed histogram document into columns; errors carry the file and key path. */
export function parseHistograms(document: unknown, file: string): Histogram[] {
  const fail = (message: string, path: string): EvidenceError => new EvidenceError(message, { file, path })
  const onlyKeys = (value: Record<string, unknown>, allowed: readonly string[], path: string): void => {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        throw fail(
          `unknown key ${JSON.stringify(key.slice(0, 100))} (expected ${allowed.join(', ')})`,
          path ? `${path}.${key.slice(0, 100)}` : key.slice(0, 100)
        )
      }
    }
  }
  const count = (value: unknown, path: string): number => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw fail(
        `a count must be a non-negative integer below 2^53, not ${typeof value === 'number' ? String(value) : describe(value)}`,
        path
      )
    }
    return value
  }
  const total = (counts: Iterable<number>, path: string): void => {
    let sum = 0
    for (const c of counts) sum += c
    if (!Number.isSafeInteger(sum)) throw fail('the counts add up to 2^53 or more', path)
    if (sum === 0) throw fail('the sample is empty: every count is 0', path)
  }

  if (!isRecord(document)) throw fail(`expected an object with "columns", found ${describe(document)}`, '')
  onlyKeys(document, ['columns'], '')
  const columns = document.columns
  if (!Array.isArray(columns)) throw fail(`expected a list of columns, found ${describe(columns)}`, 'columns')
  if (columns.length === 0) throw fail('no columns', 'columns')
  if (columns.length > HISTOGRAM_LIMITS.columns) {
    throw fail(`${columns.length} columns; at most ${HISTOGRAM_LIMITS.columns}`, 'columns')
  }
  const names = new Set<string>()
  return columns.map((column: unknown, c): Histogram => {
    const at = `columns[${c}]`
    if (!isRecord(column)) throw fail(`expected a column object, found ${describe(column)}`, at)
    const { name, kind } = column
    if (typeof name !== 'string' || name === '' || name.length > HISTOGRAM_LIMITS.nameLength) {
      throw fail(
        `"name" must be a non-empty string of at most ${HISTOGRAM_LIMITS.nameLength} characters`,
        `${at}.name`
      )
    }
    if (names.has(name)) throw fail(`column ${JSON.stringify(name)} appears twice`, `${at}.name`)
    names.add(name)
    if (kind === 'numeric') {
      onlyKeys(column, ['name', 'kind', 'edges', 'reference', 'current'], at)
      const { edges, reference, current } = column
      if (!Array.isArray(edges))
        throw fail(`expected a list of edges, found ${describe(edges)}`, `${at}.edges`)
      if (edges.length < 2 || edges.length > HISTOGRAM_LIMITS.bins + 1) {
        throw fail(`${edges.length} edges; between 2 and ${HISTOGRAM_LIMITS.bins + 1}`, `${at}.edges`)
      }
      edges.forEach((edge: unknown, i) => {
        if (typeof edge !== 'number' || !Number.isFinite(edge)) {
          throw fail(`an edge must be a finite number, not ${describe(edge)}`, `${at}.edges[${i}]`)
        }
        if (i > 0 && !(edge > (edges[i - 1] as number))) {
          throw fail(`edges must increase: ${edge} follows ${String(edges[i - 1])}`, `${at}.edges[${i}]`)
        }
      })
      const counts = (value: unknown, key: 'reference' | 'current'): number[] => {
        if (!Array.isArray(value))
          throw fail(`expected a list of counts, found ${describe(value)}`, `${at}.${key}`)
        if (value.length !== edges.length - 1) {
          throw fail(
            `${value.length} counts for ${edges.length - 1} bins (${edges.length} edges)`,
            `${at}.${key}`
          )
        }
        const parsed = value.map((v: unknown, i) => count(v, `${at}.${key}[${i}]`))
        total(parsed, `${at}.${key}`)
        return parsed
      }
      return {
        name,
        kind: 'numeric',
        edges: edges as number[],
        reference: counts(reference, 'reference'),
        current: counts(current, 'current')
      }
    }
    if (kind === 'categorical') {
      onlyKeys(column, ['name', 'kind', 'reference', 'current'], at)
      const counts = (value: unknown, key: 'reference' | 'current'): Map<string, number> => {
        if (!isRecord(value)) {
          throw fail(`expected an object of category counts, found ${describe(value)}`, `${at}.${key}`)
        }
        const entries = Object.entries(value)
        if (entries.length > HISTOGRAM_LIMITS.categories) {
          throw fail(`${entries.length} categories; at most ${HISTOGRAM_LIMITS.categories}`, `${at}.${key}`)
        }
        const map = new Map<string, number>()
        for (const [category, v] of entries) {
          if (category.length > HISTOGRAM_LIMITS.nameLength) {
            throw fail(
              `a category name longer than ${HISTOGRAM_LIMITS.nameLength} characters`,
              `${at}.${key}`
            )
          }
          map.set(category, count(v, `${at}.${key}[${JSON.stringify(category)}]`))
        }
        total(map.values(), `${at}.${key}`)
        return map
      }
      return {
        name,
        kind: 'categorical',
        reference: counts(column.reference, 'reference'),
        current: counts(column.current, 'current')
      }
    }
    throw fail(
      `"kind" must be "numeric" or "categorical", not ${typeof kind === 'string' ? JSON.stringify(kind.slice(0, 50)) : describe(kind)}`,
      `${at}.kind`
    )
  })
}

/** Drift from a histogram file's bytes (JSON, or YAML of the same shape). */
export function driftOfHistogramFile(input: {
  file: string
  bytes: Uint8Array
}): DriftReport & { histograms: string } {
  const document = parseStructured({ display: input.file, bytes: Buffer.from(input.bytes) })
  return { histograms: input.file, ...driftOfHistograms(parseHistograms(document, input.file)) }
}
