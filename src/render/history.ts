import { RESERVED_STAGE } from '../policy/normalize.js'
import { stripControl } from '../records/escape.js'
import type { RegistryEvent } from '../registry/state.js'
import { columns } from './columns.js'

function detail(event: RegistryEvent): string {
  if (event.problems.length > 0) return event.problems.join('; ')
  if (event.kind === 'assignment' && event.record?.from_stage === RESERVED_STAGE)
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
      ? e.kind
      : `${e.kind} (unverified)`,
    e.version ?? '?',
    e.stage ?? '',
    e.decision ?? '',
    stripControl(e.author ?? ''),
    e.tag,
    stripControl(detail(e)).slice(0, 90)
  ])
  return columns(['TIME', 'EVENT', 'VERSION', 'STAGE', 'DECISION', 'AUTHOR', 'TAG', 'DETAIL'], rows)
}

/** A model's events oldest first: a table on a terminal, the events with their reasons as JSON. */
export function renderHistory(
  model: string,
  events: readonly RegistryEvent[],
  format: 'text' | 'json'
): string {
  if (format === 'text') return historyTable(events)
  const plain = events.map(({ record, counter, ...event }) => ({
    ...event,
    // A digit string: counters are exact integers and may exceed what JSON numbers hold.
    counter: counter === null ? null : String(counter),
    // Where the version came from; "archived" for a restore.
    from_stage: record?.from_stage ?? null,
    reasons: record?.reasons ?? [],
    rollout: record?.rollout ?? null
  }))
  return `${JSON.stringify({ model, events: plain }, null, 2)}\n`
}
