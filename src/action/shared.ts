import { resolve as resolvePath } from 'node:path'
import { distinctLogins, type ActionContext } from './context.js'
import type { ActionInputs } from './inputs.js'
import type { CommitChecks } from '../github/checks.js'
import type { ActionServices } from './services.js'
import { parseNamedPaths } from '../cli/options.js'
import type { Decision } from '../gates/types.js'
import type { EvaluationOptions } from '../lifecycle/evaluate-flow.js'
import { loadPolicy } from '../policy/load.js'
import type { Policy, Transition } from '../policy/types.js'
import { normalizeVersion } from '../registry/version.js'

/** What every action command is handed by the dispatcher in `src/action.ts`. */
export interface CommandRun {
  inputs: ActionInputs
  /** The run's context; undefined only outside a GitHub Actions run (local `evaluate`). */
  context: ActionContext | undefined
  /** The GitHub backends, built on first use; fails with a usage error outside a run. */
  services: () => Promise<ActionServices>
  now: () => Date
}

/** The command's run context, or the usage error `services()` gives outside a run. */
export async function requireRun(
  run: CommandRun
): Promise<{ context: ActionContext; services: ActionServices }> {
  const services = await run.services()
  return { context: run.context!, services }
}

export async function readPolicy(inputs: ActionInputs, workspace: string): Promise<Policy> {
  return loadPolicy(resolvePath(workspace, inputs.policy))
}

export const workspaceOf = (context: ActionContext | undefined): string =>
  context?.workspace ?? process.env.GITHUB_WORKSPACE ?? process.cwd()

/** The environments must really gate the run before their reviews can mean anything. */
export async function checkEnvironments(transition: Transition, services: ActionServices): Promise<void> {
  if (transition.approvals && transition.approvals.environments.length > 0)
    await services.assertProtected(transition.approvals.environments)
}

/** `checks` gates read GitHub unless the workflow handed in evidence `checks` explicitly. */
export function needsGitHubChecks(transition: Transition, inputs: ActionInputs): boolean {
  return (
    transition.gates.some((gate) => gate.kind === 'checks') &&
    !inputs.evidence.some((line) => line.startsWith('checks='))
  )
}

export function rollbackTarget(decision: Decision, archived: readonly string[]): string | null {
  const plan = decision.rollback
  if (!plan) return null
  return plan.to === 'previous' ? (archived[0] ?? null) : normalizeVersion(plan.to)
}

/**
 * Everyone who asked for this run (never an approver under `prevent_self_approval`): the
 * runner's actor and triggering actor, plus, when the transition needs approvals, whoever
 * started the attempts in between (read from the API).
 */
export async function runRequesters(
  transition: Transition,
  context: ActionContext,
  services: ActionServices
): Promise<{ requesters: string[]; earlier: string[] }> {
  const earlier = transition.approvals ? await services.earlierRequesters() : []
  return { requesters: distinctLogins([...context.requesters, context.actor, ...earlier]), earlier }
}

/** The evaluation options every command that evaluates builds from the inputs. */
export function evaluationOptions(
  inputs: ActionInputs,
  checks: CommitChecks | undefined,
  requesters: readonly string[] | undefined
): EvaluationOptions {
  return {
    model: inputs.model,
    version: inputs.version,
    to: inputs.to,
    ...(inputs.from !== undefined && { from: inputs.from }),
    evidence: parseNamedPaths(inputs.evidence, 'evidence'),
    baselineEvidence: parseNamedPaths(inputs.baselineEvidence, 'baseline-evidence'),
    ...(requesters && requesters.length > 0 && { requesters: [...requesters] }),
    ...(checks && { checks: checks.conclusions, checksByApp: checks.byApp })
  }
}

export function blockedMessage(decision: Decision): string {
  return `modelgate blocked ${decision.model} ${decision.version} → ${decision.to}: ${decision.reasons.join('; ')}`
}
