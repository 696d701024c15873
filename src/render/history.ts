import { ARCHIVED_STAGE } from '../policy/normalize.js'
import { chartsMarkdown, recordCharts, recordedStages } from '../records/charts.js'
import { escapeMarkdown, escapeMarkdownTableCell, inlineCodeCell, stripControl } from '../records/escape.js'
import type { PromotionRecord } from '../records/types.js'
import type { RegistryEvent } from '../registry/state.js'
import { columns } from './columns.js'

/**
 * One vocabulary for what happened, the same in the table, the JSON and the records' `event`:
 * a stage assignment is a `promotion` (a record's `event: "promotion"`), a rollback says
 * `rollback` in every column, a blocked attempt `blocked`.
 */
export function eventKind(event: Pick<RegistryEvent, 'kind'>): string {
  return event.kind === 'assignment' ? 'promotion' : event.kind
}

/** The decision column: `promote`, `block`, or `rollback` for a rollback (never `promote`). */
export function eventDecision(event: Pick<RegistryEvent, 'kind' | 'decision'>): string | null {
  return event.kind === 'rollback' ? 'rollback' : event.decision
}

const DETAIL_WIDTH = 90

/** At most `max` characters; a longer text ends at the last whole word, followed by `…`. */
export function cutAtWord(text: string, max: number): string {
  const points = [...text]
  if (points.length <= max) return text
  const head = points.slice(0, max - 1).join('')
  const space = head.lastIndexOf(' ')
  return `${(space > max / 2 ? head.slice(0, space) : head).trimEnd()}…`
}

function detail(event: RegistryEvent): string {
  if (event.problems.length > 0) return event.problems.join('; ')
  if (event.kind === 'assignment' && event.record?.from_stage === ARCHIVED_STAGE)
    return 'restored from archived'
  if (event.kind === 'blocked') return event.record?.reasons[0] ?? ''
  if (event.kind === 'rollback') return event.record?.reasons[0] ?? ''
  if (
    event.kind === 'assignment' &&
    event.record?.rollout?.weight !== undefined &&
    event.record.rollout.weight < 100
  ) {
    return `${event.record.rollout.strategy} ${event.record.rollout.weight}%`
  }
  return ''
}

function historyTable(events: readonly RegistryEvent[]): string {
  const rows = events.map((e) => [
    e.at ?? '',
    e.kind === 'invalid' || e.verified || !['assignment', 'rollback', 'archival'].includes(e.kind)
      ? eventKind(e)
      : `${eventKind(e)} (unverified)`,
    e.version ?? '?',
    e.stage ?? '',
    eventDecision(e) ?? '',
    stripControl(e.author ?? ''),
    e.tag,
    // Cut at a word boundary with an ellipsis, never mid-word.
    cutAtWord(stripControl(detail(e)).replace(/\s+/g, ' ').trim(), DETAIL_WIDTH)
  ])
  return columns(['TIME', 'EVENT', 'VERSION', 'STAGE', 'DECISION', 'AUTHOR', 'TAG', 'DETAIL'], rows)
}

/** The records of events that count (an `invalid` tag's record is no record of the model). */
export function historyRecords(events: readonly RegistryEvent[]): PromotionRecord[] {
  return events.flatMap((e) =>
    e.kind !== 'invalid' && e.record && e.record.model === e.model ? [e.record] : []
  )
}

/** The events as a GitHub markdown table, then charts of the stages' metrics and the timeline. */
function historyMarkdown(model: string, events: readonly RegistryEvent[]): string {
  const cell = (text: string, max = 90): string => escapeMarkdownTableCell(cutAtWord(stripControl(text), max))
  const lines = [
    `## History of ${escapeMarkdown(cutAtWord(model, 100))}`,
    '',
    '| Time | Event | Version | Stage | Decision | Author | Tag | Detail |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...events.map(
      (e) =>
        `| ${cell(e.at ?? '', 40)} | ${cell(e.verified || e.kind === 'invalid' || !['assignment', 'rollback', 'archival'].includes(e.kind) ? eventKind(e) : `${eventKind(e)} (unverified)`, 40)} | ${e.version ? inlineCodeCell(cutAtWord(e.version, 80)) : '?'} | ${cell(e.stage ?? '', 64)} | ${cell(eventDecision(e) ?? '', 20)} | ${cell(e.author ?? '', 64)} | ${inlineCodeCell(cutAtWord(e.tag, 120))} | ${cell(detail(e).replace(/\s+/g, ' ').trim())} |`
    ),
    ''
  ]
  if (events.length === 0) lines.splice(2, 2, '_No events._')
  const records = historyRecords(events)
  const charts = chartsMarkdown(recordCharts(model, records, recordedStages(records)))
  if (charts) lines.push('### Charts', '', charts)
  return `${lines.join('\n').trimEnd()}\n`
}

/**
 * A model's events oldest first: a table on a terminal, the events with their reasons as JSON,
 * or markdown with charts (for a job summary, an issue or a wiki page).
 */
export function renderHistory(
  model: string,
  events: readonly RegistryEvent[],
  format: 'text' | 'json' | 'markdown'
): string {
  if (format === 'text') return historyTable(events)
  if (format === 'markdown') return historyMarkdown(model, events)
  const plain = events.map(({ record, counter, ...event }) => ({
    ...event,
    kind: eventKind(event),
    decision: eventDecision(event),
    // A digit string: counters are exact integers and may exceed what JSON numbers hold.
    counter: counter === null ? null : String(counter),
    // Where the version came from; "archived" for a restore.
    from_stage: record?.from_stage ?? null,
    reasons: record?.reasons ?? [],
    rollout: record?.rollout ?? null
  }))
  return `${JSON.stringify({ model, events: plain }, null, 2)}\n`
}
