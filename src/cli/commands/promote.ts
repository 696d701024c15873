import type { Command } from 'commander'
import { loadCliPolicy } from '../policy-file.js'
import { promote } from '../../lifecycle/promote.js'
import { UsageError } from '../../errors.js'
import { findTransition } from '../../policy/transitions.js'
import { renderPromotion } from '../../render/promote.js'
import { addEvaluationFlags, cliEvaluation, type EvaluationFlags } from '../evaluation-options.js'
import { EXIT, type CliIO } from '../io.js'
import { addRegistryFlag, gitRegistry } from '../registry-options.js'
import { reportUnavailable, useColor } from '../render.js'

export function registerPromoteCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  addRegistryFlag(addEvaluationFlags(program.command('promote')))
    .description(
      'evaluate, record and move the stage pointer (exit 0 promoted, 1 blocked and recorded, 2 error)'
    )
    .option('--dry-run', 'evaluate and show what would be written, writing nothing')
    .action(async (flags: EvaluationFlags & { registry?: string; dryRun?: boolean }) => {
      const { options, deps, format } = await cliEvaluation(flags, io)
      const policy = await loadCliPolicy(flags.policy, io)
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
      io.stdout.write(renderPromotion(result, format, { color: useColor(io) }))
      setExit(result.decision.decision === 'promote' ? EXIT.ok : EXIT.blocked)
    })
}
