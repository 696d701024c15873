import type { Command } from 'commander'
import { LocalEvidenceSource } from '../../evidence/local-source.js'
import { rollback } from '../../lifecycle/rollback.js'
import { loadPolicy } from '../../policy/load.js'
import { stripControl } from '../../records/escape.js'
import { EXIT, type CliIO } from '../io.js'
import { collect, parseFormat, parseNamedPaths } from '../options.js'
import { addRegistryFlag, gitRegistry } from '../registry-options.js'
import { resolve } from 'node:path'
import { declaredMonitoring } from '../../lifecycle/monitoring.js'

const unjudged = (result: { triggers: ReadonlyArray<{ status: string }> }): boolean =>
  result.triggers.some((t) => t.status !== 'fired' && t.status !== 'quiet')

export function registerRollbackCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  addRegistryFlag(program.command('rollback'))
    .description(
      'evaluate rollback triggers on monitoring; if one fires, move the stage back and record it (exit 0 quiet or rolled back, 1 a trigger could not be judged, 2 error)'
    )
    .requiredOption('--policy <file>', 'policy file')
    .requiredOption('--model <name>', 'model name')
    .option('--stage <stage>', 'stage to watch (default: the last stage)')
    .option(
      '--monitoring <name=path>',
      "monitoring as timeseries or Prometheus query_range JSON (repeatable; default: the policy's timeseries/prometheus evidence the triggers read)",
      collect
    )
    .option('--dry-run', 'evaluate and say what would happen, writing nothing')
    .option('--format <format>', 'text or json', 'text')
    .action(
      async (flags: {
        policy: string
        model: string
        stage?: string
        monitoring?: string[]
        registry?: string
        dryRun?: boolean
        format?: string
      }) => {
        const format = parseFormat(flags.format, ['text', 'json'])
        const policy = await loadPolicy(resolve(io.cwd, flags.policy))
        const stage = flags.stage ?? policy.stages[policy.stages.length - 1]!
        const monitoring =
          flags.monitoring && flags.monitoring.length > 0
            ? parseNamedPaths(flags.monitoring, '--monitoring')
            : declaredMonitoring(policy, stage)
        const result = await rollback(
          policy,
          {
            model: flags.model,
            ...(flags.stage && { stage: flags.stage }),
            monitoring,
            dryRun: Boolean(flags.dryRun)
          },
          { registry: gitRegistry(flags, io), source: new LocalEvidenceSource(io.cwd), now: () => new Date() }
        )
        if (format === 'json') {
          io.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
        } else {
          io.stdout.write(`${flags.model} in ${result.stage}: ${result.current}\n`)
          for (const t of result.triggers)
            io.stdout.write(`  ${t.status.padEnd(7)} ${stripControl(t.message)}\n`)
          if (!result.fired && unjudged(result))
            io.stdout.write('no trigger fired, but not every trigger could be judged: nothing written\n')
          else if (!result.fired) io.stdout.write('no trigger fired: nothing to do\n')
          else if (result.tag)
            io.stdout.write(
              `rolled back ${result.stage} to ${result.rolledBackTo} (tag ${result.tag}); ${result.current} archived\n`
            )
          else io.stdout.write(`dry run: would roll back ${result.stage} to ${result.rolledBackTo}\n`)
        }
        // A watch that could not judge a trigger is not a healthy one: exit 1, nothing written.
        setExit(!result.fired && unjudged(result) ? EXIT.blocked : EXIT.ok)
      }
    )
}
