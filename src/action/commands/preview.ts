import * as core from '@actions/core'
import { runContext, runUrl } from '../context.js'
import { reportPreview } from '../summary.js'
import {
  evaluationOptions,
  needsGitHubChecks,
  protectedEnvironments,
  readPolicy,
  requireRun,
  runRequesters,
  type CommandRun
} from '../shared.js'
import { previewPromotion } from '../../lifecycle/preview.js'
import { findTransition } from '../../policy/transitions.js'

/**
 * `command: preview`: what reviewers read before they approve. The plan `promote` makes — same
 * registry read, baseline, evidence and gates — with approvals shown as pending: who approved so
 * far, who is still needed (each waiting environment's required reviewers), and the link to the
 * pending deployments. Writes nothing; the step fails only when a gate blocks.
 */
export async function runPreview(run: CommandRun): Promise<void> {
  const { inputs, now } = run
  const { context, services } = await requireRun(run)
  const policy = await readPolicy(inputs, context.workspace, services)
  const transition = findTransition(policy, inputs.to, inputs.from)
  // An environment that does not really gate the run is an error now, before anyone is asked;
  // the reviews shown are screened against the environments' reviewers, as promote counts them.
  const { approvals, reviewers } = await protectedEnvironments(transition, services, inputs, context)
  // Whoever asked for the run (any attempt) never counts as its approver, as in promote.
  const { requesters, earlier } = await runRequesters(transition, context, services)
  const preview = await previewPromotion(
    policy,
    { ...evaluationOptions(inputs, undefined, requesters), run: runContext(context, earlier) },
    {
      registry: services.registry,
      source: services.source,
      approvals,
      now,
      artifacts: true,
      ...(services.modelFiles && { modelFiles: services.modelFiles }),
      ...(needsGitHubChecks(transition, inputs) && { checksFor: (commit: string) => services.checks(commit) })
    }
  )
  await reportPreview(preview, runUrl(context), reviewers)
  if (!preview.gatesPass)
    core.setFailed(
      `modelgate preview: ${preview.decision.model} ${preview.decision.version} → ${preview.decision.to} is blocked by ${preview.failedGates.join(', ')}: ${preview.decision.reasons.filter((r) => !r.startsWith('approvals:')).join('; ')}`
    )
}
