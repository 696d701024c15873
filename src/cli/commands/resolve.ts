import type { Command } from 'commander'
import { assertModelName, assertStageName, modelTagPrefixes } from '../../registry/gto.js'
import { resolveStage } from '../../registry/state.js'
import { EXIT, type CliIO } from '../io.js'
import { parseFormat } from '../options.js'
import { addRegistryFlag, gitRegistry } from '../registry-options.js'

export function registerResolveCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  addRegistryFlag(program.command('resolve'))
    .description('which version(s) are in a stage (exit 1 if none)')
    .requiredOption('--model <name>', 'model name')
    .requiredOption('--stage <stage>', 'stage')
    .option('--format <format>', 'text or json', 'text')
    .option(
      '--verified',
      'count only assignments that carry a modelgate record (ignore GTO and hand-made tags)'
    )
    .action(
      async (flags: {
        model: string
        stage: string
        registry?: string
        format?: string
        verified?: boolean
      }) => {
        const format = parseFormat(flags.format, ['text', 'json'])
        assertModelName(flags.model)
        assertStageName(flags.stage)
        const tags = await gitRegistry(flags, io).listTags(modelTagPrefixes(flags.model))
        const versions = resolveStage(tags, flags.model, flags.stage, {
          verifiedOnly: flags.verified === true
        })
        if (format === 'json')
          io.stdout.write(
            `${JSON.stringify({ model: flags.model, stage: flags.stage, verified_only: flags.verified === true, versions }, null, 2)}\n`
          )
        else
          for (const v of versions)
            io.stdout.write(`${v.version}${v.weight === null ? '' : ` ${v.weight}%`}\n`)
        if (versions.length === 0 && format === 'text')
          io.stderr.write(
            `modelgate: no ${flags.verified ? 'verified ' : ''}version of ${flags.model} is in ${flags.stage}\n`
          )
        setExit(versions.length > 0 ? EXIT.ok : EXIT.blocked)
      }
    )
}
