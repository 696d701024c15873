import type { Command } from 'commander'
import { stripControl } from '../../records/escape.js'
import { assertModelName, modelTagPrefixes } from '../../registry/gto.js'
import { buildHistory, type RegistryEvent } from '../../registry/state.js'
import { EXIT, type CliIO } from '../io.js'
import { parseFormat } from '../options.js'
import { addRegistryFlag, columns, gitRegistry } from '../registry-options.js'

function detail(event: RegistryEvent): string {
  if (event.problems.length > 0) return event.problems.join('; ')
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

export function renderHistory(events: readonly RegistryEvent[]): string {
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
        const plain = events.map(({ record, counter, ...event }) => ({
          ...event,
          // A digit string: counters are exact integers and may exceed what JSON numbers hold.
          counter: counter === null ? null : String(counter),
          reasons: record?.reasons ?? [],
          rollout: record?.rollout ?? null
        }))
        io.stdout.write(`${JSON.stringify({ model: flags.model, events: plain }, null, 2)}\n`)
      } else io.stdout.write(renderHistory(events))
      setExit(EXIT.ok)
    })
}
