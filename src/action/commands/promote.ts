import * as core from '@actions/core'
import { info } from '../log.js'
import { runContext } from '../context.js'
import { chartHistory, publish } from '../publish.js'
import { findOwnAttempt } from '../resume.js'
import { reportDecision } from '../summary.js'
import {
  blockedMessage,
  checkEnvironments,
  evaluationOptions,
  needsGitHubChecks,
  readPolicyWithTags,
  requireRun,
  rollbackTarget,
  runRequesters,
  type CommandRun
} from '../shared.js'
import { RegistryError } from '../../errors.js'
import { promoteQuestion, promoteReadQuestion } from '../../lifecycle/plan.js'
import { completeArchival, promote, reevaluate } from '../../lifecycle/promote.js'
import { recordDisagreements } from '../../records/agreement.js'
import { findTransition } from '../../policy/transitions.js'
import { modelTagPrefixes } from '../../registry/gto.js'
import { previousVersion, registeredVersions } from '../../registry/state.js'
import { ownAttemptWindow } from '../resume.js'
import { normalizeVersion } from '../../policy/model-version.js'

/** `command: promote`: gates and approvals, then the assignment tag, release and status. */
export async function runPromote(run: CommandRun): Promise<void> {
  const { inputs, now } = run
  const { context, services } = await requireRun(run)
  const version = normalizeVersion(inputs.version)
  const latest = inputs.dryRun ? 0 : ownAttemptWindow(context.runAttempt)
  // One read answers the whole promotion: its stages, the candidate's registration and, to find
  // an attempt of this run, the newest tags (every counted tag on a re-run: its own attempt may
  // lie anywhere behind other writers). The policy at its pinned ref travels in the same query.
  const { policy } = await readPolicyWithTags(
    inputs,
    context.workspace,
    services,
    modelTagPrefixes(inputs.model),
    promoteReadQuestion(inputs, latest)
  )
  const transition = findTransition(policy, inputs.to, inputs.from)
  const approvals = await checkEnvironments(transition, services, inputs, context)
  // Answered by what the read above fetched: the policy's stages add none with tags of their own.
  const tags = await services.registry.listTags(
    modelTagPrefixes(inputs.model),
    promoteQuestion(policy, inputs, latest)
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
  const commit = registeredVersions(tags, inputs.model).get(version)?.commit
  const checks = commit && needsGitHubChecks(transition, inputs) ? await services.checks(commit) : undefined
  const { requesters, earlier } = await runRequesters(transition, context, services)
  const options = {
    ...evaluationOptions(inputs, checks, requesters),
    dryRun: inputs.dryRun,
    run: runContext(context, earlier)
  }
  const deps = {
    registry: services.registry,
    source: services.source,
    approvals,
    now,
    artifacts: true,
    ...(services.modelFiles && { modelFiles: services.modelFiles })
  }
  if (own) {
    // The tag says this run decided, but anyone who can push tags can write one claiming so
    // while the run waits for approval: decide again, and finish only what this attempt agrees with.
    const { decision, record: fresh } = await reevaluate(policy, options, deps)
    const disagreements = recordDisagreements(own.record!, fresh)
    if (disagreements.length > 0)
      throw new RegistryError(
        `tag ${own.tag} claims to be this workflow run's (run ${context.runId}), but this attempt's own evaluation disagrees with it: ${disagreements.join('; ')}. Its release and status were not completed; if this run did not write ${own.tag}, someone else did`,
        { file: services.registry.description }
      )
    info(`modelgate: ${own.tag} was written by this workflow run; completing its release and status`)
    const archived = await completeArchival(services.registry, own, tags)
    const history = chartHistory(tags, inputs.model, own.tag)
    const links = await publish(services, context, own.tag, own.record!, own.commit, true, history)
    // Whatever this run replaced, archived now or by the interrupted attempt.
    const replaced = archived.length > 0 ? archived : [previousVersion(tags, inputs.model, transition.to)]
    await reportDecision({
      decision,
      links,
      archived,
      history: [...history, own.record!],
      rollbackTo: rollbackTarget(
        decision,
        replaced.filter((v): v is string => v !== null)
      )
    })
    if (decision.decision === 'block') core.setFailed(blockedMessage(decision))
    return
  }

  const result = await promote(policy, options, deps)
  const history = chartHistory(tags, inputs.model)
  const links = result.tag
    ? await publish(services, context, result.tag, result.record, result.commit, false, history)
    : undefined
  await reportDecision({
    decision: result.decision,
    history: [...history, result.record],
    ...(links && { links }),
    dryRun: inputs.dryRun,
    archived: result.archived,
    notes: [...result.unavailable].map(([name, why]) => `evidence ${name} ${why}`),
    rollbackTo: rollbackTarget(result.decision, result.archived)
  })
  if (result.decision.decision === 'block') core.setFailed(blockedMessage(result.decision))
}
