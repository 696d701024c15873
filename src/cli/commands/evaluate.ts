import type { Command } from 'commander'
import { evaluate } from '../../gates/evaluate.js'
import { prepareEvaluation } from '../../lifecycle/evaluate-flow.js'
import { loadPolicy } from '../../policy/load.js'
import { findTransition } from '../../policy/transitions.js'
import { addEvaluationFlags, cliEvaluation, type EvaluationFlags } from '../evaluation-options.js'
import { EXIT, type CliIO } from '../io.js'
import { renderDecision, reportUnavailable } from '../render.js'

export function registerEvaluateCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  addEvaluationFlags(program.command('evaluate'))
    .description('evaluate the gates of one transition; writes nothing (exit 0 promote, 1 block, 2 error)')
    .action(async (flags: EvaluationFlags) => {
      const { policyPath, options, deps, format } = await cliEvaluation(flags, io)
      const policy = await loadPolicy(policyPath)
      const { input, unavailable } = await prepareEvaluation(policy, options, deps)
      reportUnavailable(unavailable, io)
      // Without --actor the CLI cannot tell who triggered the run, so self-approval goes unchecked.
      const rule = findTransition(policy, options.to, options.from).approvals
      if (rule?.prevent_self_approval && deps.approvals && options.actor === undefined) {
        io.stderr.write(
          'modelgate: note: the policy prevents self-approval but --actor was not given, so it is not checked\n'
        )
      }
      const decision = evaluate(input)
      io.stdout.write(renderDecision(decision, format, io))
      setExit(decision.decision === 'promote' ? EXIT.ok : EXIT.blocked)
    })
}
