import { resolve } from 'node:path'
import type { Command } from 'commander'
import { replayHistory } from '../../lifecycle/replay.js'
import { loadPolicy } from '../../policy/load.js'
import { replayChangesSomething } from '../../records/replay.js'
import { assertModelName } from '../../registry/gto.js'
import { parseInstant } from '../../registry/time.js'
import { renderReplay } from '../../render/replay.js'
import { EXIT, type CliIO } from '../io.js'
import { parseFormat } from '../options.js'
import { addRegistryFlag, gitRegistry } from '../registry-options.js'

interface ReplayFlags {
  policy: string
  model: string
  since?: string
  registry?: string
  format?: string
}

export function registerReplayCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  addRegistryFlag(program.command('replay'))
    .description(
      "re-decide the model's recorded promotions and blocked attempts under another policy; writes nothing"
    )
    .requiredOption('--policy <file>', 'the policy to replay under (YAML or JSON)')
    .requiredOption('--model <name>', 'model name')
    .option('--since <time>', 'only attempts recorded at or after this moment, ISO 8601 with a zone')
    .option('--format <format>', 'text, json or markdown', 'text')
    .action(async (flags: ReplayFlags) => {
      const format = parseFormat(flags.format)
      assertModelName(flags.model)
      const since = flags.since === undefined ? undefined : parseInstant(flags.since, '--since')
      const policy = await loadPolicy(resolve(io.cwd, flags.policy))
      const report = await replayHistory(
        policy,
        { model: flags.model, ...(since && { since }) },
        gitRegistry(flags, io)
      )
      io.stdout.write(renderReplay(report, format))
      // 1 asks a person to look: an attempt would be decided otherwise, or cannot be told.
      setExit(replayChangesSomething(report) ? EXIT.blocked : EXIT.ok)
    })
}
