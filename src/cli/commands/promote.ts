import type { Command } from 'commander'
import { promote } from '../../lifecycle/promote.js'
import { UsageError } from '../../errors.js'
import { loadPolicy } from '../../policy/load.js'
import { findTransition } from '../../policy/transitions.js'
import { decisionToJson } from '../../records/render-json.js'
import { addEvaluationFlags, cliEvaluation, type EvaluationFlags } from '../evaluation-options.js'
import { EXIT, type CliIO } from '../io.js'
import { addRegistryFlag, gitRegistry } from '../registry-options.js'
import { renderDecision, reportUnavailable } from '../render.js'

export function registerPromoteCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  addRegistryFlag(addEvaluationFlags(program.command('promote')))
    .description(
      'evaluate, record and move the stage pointer (exit 0 promoted, 1 blocked and recorded, 2 error)'
    )
    .option('--dry-run', 'evaluate and show what would be written, writing nothing')
    .action(async (flags: EvaluationFlags & { registry?: string; dryRun?: boolean }) => {
      const { policyPath, options, deps, format } = await cliEvaluation(flags, io)
      const policy = await loadPolicy(policyPath)
      // Without knowing who asked for the promotion, everyone's approval would count, theirs included.
      const rule = findTransition(policy, flags.to, flags.from).approvals
      if (rule?.prevent_self_approval && flags.actor === undefined)
        throw new UsageError(
          `the ${flags.to} transition prevents self-approval, so promote needs --actor <login> (who requested this promotion; their own approval never counts)`
        )
      const result = await promote(
        policy,
        { ...options, dryRun: Boolean(flags.dryRun) },
        { ...deps, registry: gitRegistry(flags, io) }
      )
      reportUnavailable(result.unavailable, io)
      if (format === 'json') {
        io.stdout.write(
          `${JSON.stringify({ ...decisionToJson(result.decision), tag: result.tag, archived: result.archived, record: result.record }, null, 2)}\n`
        )
      } else {
        io.stdout.write(renderDecision(result.decision, format, io))
        const written = result.tag ? `recorded in tag ${result.tag}` : 'dry run: nothing written'
        const archived =
          result.archived.length > 0
            ? `; archived ${result.archived.join(', ')} from ${result.decision.to}`
            : ''
        const weight =
          result.record.rollout?.weight !== undefined && result.record.rollout.weight < 100
            ? `; ${result.record.rollout.strategy} at ${result.record.rollout.weight}%`
            : ''
        io.stdout.write(`${written}${archived}${weight}\n`)
      }
      setExit(result.decision.decision === 'promote' ? EXIT.ok : EXIT.blocked)
    })
}
