import type { Command } from 'commander'
import { UsageError } from '../../errors.js'
import { assertModelName, modelTagPrefixes } from '../../registry/gto.js'
import { historyBetween, parseInstant } from '../../registry/time.js'
import { renderHistory } from '../../render/history.js'
import { EXIT, type CliIO } from '../io.js'
import { parseFormat } from '../options.js'
import { addRegistryFlag, gitRegistry } from '../registry-options.js'

interface HistoryFlags {
  model: string
  since?: string
  until?: string
  registry?: string
  format?: string
}

export function registerHistoryCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  addRegistryFlag(program.command('history'))
    .description(
      'events of a model, oldest first: registrations, assignments, archivals, restores, rollbacks, blocked attempts'
    )
    .requiredOption('--model <name>', 'model name')
    .option('--since <time>', 'only events at or after this moment, ISO 8601 with a zone')
    .option('--until <time>', 'only events at or before this moment, ISO 8601 with a zone')
    .option('--format <format>', 'text, json or markdown (with charts)', 'text')
    .action(async (flags: HistoryFlags) => {
      const format = parseFormat(flags.format, ['text', 'json', 'markdown'])
      assertModelName(flags.model)
      const since = flags.since === undefined ? undefined : parseInstant(flags.since, '--since')
      const until = flags.until === undefined ? undefined : parseInstant(flags.until, '--until')
      if (since && until && since.getTime() > until.getTime())
        throw new UsageError(`--since ${flags.since} is after --until ${flags.until}`)
      const tags = await gitRegistry(flags, io).listTags(modelTagPrefixes(flags.model))
      const window = { ...(since && { since }), ...(until && { until }) }
      io.stdout.write(renderHistory(flags.model, historyBetween(tags, flags.model, window), format))
      setExit(EXIT.ok)
    })
}
