import { containsGitHubToken } from '../evidence/redact.js'
import { KNOWN_CONCLUSIONS } from '../gates/checks.js'
import { LINEAGE_RULES } from '../gates/lineage.js'
import { parseMetricPath, type PathSegment } from '../evidence/path.js'
import { evidenceFormats } from '../policy/schema.js'
import type { EvidenceFormat, LineageField } from '../policy/types.js'

/*
 * What a record keeps of each evidence file's values, so that a policy written later can be
 * replayed against it (docs/records.md "What records keep for replay"). Evidence is someone
 * else's data copied into a public, size-limited record, so what is kept is bounded and plain:
 * scalar leaves only, under paths of a narrow grammar, with counts and sizes capped; whatever is
 * left out makes the entry incomplete, and replay then says it cannot tell rather than guessing.
 */

/** A kept leaf: a finite number, a boolean, a short string, null, or an empty object or list. */
export type LeafValue = number | boolean | string | null | Record<string, never> | never[]

/** One evidence file's kept values (`evidence_values[]` in the record). */
export interface RecordedEvidenceValues {
  /** The evidence name, as in `evidence[].name`. */
  name: string
  /** sha256 of the bytes the values were read from: the full evidence, as `evidence[].sha256`. */
  sha256: string
  /** The evidence's format (`json`, `evidently`, `prometheus`, …): gates read some formats their own way. */
  format: EvidenceFormat
  /** Leaves the evidence holds in all (as far as they were counted, see `complete`). */
  leaves: number
  /** Every leaf of the evidence is in `values`: a path not there was not in the evidence. */
  complete: boolean
  /** Path relative to the evidence (`.auc`, `.columns.age.psi`, `["p(95)"]`, `[0]`) → value. */
  values: Record<string, LeafValue>
}

export const EVIDENCE_VALUE_LIMITS = {
  /** Leaves kept per record, over all its evidence. */
  leaves: 300,
  /** UTF-8 bytes of the kept `"path": value` pairs per record (a tag message holds 64 KiB). */
  bytes: 16 * 1024,
  /** A string longer than this is left out (the longest value an `equals` gate compares). */
  string: 200,
  /** Characters of a path. */
  path: 160,
  /** Keys and indexes in a path. */
  depth: 8,
  /** The highest list index kept (four digits: never a number beyond what a double holds exactly). */
  index: 9999,
  /** Values visited per evidence file before counting stops (bounded work on a hostile file). */
  walk: 20_000
} as const

/** Keys kept: letters, digits and a few punctuation marks, at most 80; anything else is left out. */
const KEY = /^[A-Za-z0-9_ .:@+/=,()-]{1,80}$/
/** Keys written `.key`; the others `["key"]`. */
const PLAIN_KEY = /^[A-Za-z0-9_-]+$/

const segmentText = (segment: PathSegment): string =>
  typeof segment === 'number' ? `[${segment}]` : PLAIN_KEY.test(segment) ? `.${segment}` : `["${segment}"]`

/** The canonical path of segments; undefined when one of them cannot be kept. */
export function leafPath(segments: readonly PathSegment[]): string | undefined {
  if (segments.length > EVIDENCE_VALUE_LIMITS.depth) return undefined
  let path = ''
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!Number.isSafeInteger(segment) || segment < 0 || segment > EVIDENCE_VALUE_LIMITS.index)
        return undefined
    } else if (!KEY.test(segment) || containsGitHubToken(segment)) return undefined
    path += segmentText(segment)
  }
  return path.length > EVIDENCE_VALUE_LIMITS.path ? undefined : path
}

const PATH_SEGMENT = /\.([A-Za-z0-9_-]+)|\[(\d{1,4})\]|\["([A-Za-z0-9_ .:@+/=,()-]{1,80})"\]/y

/**
 * The segments of a kept path, read back from a record: only the grammar `leafPath` writes, in
 * its canonical form, within the limits (a record is data anyone who can push a tag may write).
 * Indexes have at most four digits, so `Number` reads them exactly.
 */
