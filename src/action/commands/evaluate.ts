import * as core from '@actions/core'
import { reportDecision } from '../summary.js'
import { distinctLogins } from '../context.js'
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
import { EvidenceError } from '../../errors.js'
import { LocalEvidenceSource } from '../../evidence/local-source.js'
import type { ModelFileSource } from '../../evidence/source.js'
import { evaluateCandidate } from '../../lifecycle/evaluate-candidate.js'
import { needsBaseline } from '../../lifecycle/plan.js'
import { findTransition } from '../../policy/transitions.js'
import type { Policy, Transition } from '../../policy/types.js'
import { normalizeVersion } from '../../policy/model-version.js'
import type { ActionInputs } from '../inputs.js'
import type { ActionServices } from '../services.js'

/** Whether any evidence this evaluation reads lives in a workflow artifact. */
function readsArtifacts(policy: Policy, inputs: ActionInputs): boolean {
  const overridden = new Map(
    inputs.evidence.map((line) => [
      line.slice(0, line.indexOf('=')).trim(),
      line.slice(line.indexOf('=') + 1)
    ])
  )
  const named = [...Object.entries(policy.evidence)].some(
    ([name, spec]) => !overridden.has(name) && spec.artifact !== undefined
  )
  const lines = [...inputs.evidence, ...inputs.baselineEvidence]
  return (
    named ||
    lines.some((line) =>
      line
        .slice(line.indexOf('=') + 1)
        .trim()
        .startsWith('artifact:')
    )
  )
}

/** Whether the evaluation needs GitHub at all: the registry, approvals, check runs or artifacts. */
function needsGitHub(policy: Policy, transition: Transition, inputs: ActionInputs): boolean {
  return (
    needsBaseline(transition) ||
    needsGitHubChecks(transition, inputs) ||
    transition.approvals !== undefined ||
    readsArtifacts(policy, inputs)
  )
}

/** The run's model-file hasher, asking for the GitHub services only when a file is to be hashed. */
function lazyModelFiles(
  services: ActionServices | undefined,
  getServices: () => Promise<ActionServices>
): ModelFileSource {
  return {
    async digest(request) {
      const hasher = (services ?? (await getServices())).modelFiles
      if (!hasher) throw new EvidenceError('this run has no reader for workflow artifacts')
      return hasher.digest(request)
    }
  }
}

/**
 * `command: evaluate`: the gates as `promote` decides them, writing nothing. It asks GitHub only
 * for what the transition needs: the registry when a gate compares with the baseline or reads
 * the model commit's checks (then the very plan `promote --dry-run` makes), the reviews when the
 * transition counts approvals, artifacts when evidence lives in one. Workspace evidence with none
 * of those runs without any request.
 */
export async function runEvaluate({
  inputs,
  context,
  services: getServices,
  now
}: CommandRun): Promise<void> {
  const workspace = workspaceOf(context)
  // A policy read at a ref comes through the API; otherwise GitHub is asked only for what the
  // transition needs (below), so workspace evidence alone runs without a single request.
  const policyAtRef =
    context !== undefined && inputs.policyRef !== undefined && inputs.policyRef !== 'workspace'
  const early = policyAtRef ? await getServices() : undefined
  const policy = await readPolicy(inputs, workspace, early)
  const transition = findTransition(policy, inputs.to, inputs.from)
  const services =
    early ?? (context && needsGitHub(policy, transition, inputs) ? await getServices() : undefined)
  // The environments must really gate the run before their reviews count (screened by reviewer).
  const approvals =
    services && context ? await checkEnvironments(transition, services, inputs, context) : undefined
  // Everyone who asked for the run never approves it; earlier attempts' requesters are read from
  // the API only when the transition counts approvals (and then GitHub is asked anyway).
  const requesters =
    services && context
      ? (await runRequesters(transition, context, services)).requesters
      : context && distinctLogins([...context.requesters, context.actor])
  const wantChecks = needsGitHubChecks(transition, inputs)
  const readRegistry = services && (needsBaseline(transition) || wantChecks)
  const { decision, unavailable } = await evaluateCandidate(
    policy,
    evaluationOptions(inputs, undefined, requesters),
    {
      source: services?.source ?? new LocalEvidenceSource(workspace, 'the workspace', workspace),
      now,
      artifacts: Boolean(services),
      // A model file named by an `artifact:` model_uri is read even when nothing else needed
      // GitHub (lineage in the workspace): inside a run, the artifacts are at hand.
      ...(context && { modelFiles: lazyModelFiles(services, getServices) }),
      ...(approvals && { approvals }),
      ...(readRegistry && { registry: services.registry }),
      ...(services && wantChecks && { checksFor: (commit: string) => services.checks(commit) })
    }
  )
  await reportDecision({
    decision,
    dryRun: true,
    notes: [...unavailable].map(([name, why]) => `evidence ${name} ${why}`),
    rollbackTo:
      decision.rollback && decision.rollback.to !== 'previous' ? normalizeVersion(decision.rollback.to) : null
  })
  if (decision.decision === 'block') core.setFailed(blockedMessage(decision))
}
