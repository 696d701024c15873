import type { Command } from 'commander'
import { stripControl } from '../../records/escape.js'
import { assertModelName, modelTagPrefixes } from '../../registry/gto.js'
import { buildHistory, type RegistryEvent } from '../../registry/state.js'
import { EXIT, type CliIO } from '../io.js'
import { parseFormat } from '../options.js'
import { addRegistryFlag, columns, gitRegistry } from '../registry-options.js'

/**
 * One vocabulary for what happened, the same in the table, the JSON and the records' `event`:
 * a stage assignment is a `promotion` (a record's `event: "promotion"`), a rollback says
 * `rollback` in every column, a blocked attempt `blocked`.
 */
export function eventKind(event: RegistryEvent): string {
  return event.kind === 'assignment' ? 'promotion' : event.kind
}

/** The decision column: `promote`, `block`, or `rollback` for a rollback (never `promote`). */
export function eventDecision(event: RegistryEvent): string | null {
  return event.kind === 'rollback' ? 'rollback' : event.decision
}

const DETAIL_WIDTH = 90

function detail(event: RegistryEvent): string {
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

/** At most `max` characters; a longer text ends at the last whole word, followed by `…`. */
export function cutAtWord(text: string, max: number): string {
  const points = [...text]
  if (points.length <= max) return text
  const head = points.slice(0, max - 1).join('')
  const space = head.lastIndexOf(' ')
  return `${(space > max / 2 ? head.slice(0, space) : head).trimEnd()}…`
}

export function renderHistory(events: readonly RegistryEvent[]): string {
  const rows = events.map((e) => [
    e.at ?? '',
    eventKind(e),
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

export function registerHistoryCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  addRegistryFlag(program.command('history'))
    .description(
      'events of a model, oldest first: registrations, assignments, archivals, rollbacks, blocked attempts'
    )
    .requiredOption('--model <name>', 'model name')
    .option('--format <format>', 'text or json', 'text')
    .action(async (flags: { model: string; registry?: string; format?: string }) => {
      const format = parseFormat(flags.format, ['text', 'json'])
      assertModelName(flags.model)
      const events = buildHistory(
        await gitRegistry(flags, io).listTags(modelTagPrefixes(flags.model)),
        flags.model
      )
      if (format === 'json') {
        const plain = events.map(({ record, ...event }) => ({
          ...event,
          kind: eventKind(event as RegistryEvent),
          decision: eventDecision(event as RegistryEvent),
          reasons: record?.reasons ?? [],
          rollout: record?.rollout ?? null
        }))
        io.stdout.write(`${JSON.stringify({ model: flags.model, events: plain }, null, 2)}\n`)
      } else io.stdout.write(renderHistory(events))
      setExit(EXIT.ok)
    })
}