export function parseLeafPath(path: string): PathSegment[] | undefined {
  if (path.length > EVIDENCE_VALUE_LIMITS.path) return undefined
  const segments: PathSegment[] = []
  PATH_SEGMENT.lastIndex = 0
  while (PATH_SEGMENT.lastIndex < path.length) {
    const match = PATH_SEGMENT.exec(path)
    if (!match) return undefined
    segments.push(match[2] !== undefined ? Number(match[2]) : (match[1] ?? match[3])!)
  }
  return leafPath(segments) === path ? segments : undefined
}

/** The path of a metric (`offline.columns.age.psi`) inside its evidence, as a kept path. */
export function metricLeaf(metric: string): { evidence: string; path: string } | undefined {
  const parsed = parseMetricPath(metric)
  if (!parsed) return undefined
  const path = leafPath(parsed.segments)
  return path === undefined ? undefined : { evidence: parsed.evidence, path }
}

const isSeries = (value: unknown): value is unknown[][] =>
  Array.isArray(value) && value.every((sample) => Array.isArray(sample) && sample.length === 2)

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

interface Walked {
  leaves: Array<{ path: string; value: LeafValue }>
  /** Leaves seen, kept or not. */
  count: number
  /** Something was left out: a key or string outside the limits, a series summarised, the walk cut. */
  partial: boolean
}

/**
 * The scalar leaves of one evidence's data in document order. Monitoring series (`timeseries`,
 * `prometheus`) are gated on their latest sample, so a series is kept as that sample's value.
 */
function walkLeaves(data: unknown, format: EvidenceFormat): Walked {
  const result: Walked = { leaves: [], count: 0, partial: false }
  let visited = 0
  const series = format === 'timeseries' || format === 'prometheus'
  const visit = (value: unknown, segments: PathSegment[]): void => {
    if (++visited > EVIDENCE_VALUE_LIMITS.walk) {
      result.partial = true
      return
    }
    if (series && segments.length > 0 && isSeries(value) && value.length > 0) {
      result.partial = true
      visit(value[value.length - 1]![1], segments)
      return
    }
    const container = Array.isArray(value) || isPlainObject(value)
    const entries: Array<[PathSegment, unknown]> = Array.isArray(value)
      ? value.map((item, i) => [i, item])
      : isPlainObject(value)
        ? Object.entries(value)
        : []
    if (!container || entries.length === 0) {
      result.count++
      const path = leafPath(segments)
      const kept = keptValue(value)
      if (path === undefined || kept === undefined) result.partial = true
      else result.leaves.push({ path, value: kept })
      return
    }
    if (segments.length >= EVIDENCE_VALUE_LIMITS.depth) {
      result.count++
      result.partial = true
      return
    }
    for (const [segment, item] of entries) {
      if (visited > EVIDENCE_VALUE_LIMITS.walk) {
        result.partial = true
        return
      }
      visit(item, [...segments, segment])
    }
  }
  visit(data, [])
  return result
}

/** The value as kept, or undefined when it is left out (a long or token-bearing string). */
function keptValue(value: unknown): LeafValue | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'boolean' || value === null) return value
  if (typeof value === 'string')
    return value.length <= EVIDENCE_VALUE_LIMITS.string && !containsGitHubToken(value) ? value : undefined
  if (Array.isArray(value) && value.length === 0) return []
  if (isPlainObject(value) && Object.keys(value).length === 0) return {}
  return undefined
}

const pairBytes = (path: string, value: LeafValue): number =>
  Buffer.byteLength(`${JSON.stringify(path)}:${JSON.stringify(value)},`, 'utf8')

/**
 * Which strings of the evidence a record may keep. A string in an evidence file may be anything
 * (a password in a credentials file a policy pointed at), so one is kept only when keeping it
 * discloses nothing: a gate of the attempt already shows it verbatim (an `equals` gate's observed
 * value); it is in an evidence file a `schema_compatible` gate of the attempt read as a feature
 * schema; it is a check conclusion (a closed vocabulary); or it is a well-formed lineage field
 * under its own key (the record's `artifacts` carry those already).
 */
