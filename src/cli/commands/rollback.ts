import type { Command } from 'commander'
import { loadCliPolicy } from '../policy-file.js'
import { findRepositoryRoot } from '../repository-root.js'
import { LocalEvidenceSource } from '../../evidence/local-source.js'
import { rollback } from '../../lifecycle/rollback.js'
import { renderRollback, unjudged } from '../../render/rollback.js'
import { EXIT, type CliIO } from '../io.js'
import { parseNamedPaths } from '../../evidence/named-paths.js'
import { collect, parseFormat } from '../options.js'
import { addRegistryFlag, gitRegistry } from '../registry-options.js'
import { declaredMonitoring } from '../../lifecycle/monitoring.js'

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
        const policy = await loadCliPolicy(flags.policy, io)
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
          {
            registry: gitRegistry(flags, io),
            source: new LocalEvidenceSource(
              io.cwd,
              'the working directory',
              (await findRepositoryRoot(io.cwd)) ?? undefined
            ),
            now: () => new Date()
          }
        )
        io.stdout.write(renderRollback(flags.model, result, format))
        // A watch that could not judge a trigger is not a healthy one: exit 1, nothing written.
        setExit(!result.fired && unjudged(result) ? EXIT.blocked : EXIT.ok)
      }
    )
}
