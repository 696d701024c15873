import type { Command } from 'commander'
import { assertModelName, assertStageName, modelTagPrefixes } from '../../registry/gto.js'
import { resolveStage } from '../../registry/state.js'
import { renderResolution } from '../../render/resolve.js'
import { EXIT, type CliIO } from '../io.js'
import { parseFormat } from '../options.js'
import { addRegistryFlag, gitRegistry } from '../registry-options.js'

export function registerResolveCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  addRegistryFlag(program.command('resolve'))
    .description('which version(s) are in a stage (exit 1 if none)')
    .requiredOption('--model <name>', 'model name')
    .requiredOption('--stage <stage>', 'stage')
    .option('--format <format>', 'text or json', 'text')
    .action(async (flags: { model: string; stage: string; registry?: string; format?: string }) => {
      const format = parseFormat(flags.format, ['text', 'json'])
      assertModelName(flags.model)
      assertStageName(flags.stage)
      const tags = await gitRegistry(flags, io).listTags(modelTagPrefixes(flags.model))
      const versions = resolveStage(tags, flags.model, flags.stage)
      io.stdout.write(renderResolution(flags.model, flags.stage, versions, format))
      if (versions.length === 0 && format === 'text')
        io.stderr.write(`modelgate: no version of ${flags.model} is in ${flags.stage}\n`)
      setExit(versions.length > 0 ? EXIT.ok : EXIT.blocked)
    })
}
