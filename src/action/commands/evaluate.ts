import * as core from '@actions/core'
import { reportDecision } from '../summary.js'
import type { CommitChecks } from '../../github/checks.js'
import {
  blockedMessage,
  checkEnvironments,
  evaluationOptions,
  needsGitHubChecks,
  readPolicy,
  runRequesters,
  workspaceOf,
  type CommandRun
} from '../shared.js'
import { LocalEvidenceSource } from '../../evidence/local-source.js'
import { evaluate } from '../../gates/evaluate.js'
import { prepareEvaluation } from '../../lifecycle/evaluate-flow.js'
import { findTransition } from '../../policy/transitions.js'
import { modelTagPrefixes } from '../../registry/gto.js'
import { registeredVersions, resolveStage } from '../../registry/state.js'
import { normalizeVersion } from '../../registry/version.js'

/** `command: evaluate`: a dry run of the gates; outside a GitHub run it reads only the workspace. */
export async function runEvaluate({
  inputs,
  context,
  services: getServices,
  now
}: CommandRun): Promise<void> {
  const services = context ? await getServices() : undefined
  const workspace = workspaceOf(context)
  const policy = await readPolicy(inputs, workspace, services)
  const transition = findTransition(policy, inputs.to, inputs.from)
  let checks: CommitChecks | undefined
  let baselineVersion: string | null | undefined
  let approvals: Awaited<ReturnType<typeof checkEnvironments>> | undefined
  let requesters: string[] | undefined
  if (services && context) {
    approvals = await checkEnvironments(transition, services, inputs, context)
    requesters = (await runRequesters(transition, context, services)).requesters
    const wantChecks = needsGitHubChecks(transition, inputs)
    // The registry is read only when something needs it: the model's commit or the baseline.
    if (wantChecks || inputs.baselineEvidence.length > 0) {
      const version = normalizeVersion(inputs.version)
      const baselineStage = policy.baseline ?? policy.stages[policy.stages.length - 1]!
      const tags = await services.registry.listTags(modelTagPrefixes(inputs.model), {
        model: inputs.model,
        stages: [baselineStage],
        versions: [version]
      })
      const commit = registeredVersions(tags, inputs.model).get(version)?.commit ?? context.sha
      if (wantChecks && commit) checks = await services.checks(commit)
      if (inputs.baselineEvidence.length > 0) {
        baselineVersion =
          resolveStage(tags, inputs.model, baselineStage).find((o) => o.version !== version)?.version ?? null
      }
    }
  }
  const source = services?.source ?? new LocalEvidenceSource(workspace, 'the workspace')
  const { input, unavailable } = await prepareEvaluation(
    policy,
    {
      ...evaluationOptions(inputs, checks, requesters),
      ...(baselineVersion !== undefined && { baselineVersion })
    },
    {
      source,
      now,
      artifacts: Boolean(services),
      ...(approvals && { approvals })
    }
  )
  const decision = evaluate(input)
  await reportDecision({
    decision,
    dryRun: true,
    notes: [...unavailable].map(([name, why]) => `evidence ${name} ${why}`),
    rollbackTo:
      decision.rollback && decision.rollback.to !== 'previous' ? normalizeVersion(decision.rollback.to) : null
  })
  if (decision.decision === 'block') core.setFailed(blockedMessage(decision))
}
