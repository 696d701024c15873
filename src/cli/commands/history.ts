import type { Command } from 'commander'
import { assertModelName, modelTagPrefixes } from '../../registry/gto.js'
import { buildHistory } from '../../registry/state.js'
import { renderHistory } from '../../render/history.js'
import { EXIT, type CliIO } from '../io.js'
import { parseFormat } from '../options.js'
import { addRegistryFlag, gitRegistry } from '../registry-options.js'

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
      io.stdout.write(renderHistory(flags.model, events, format))
      setExit(EXIT.ok)
    })
}
