import { resolve } from 'node:path'
import type { Command } from 'commander'
import { loadCliPolicy } from '../policy-file.js'
import { evaluateCandidate } from '../../lifecycle/evaluate-candidate.js'
import { needsBaseline } from '../../lifecycle/plan.js'
import { findTransition } from '../../policy/transitions.js'
import type { Policy } from '../../policy/types.js'
import type { EvaluationOptions } from '../../lifecycle/evaluate-flow.js'
import { addEvaluationFlags, cliEvaluation, type EvaluationFlags } from '../evaluation-options.js'
import { EXIT, type CliIO } from '../io.js'
import { addRegistryFlag, gitRegistry, isGitRepository } from '../registry-options.js'
import { renderDecision, reportUnavailable } from '../render.js'

/**
 * Whether `evaluate` reads the registry: always with `--registry`; otherwise when a gate compares
 * with the baseline the flags do not name (then the current repository, as `promote`). A
 * directory outside any git repository with the baseline's evidence handed in is evaluated on
 * that evidence alone; without it, the evaluation is refused with what to give.
 */
function readsRegistry(
  policy: Policy,
  options: EvaluationOptions,
  flags: { registry?: string },
  cwd: string
): boolean {
  if (flags.registry !== undefined) return true
  if (options.baselineVersion !== undefined) return false
  if (!needsBaseline(findTransition(policy, options.to, options.from))) return false
  // Outside a repository there is no registry: evaluateCandidate then says what to give.
  return isGitRepository(cwd)
}

export function registerEvaluateCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  addRegistryFlag(addEvaluationFlags(program.command('evaluate')))
    .description(
      'evaluate the gates of one transition as promote would; writes nothing (exit 0 promote, 1 block, 2 error)'
    )
    .action(async (flags: EvaluationFlags & { registry?: string }) => {
      const { options, deps, format } = await cliEvaluation(flags, io)
      const policy = await loadCliPolicy(flags.policy, io)
      const registry = readsRegistry(policy, options, flags, resolve(io.cwd, flags.registry ?? '.'))
        ? gitRegistry(flags, io)
        : undefined
      const { decision, unavailable } = await evaluateCandidate(policy, options, {
        ...deps,
        ...(registry && { registry })
      })
      reportUnavailable(unavailable, io)
      // Without --actor the CLI cannot tell who triggered the run, so self-approval goes unchecked.
      const rule = findTransition(policy, options.to, options.from).approvals
      if (rule?.prevent_self_approval && deps.approvals && options.actor === undefined) {
        io.stderr.write(
          'modelgate: note: the policy prevents self-approval but --actor was not given, so it is not checked\n'
        )
      }
      io.stdout.write(renderDecision(decision, format, io))
      setExit(decision.decision === 'promote' ? EXIT.ok : EXIT.blocked)
    })
}