export interface PublicStrings {
  shown?: ReadonlyArray<{ metric: string; value: string }>
  schemaEvidence?: readonly string[]
}

function publicString(path: string, value: string): boolean {
  if (KNOWN_CONCLUSIONS.has(value.toLowerCase())) return true
  const key = /(?:^|\.)([a-z_]+)$/.exec(path)?.[1]
  return (
    key !== undefined && Object.hasOwn(LINEAGE_RULES, key) && LINEAGE_RULES[key as LineageField].test(value)
  )
}

/**
 * The values a record keeps of its evidence, bounded for the whole record: first the paths the
 * transition's gates read (`wanted`, metric paths such as `online.latency_p95_ms`), then every
 * other leaf in document order, until the count or byte budget is spent. Non-finite numbers are
 * kept as null: every gate fails closed on both alike.
 */
export function recordedEvidenceValues(
  evidence: ReadonlyArray<{ name: string; sha256: string; format: EvidenceFormat; data: unknown }>,
  wanted: readonly string[] = [],
  strings: PublicStrings = {}
): RecordedEvidenceValues[] {
  const leafKey = (metric: string): string[] => {
    const leaf = metricLeaf(metric)
    return leaf ? [`${leaf.evidence}\u0000${leaf.path}`] : []
  }
  const walked = evidence.map((e) => ({ evidence: e, ...walkLeaves(e.data, e.format) }))
  const first = new Set(wanted.flatMap(leafKey))
  const shown = new Map(
    (strings.shown ?? []).flatMap(({ metric, value }) => leafKey(metric).map((key) => [key, value]))
  )
  const schemaEvidence = new Set(strings.schemaEvidence ?? [])
  for (const w of walked) {
    const before = w.leaves.length
    w.leaves = w.leaves.filter(
      (leaf) =>
        typeof leaf.value !== 'string' ||
        shown.get(`${w.evidence.name}\u0000${leaf.path}`) === leaf.value ||
        schemaEvidence.has(w.evidence.name) ||
        publicString(leaf.path, leaf.value)
    )
    if (w.leaves.length < before) w.partial = true
  }
  const order = walked.flatMap((w, index) => w.leaves.map((leaf) => ({ index, ...leaf })))
  const ranked = [
    ...order.filter((leaf) => first.has(`${walked[leaf.index]!.evidence.name}\u0000${leaf.path}`)),
    ...order.filter((leaf) => !first.has(`${walked[leaf.index]!.evidence.name}\u0000${leaf.path}`))
  ]
  const kept = walked.map(() => new Map<string, LeafValue>())
  let count = 0
  let bytes = 0
  for (const leaf of ranked) {
    const size = pairBytes(leaf.path, leaf.value)
    if (count + 1 > EVIDENCE_VALUE_LIMITS.leaves || bytes + size > EVIDENCE_VALUE_LIMITS.bytes) continue
    kept[leaf.index]!.set(leaf.path, leaf.value)
    count++
    bytes += size
  }
  return walked.map((w, index) => {
    const values: Record<string, LeafValue> = {}
    // Document order in the record, whatever order they were chosen in.
    for (const leaf of w.leaves) if (kept[index]!.has(leaf.path)) values[leaf.path] = leaf.value
    return {
      name: w.evidence.name,
      sha256: w.evidence.sha256,
      format: w.evidence.format,
      leaves: w.count,
      complete: !w.partial && kept[index]!.size === w.leaves.length,
      values
    }
  })
}

/** What a record's `evidence_values` entry holds once checked: usable, or why it is not. */
export type CheckedEvidenceValues =
  | {
      ok: true
      format: EvidenceFormat
      complete: boolean
      values: Map<string, { segments: PathSegment[]; value: LeafValue }>
    }
  | { ok: false; problem: string }

const FORMATS: readonly EvidenceFormat[] = evidenceFormats

