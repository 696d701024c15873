import type { Command } from 'commander'
import { assertModelName, assertStageName, modelTagPrefixes } from '../../registry/gto.js'
import { formatUtc, formatWait, rolloutProgress } from '../../registry/rollout.js'
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
    .action(async (flags: { model: string; stage: string; registry?: string; format?: string }) => {
      const format = parseFormat(flags.format, ['text', 'json'])
      assertModelName(flags.model)
      assertStageName(flags.stage)
      const tags = await gitRegistry(flags, io).listTags(modelTagPrefixes(flags.model))
      const versions = resolveStage(tags, flags.model, flags.stage)
      // A canary in progress: when its next step may start (the hold its record carries).
      const progress = rolloutProgress(tags, flags.model, flags.stage)
      const rollout = progress && {
        version: progress.version,
        step: progress.step + 1,
        weight: progress.weight,
        next_step: progress.next ? progress.next.step + 1 : null,
        next_weight: progress.next?.weight ?? null,
        next_step_at: progress.nextAt
      }
      if (format === 'json')
        io.stdout.write(
          `${JSON.stringify({ model: flags.model, stage: flags.stage, versions, rollout }, null, 2)}\n`
        )
      else {
        for (const v of versions) io.stdout.write(`${v.version}${v.weight === null ? '' : ` ${v.weight}%`}\n`)
        if (progress?.next) {
          const now = new Date()
          const wait = progress.nextAt ? Date.parse(progress.nextAt) - now.getTime() : 0
          const when =
            progress.nextAt && wait > 0
              ? `may start at ${formatUtc(progress.nextAt, now)}, in ${formatWait(wait)}`
              : 'may start now'
          io.stderr.write(
            `modelgate: note: ${progress.version} is at step ${progress.step + 1} (${progress.weight}%); step ${progress.next.step + 1} (${progress.next.weight}%) ${when}\n`
          )
        }
      }
      if (versions.length === 0 && format === 'text')
        io.stderr.write(`modelgate: no version of ${flags.model} is in ${flags.stage}\n`)
      setExit(versions.length > 0 ? EXIT.ok : EXIT.blocked)
    })
}
