import { escapeMarkdown, truncate } from './escape.js'
import type { PromotionRecord } from './types.js'

/*
 * Mermaid charts over a model's records, for the places GitHub renders markdown (release notes,
 * job summaries, `history --format markdown`). Pure: records in, text out.
 *
 * Every label comes from records, which anyone who can push a tag may write. Mermaid has no
 * escaping that holds across chart types (`:` ends a timeline period, `;` and `%%` end or comment
 * a statement, `#35;` is an entity, quotes end a label, backticks end the markdown fence), so
 * labels are not escaped but reduced to a set of characters with no meaning to Mermaid or to
 * markdown: letters, digits, space and `. _ + - / ( )`. Numbers must be finite and are written
 * without an exponent (Mermaid's number token has none).
 */

/** Versions on a metric chart: the newest ones, so a chart stays readable and its size bounded. */
export const CHART_VERSIONS = 10
/** Metric charts per stage. */
export const CHARTS_PER_STAGE = 6
/** Stages charted by `history` (the release notes and the summary chart their own stage). */
export const CHARTED_STAGES = 3
/** Records on the stage timeline: the newest ones. */
export const TIMELINE_RECORDS = 10
const LABEL_MAX = 32

/** A label safe inside and outside Mermaid's quotes: anything else becomes a space; never empty. */
export function mermaidLabel(text: unknown, max = LABEL_MAX): string {
  const clean = String(text)
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._+\-/()]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  const points = [...clean]
  const cut =
    points.length > max
      ? `${points
          .slice(0, max - 3)
          .join('')
          .trimEnd()}...`
      : clean
  return cut === '' ? '?' : cut
}

/**
 * A finite number as Mermaid reads it (digits, one optional point, optional minus; no exponent),
 * rounded to 6 significant digits; null for anything else or for magnitudes past 1e15.
 */
export function mermaidNumber(value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) >= 1e15) return null
  const rounded = Number(value.toPrecision(6))
  if (Math.abs(rounded) < 1e-12) return '0'
  const text = String(rounded)
  if (!/e/i.test(text)) return text
  return rounded.toFixed(12).replace(/0+$/, '').replace(/\.$/, '')
}

type BoundKey = 'min' | 'max' | 'above' | 'below'
const BOUND_KEYS: readonly BoundKey[] = ['min', 'max', 'above', 'below']

/**
 * The absolute bounds a metric gate's threshold text names (`min 0.9, max 0.99; vs baseline …`,
 * as `describeBounds` writes it). Anything else (comparisons with a baseline, hand-edited text)
 * gives no bound: a chart draws no line it cannot read exactly.
 */
export function thresholdBounds(threshold: string | null | undefined): Partial<Record<BoundKey, number>> {
  const bounds: Partial<Record<BoundKey, number>> = {}
  if (typeof threshold !== 'string' || threshold.length > 200) return bounds
  const head = threshold.split(';')[0]!.trim()
  for (const part of head.split(',')) {
    const match = /^(min|max|above|below) (-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)$/i.exec(part.trim())
    if (!match) continue
    const value = Number(match[2])
    if (Number.isFinite(value)) bounds[match[1]!.toLowerCase() as BoundKey] = value
  }
  return bounds
}

export interface MetricSeries {
  stage: string
  gate: string
  metric: string
  /** x-axis: versions, oldest first. */
  versions: string[]
  /** The value each version's record observed. */
  observed: number[]
  /** A bound line, when every charted version's record names that bound. */
  bounds: Array<{ key: BoundKey; values: number[] }>
}

const gatesOf = (record: PromotionRecord): PromotionRecord['gates'] =>
  Array.isArray(record.gates) ? record.gates : []

/**
 * The metric gates of `stage` over the newest versions attempted into it, oldest first: per
 * version its newest record (a promotion or a blocked attempt; rollbacks judge triggers, not
 * gates), per gate the versions whose record observed a finite number.
 */
export function metricSeries(records: readonly PromotionRecord[], stage: string): MetricSeries[] {
  const latest = new Map<string, PromotionRecord>()
  for (const record of records) {
    if (record.event === 'rollback' || record.to_stage !== stage) continue
    latest.delete(record.version)
    latest.set(record.version, record)
  }
  const charted = [...latest.values()].slice(-CHART_VERSIONS)
  // Gates in the order the newest record lists them, then any only older records had.
  const ids: Array<{ id: string; metric: string }> = []
  for (const record of [...charted].reverse())
    for (const gate of gatesOf(record))
      if (
        typeof gate.metric === 'string' &&
        typeof gate.id === 'string' &&
        !ids.some((known) => known.id === gate.id)
      )
        ids.push({ id: gate.id, metric: gate.metric })
  const series: MetricSeries[] = []
  for (const { id, metric } of ids) {
    if (series.length >= CHARTS_PER_STAGE) break
    const points = charted.flatMap((record) => {
      const gate = gatesOf(record).find((g) => g.id === id)
      return gate && mermaidNumber(gate.observed) !== null
        ? [
            {
              version: record.version,
              observed: gate.observed as number,
              bounds: thresholdBounds(gate.threshold)
            }
          ]
        : []
    })
    if (points.length === 0) continue
    const bounds = BOUND_KEYS.filter((key) =>
      points.every((p) => p.bounds[key] !== undefined && mermaidNumber(p.bounds[key]) !== null)
    ).map((key) => ({ key, values: points.map((p) => p.bounds[key]!) }))
    series.push({
      stage,
      gate: id,
      metric,
      versions: points.map((p) => p.version),
      observed: points.map((p) => p.observed),
      bounds
    })
  }
  return series
}

