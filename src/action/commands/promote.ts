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
  runRequesters,
  type CommandRun
} from '../shared.js'
import { completeArchival, promote } from '../../lifecycle/promote.js'
import { findTransition } from '../../policy/transitions.js'
import { modelTagPrefixes } from '../../registry/gto.js'
import { previousVersion, registeredVersions } from '../../registry/state.js'
import { normalizeVersion } from '../../registry/version.js'

/** `command: promote`: gates and approvals, then the assignment tag, release and status. */
export async function runPromote(run: CommandRun): Promise<void> {
  const { inputs, now } = run
  const { context, services } = await requireRun(run)
  const policy = await readPolicy(inputs, context.workspace)
  const transition = findTransition(policy, inputs.to, inputs.from)
  await checkEnvironments(transition, services)
  const version = normalizeVersion(inputs.version)
  const tags = await services.registry.listTags(modelTagPrefixes(inputs.model))

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
  const { requesters, earlier } = await runRequesters(transition, context, services)
  const result = await promote(
    policy,
    {
      ...evaluationOptions(inputs, checks, requesters),
      dryRun: inputs.dryRun,
      run: runContext(context, earlier)
    },
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
