import type { Command } from 'commander'
import { LocalEvidenceSource } from '../../evidence/local-source.js'
import { parseStructured } from '../../evidence/readers/structured.js'
import { register } from '../../lifecycle/register.js'
import { renderRegistration } from '../../render/register.js'
import { EXIT, type CliIO } from '../io.js'
import { parseFormat } from '../options.js'
import { addRegistryFlag, gitRegistry } from '../registry-options.js'

export function registerRegisterCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  addRegistryFlag(program.command('register'))
    .description('register a model version on the commit that produced it (tag <model>@v<semver>)')
    .requiredOption('--model <name>', 'model name')
    .requiredOption('--version <version>', 'version (7 means v7.0.0)')
    .option('--commit <rev>', 'commit that produced the model (default: HEAD)')
    .option('--lineage <file>', 'lineage JSON to keep in the tag message')
    .option('--format <format>', 'text or json', 'text')
    .action(
      async (flags: {
        model: string
        version: string
        commit?: string
        lineage?: string
        registry?: string
        format?: string
      }) => {
        const format = parseFormat(flags.format, ['text', 'json'])
        let lineage: Record<string, unknown> | undefined
        if (flags.lineage) {
          const file = await new LocalEvidenceSource(io.cwd).read(
            'lineage',
            { format: 'json' },
            flags.lineage
          )
          lineage = parseStructured(file) as Record<string, unknown>
        }
        const result = await register(
          {
            model: flags.model,
            version: flags.version,
            ...(flags.commit && { commit: flags.commit }),
            ...(lineage && { lineage })
          },
          gitRegistry(flags, io)
        )
        io.stdout.write(renderRegistration(flags.model, result, format))
        setExit(EXIT.ok)
      }
    )
}