const isLeafValue = (value: unknown): value is LeafValue =>
  (typeof value === 'number' && Number.isFinite(value)) ||
  typeof value === 'boolean' ||
  value === null ||
  (typeof value === 'string' && value.length <= EVIDENCE_VALUE_LIMITS.string) ||
  (Array.isArray(value) && value.length === 0) ||
  (isPlainObject(value) && Object.keys(value).length === 0)

/**
 * Checks one `evidence_values` entry read from a record before replay trusts it: a known
 * evidence with the same digest, within the limits, every path in the written grammar, every
 * value a kept leaf, no path inside another's leaf. A record may have been written by hand.
 */
export function checkEvidenceValues(
  entry: unknown,
  evidence: ReadonlyArray<{ name: string; sha256: string }>
): CheckedEvidenceValues {
  if (!isPlainObject(entry)) return { ok: false, problem: 'not an object' }
  const { name, sha256, complete, values, format } = entry
  if (typeof name !== 'string' || !evidence.some((e) => e.name === name && e.sha256 === sha256))
    return { ok: false, problem: 'names no evidence of the record with that sha256' }
  if (typeof complete !== 'boolean' || !isPlainObject(values))
    return { ok: false, problem: 'needs complete (true or false) and values (an object)' }
  if (typeof format !== 'string' || !(FORMATS as readonly string[]).includes(format))
    return { ok: false, problem: 'names no evidence format modelgate reads' }
  const paths = Object.keys(values)
  if (paths.length > EVIDENCE_VALUE_LIMITS.leaves) return { ok: false, problem: 'holds too many values' }
  const checked = new Map<string, { segments: PathSegment[]; value: LeafValue }>()
  for (const path of paths) {
    const segments = parseLeafPath(path)
    if (!segments)
      return { ok: false, problem: `path ${JSON.stringify(path.slice(0, 40))} is not a kept path` }
    const value = values[path]
    if (!isLeafValue(value)) return { ok: false, problem: `the value at ${path} is not a kept value` }
    checked.set(path, { segments, value })
  }
  // A leaf cannot hold another leaf: `.a` = 1 and `.a.b` = 2 cannot both come from one file.
  for (const [path, { segments }] of checked)
    for (let i = 1; i < segments.length; i++) {
      const prefix = leafPath(segments.slice(0, i))!
      if (checked.has(prefix)) return { ok: false, problem: `${path} lies inside the value at ${prefix}` }
    }
  if (checked.has('') && checked.size > 1) return { ok: false, problem: 'a root value beside other values' }
  return { ok: true, format: format as EvidenceFormat, complete, values: checked }
}

/**
 * The evidence data rebuilt from kept leaves: objects without a prototype (a key `__proto__` is
 * an own key like any other), lists where the paths index. A list with an index missing keeps a
 * hole, which reads as absent.
 */
export function rebuildData(
  values: ReadonlyMap<string, { segments: readonly PathSegment[]; value: LeafValue }>
): unknown {
  const root = values.get('')
  if (root) return copyLeaf(root.value)
  let data: unknown
  const container = (segment: PathSegment): unknown =>
    typeof segment === 'number' ? [] : (Object.create(null) as Record<string, unknown>)
  for (const { segments, value } of values.values()) {
    data ??= container(segments[0]!)
    let node = data as Record<string | number, unknown>
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!
      const last = i === segments.length - 1
      // A key where a list is (or an index where an object is): the paths disagree; leave it out.
      if (Array.isArray(node) !== (typeof segment === 'number')) break
      if (last) {
        setOwn(node, segment, copyLeaf(value))
        break
      }
      if (!Object.prototype.hasOwnProperty.call(node, segment))
        setOwn(node, segment, container(segments[i + 1]!))
      const next = node[segment]
      if (next === null || typeof next !== 'object') break
      node = next as Record<string | number, unknown>
    }
  }
  return data ?? (Object.create(null) as Record<string, unknown>)
}

const setOwn = (node: Record<string | number, unknown>, key: PathSegment, value: unknown): void => {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true })
}

const copyLeaf = (value: LeafValue): unknown =>
  Array.isArray(value) ? [] : value !== null && typeof value === 'object' ? Object.create(null) : value
