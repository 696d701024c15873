import type { Command } from 'commander'
import { loadCliPolicy } from '../policy-file.js'
import { previewPromotion, previewView } from '../../lifecycle/preview.js'
import { decisionToJson } from '../../records/render-json.js'
import { renderPreviewMarkdown, renderPreviewText } from '../../records/render-preview.js'
import { addEvaluationFlags, cliEvaluation, type EvaluationFlags } from '../evaluation-options.js'
import { EXIT, type CliIO } from '../io.js'
import { addRegistryFlag, gitRegistry } from '../registry-options.js'
import { renderDecision, reportUnavailable } from '../render.js'
import { rolloutSummary } from '../../render/resolve.js'

/**
 * `modelgate preview`: what reviewers read before approving. The plan `promote` would make (same
 * registry read, baseline and gates), approvals shown as pending; exit 0 when every gate passes,
 * 1 when one blocks, whatever the approvals; writes nothing.
 */
export function registerPreviewCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  addRegistryFlag(addEvaluationFlags(program.command('preview')))
    .description(
      'what promote would do, for reviewers before they approve: gates, evidence, rollout, approvals still needed; writes nothing (exit 0 gates pass, 1 a gate blocks, 2 error)'
    )
    .action(async (flags: EvaluationFlags & { registry?: string }) => {
      const { options, deps, format } = await cliEvaluation(flags, io)
      const policy = await loadCliPolicy(flags.policy, io)
      const preview = await previewPromotion(policy, options, { ...deps, registry: gitRegistry(flags, io) })
      reportUnavailable(preview.plan.unavailable, io)
      const view = previewView(preview)
      if (format === 'json') {
        io.stdout.write(
          `${JSON.stringify(
            {
              ...decisionToJson(preview.decision),
              preview: {
                gates_pass: preview.gatesPass,
                failed_gates: preview.failedGates,
                // Snake case, as the decision object around it (`ignored` as in its approvals).
                approvals: preview.approvals && {
                  required: preview.approvals.required,
                  received: preview.approvals.received,
                  approved_by: preview.approvals.approvedBy,
                  waiting_on: preview.approvals.waitingOn,
                  ignored: preview.approvals.ignored
                },
                in_stage: preview.inStage,
                rollout: preview.rollout && rolloutSummary(preview.rollout),
                evidence: preview.plan.record.evidence,
                baseline: preview.plan.record.baseline
              }
            },
            null,
            2
          )}\n`
        )
      } else if (format === 'markdown') io.stdout.write(renderPreviewMarkdown(view))
      else io.stdout.write(`${renderDecision(preview.decision, 'text', io)}${renderPreviewText(view)}`)
      setExit(preview.gatesPass ? EXIT.ok : EXIT.blocked)
    })
}