/** x-axis labels: cleaned, and kept apart when two versions clean to the same text. */
function axisLabels(versions: readonly string[]): string[] {
  const seen = new Map<string, number>()
  return versions.map((version) => {
    const label = mermaidLabel(version, 24)
    const count = (seen.get(label) ?? 0) + 1
    seen.set(label, count)
    return count === 1 ? label : `${label} (${count})`
  })
}

const numbers = (values: readonly number[]): string => `[${values.map((v) => mermaidNumber(v)!).join(', ')}]`

/**
 * The y range: from a quarter of the span below the lowest value to a tenth above the highest, so
 * the lowest bar still shows and differences near a bound are visible (an axis from 0 would flatten
 * 0.91 against 0.93). Null when the numbers cannot be written (the chart then picks its own).
 */
function yRange(values: readonly number[]): string | null {
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  const span = hi - lo || Math.abs(hi) * 0.1 || 1
  const from = mermaidNumber(lo - span / 4)
  const to = mermaidNumber(hi + span / 10)
  return from !== null && to !== null && Number(from) < Number(to) ? `${from} --> ${to}` : null
}

/** One `xychart-beta`: bars for the observed values, a line per bound. */
export function metricChartSource(series: MetricSeries): string {
  const labels = axisLabels(series.versions)
  const range = yRange([...series.observed, ...series.bounds.flatMap((b) => b.values)])
  return [
    'xychart-beta',
    `    title "${mermaidLabel(series.gate, 32)} into ${mermaidLabel(series.stage, 24)}"`,
    `    x-axis [${labels.map((label) => `"${label}"`).join(', ')}]`,
    `    y-axis "${mermaidLabel(series.metric, 40)}"${range ? ` ${range}` : ''}`,
    `    bar ${numbers(series.observed)}`,
    ...series.bounds.map((bound) => `    line ${numbers(bound.values)}`)
  ].join('\n')
}

function timelineText(record: PromotionRecord): string {
  const version = mermaidLabel(record.version, 24)
  const stage = mermaidLabel(record.to_stage, 24)
  if (record.event === 'rollback') return `${stage} rolled back to ${version}`
  if (record.decision === 'block') return `${version} blocked before ${stage}`
  const weight = record.rollout?.weight
  const partial =
    record.rollout && typeof weight === 'number' && Number.isFinite(weight) && weight < 100
      ? ` ${mermaidLabel(record.rollout.strategy, 10)} ${mermaidNumber(weight) ?? '?'} pct`
      : ''
  return `${version} to ${stage}${partial}`
}

/** `2026-11-22` for a record's time; `?` when it is not one. Never contains `:`. */
function day(createdAt: unknown): string {
  const time = typeof createdAt === 'string' ? Date.parse(createdAt) : NaN
  if (Number.isNaN(time)) return '?'
  return new Date(time)
    .toISOString()
    .slice(0, 10)
    .replace(/[^0-9+-]/g, '')
}

/**
 * The stage timeline (`timeline`): the newest records' moves (promotions, blocked attempts,
 * rollbacks), grouped by day, oldest first; null when there are none.
 */
export function timelineSource(model: string, records: readonly PromotionRecord[]): string | null {
  const recent = records.slice(-TIMELINE_RECORDS)
  if (recent.length === 0) return null
  const periods: Array<{ day: string; events: string[] }> = []
  for (const record of recent) {
    const when = day(record.created_at)
    const last = periods[periods.length - 1]
    if (last && last.day === when) last.events.push(timelineText(record))
    else periods.push({ day: when, events: [timelineText(record)] })
  }
  return [
    'timeline',
    `    title ${mermaidLabel(model, 40)} stage timeline`,
    ...periods.map((p) => `    ${p.day} : ${p.events.join(' : ')}`)
  ].join('\n')
}

export interface Chart {
  /** One markdown line above the chart (escaped). */
  caption: string
  /** The Mermaid source (no fence). */
  source: string
}

/**
 * Every chart for `stages` (in that order, at most CHARTED_STAGES) and the model's timeline.
 * `records` are the model's records oldest first; the newest ones are charted.
 */
export function recordCharts(
  model: string,
  records: readonly PromotionRecord[],
  stages: readonly string[]
): Chart[] {
  const charts: Chart[] = []
  for (const stage of [...new Set(stages)].slice(0, CHARTED_STAGES)) {
    for (const series of metricSeries(records, stage)) {
      const bounds = series.bounds.map((b) => b.key).join(' and ')
      charts.push({
        caption: `${escapeMarkdown(truncate(series.metric, 80))} (gate ${escapeMarkdown(truncate(series.gate, 64))}) into ${escapeMarkdown(truncate(stage, 64))}: bars are each version's observed value${bounds ? `, lines its ${bounds} bound as that record's policy set it` : ''}.`,
        source: metricChartSource(series)
      })
    }
  }
  const timeline = timelineSource(model, records)
  if (timeline)
    charts.push({
      caption: `Stage timeline of ${escapeMarkdown(truncate(model, 100))}: the newest ${Math.min(records.length, TIMELINE_RECORDS)} records.`,
      source: timeline
    })
  return charts
}

/** Charts as markdown: each caption, then its source in a `mermaid` fence. Empty when none. */
export function chartsMarkdown(charts: readonly Chart[]): string {
  if (charts.length === 0) return ''
  return `${charts.map((chart) => `${chart.caption}\n\n\`\`\`mermaid\n${chart.source}\n\`\`\`\n`).join('\n')}`
}

/** The stages a model's records moved into, in order of first appearance (rollbacks aside). */
export function recordedStages(records: readonly PromotionRecord[]): string[] {
  return [...new Set(records.filter((r) => r.event !== 'rollback').map((r) => r.to_stage))]
}
