import * as core from '@actions/core'
import { runContext } from '../context.js'
import { publish } from '../publish.js'
import { decisionFromRecord, findOwnAttempt } from '../resume.js'
import { reportDecision } from '../summary.js'
import {
  blockedMessage,
  checkEnvironments,
  evaluationOptions,
  needsGitHubChecks,
  readPolicy,
  requireRun,
  rollbackTarget,
  type CommandRun
} from '../shared.js'
import { completeArchival, promote, promoteQuestion } from '../../lifecycle/promote.js'
import { findTransition } from '../../policy/transitions.js'
import { modelTagPrefixes } from '../../registry/gto.js'
import { previousVersion, registeredVersions } from '../../registry/state.js'
import { ownAttemptWindow } from '../resume.js'
import { normalizeVersion } from '../../registry/version.js'

/** `command: promote`: gates and approvals, then the assignment tag, release and status. */
export async function runPromote(run: CommandRun): Promise<void> {
  const { inputs, now } = run
  const { context, services } = await requireRun(run)
  const policy = await readPolicy(inputs, context.workspace)
  const transition = findTransition(policy, inputs.to, inputs.from)
  await checkEnvironments(transition, services)
  const version = normalizeVersion(inputs.version)
  // One read answers the whole promotion: its stages, the candidate's registration and, to find
  // an attempt of this run, the newest tags (every counted tag on a re-run: its own attempt may
  // lie anywhere behind other writers).
  const tags = await services.registry.listTags(
    modelTagPrefixes(inputs.model),
    promoteQuestion(policy, inputs, inputs.dryRun ? 0 : ownAttemptWindow(context.runAttempt))
  )

  const own = inputs.dryRun
    ? undefined
    : findOwnAttempt(tags, {
        model: inputs.model,
        version,
        stage: transition.to,
        runId: context.runId,
        attempt: context.runAttempt
      })
  if (own) {
    // This run already decided; finish what an interrupted attempt may have left undone.
    core.info(`modelgate: ${own.tag} was written by this workflow run; completing its release and status`)
    const decision = decisionFromRecord(own, transition.approvals)
    const archived = await completeArchival(services.registry, own, tags)
    const links = await publish(services, context, own.tag, own.record!, own.commit, true)
    // Whatever this run replaced, archived now or by the interrupted attempt.
    const replaced = archived.length > 0 ? archived : [previousVersion(tags, inputs.model, transition.to)]
    await reportDecision({
      decision,
      links,
      archived,
      rollbackTo: rollbackTarget(
        decision,
        replaced.filter((v): v is string => v !== null)
      )
    })
    if (decision.decision === 'block') core.setFailed(blockedMessage(decision))
    return
  }

  const commit = registeredVersions(tags, inputs.model).get(version)?.commit
  const checks = commit && needsGitHubChecks(transition, inputs) ? await services.checks(commit) : undefined
  const result = await promote(
    policy,
    { ...evaluationOptions(inputs, checks, context.actor), dryRun: inputs.dryRun, run: runContext(context) },
    {
      registry: services.registry,
      source: services.source,
      approvals: () => services.reviews(),
      now,
      artifacts: true
    }
  )
  const links = result.tag
    ? await publish(services, context, result.tag, result.record, result.commit)
    : undefined
  await reportDecision({
    decision: result.decision,
    ...(links && { links }),
    dryRun: inputs.dryRun,
    archived: result.archived,
    notes: [...result.unavailable].map(([name, why]) => `evidence ${name} ${why}`),
    rollbackTo: rollbackTarget(result.decision, result.archived)
  })
  if (result.decision.decision === 'block') core.setFailed(blockedMessage(result.decision))
}
