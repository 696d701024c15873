import type { Command } from 'commander'
import { UsageError } from '../../errors.js'
import { assertModelName, assertStageName, modelTagPrefixes } from '../../registry/gto.js'
import { formatUtc, formatWait, rolloutProgress } from '../../registry/rollout.js'
import { resolveAllStages, resolveServedStage } from '../../registry/serving.js'
import { heldBackAt, parseInstant } from '../../registry/time.js'
import { renderAllStages, renderResolution, rolloutSummary } from '../../render/resolve.js'
import type { RawTag } from '../../registry/types.js'
import { EXIT, type CliIO } from '../io.js'
import { parseFormat } from '../options.js'
import { addRegistryFlag, gitRegistry } from '../registry-options.js'

interface ResolveFlags {
  model: string
  stage?: string
  all?: boolean
  at?: string
  registry?: string
  format?: string
  verified?: boolean
}

export function registerResolveCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  addRegistryFlag(program.command('resolve'))
    .description(
      'which version(s) are in a stage, or in every stage (exit 1 if none); "archived" lists versions in no stage'
    )
    .requiredOption('--model <name>', 'model name')
    .option('--stage <stage>', 'stage, or "archived" (default: every stage, as --all)')
    .option('--all', 'every stage the model has used')
    .option('--at <time>', 'answer as of this moment, ISO 8601 with a zone (2026-06-01T12:00:00Z)')
    .option('--format <format>', 'text or json', 'text')
    .option(
      '--verified',
      'count only assignments that carry a modelgate record (ignore GTO and hand-made tags)'
    )
    .action(async (flags: ResolveFlags) => {
      const format = parseFormat(flags.format, ['text', 'json'])
      assertModelName(flags.model)
      if (flags.all && flags.stage !== undefined)
        throw new UsageError('--stage and --all ask different questions; give one')
      if (flags.stage !== undefined) assertStageName(flags.stage)
      const at = flags.at === undefined ? undefined : parseInstant(flags.at, '--at')
      const context = { ...(at && { at }), verifiedOnly: flags.verified === true }
      const tags = await gitRegistry(flags, io).listTags(modelTagPrefixes(flags.model))
      if (at) noteHeldBack(tags, at, io)
      if (flags.stage === undefined) {
        const stages = resolveAllStages(tags, flags.model, context)
        io.stdout.write(renderAllStages(flags.model, stages, format, context))
        const found = stages.some((s) => s.versions.length > 0)
        if (!found && format === 'text')
          io.stderr.write(`modelgate: no version of ${flags.model} is in any stage${when(at)}\n`)
        setExit(found ? EXIT.ok : EXIT.blocked)
        return
      }
      const versions = resolveServedStage(tags, flags.model, flags.stage, context)
      // A canary in progress, answered live: when its next step may start (the hold its record
      // carries). Only for a version this answer lists (--verified may have left it out).
      const found = at ? null : rolloutProgress(tags, flags.model, flags.stage)
      const progress = found && versions.some((v) => v.version === found.version) ? found : null
      const rollout = progress && rolloutSummary(progress)
      io.stdout.write(renderResolution(flags.model, flags.stage, versions, format, context, rollout))
      if (progress?.next && format === 'text') {
        const now = new Date()
        const wait = progress.nextAt ? Date.parse(progress.nextAt) - now.getTime() : 0
        const next =
          progress.nextAt && wait > 0
            ? `may start at ${formatUtc(progress.nextAt, now)}, in ${formatWait(wait)}`
            : 'may start now'
        io.stderr.write(
          `modelgate: note: ${progress.version} is at step ${progress.step + 1} (${progress.weight}%); step ${progress.next.step + 1} (${progress.next.weight}%) ${next}\n`
        )
      }
      if (versions.length === 0 && format === 'text')
        io.stderr.write(
          `modelgate: no ${flags.verified ? 'verified ' : ''}version of ${flags.model} is in ${flags.stage}${when(at)}\n`
        )
      setExit(versions.length > 0 ? EXIT.ok : EXIT.blocked)
    })
}

/** Tags dated before `at` that counters place after it: say so, the answer depends on it. */
function noteHeldBack(tags: readonly RawTag[], at: Date, io: CliIO): void {
  const held = heldBackAt(tags, at)
  if (held.length === 0) return
  const names = held.slice(0, 3).map((tag) => tag.name)
  io.stderr.write(
    `modelgate: note: ${held.length} tag(s) dated at or before ${at.toISOString()} (${names.join(', ')}${held.length > 3 ? ', ...' : ''}) are counted later, from when a tag with a lower counter was written: tagger dates disagree with counters (see history)\n`
  )
}

const when = (at: Date | undefined): string => (at ? ` at ${at.toISOString()}` : '')
