import * as core from '@actions/core'
import { readFile } from 'node:fs/promises'
import { resolve as resolvePath } from 'node:path'
import { screenReviews, type ScreenedReviews } from '../approvals/guard.js'
import { distinctLogins, type ActionContext } from './context.js'
import type { ActionInputs } from './inputs.js'
import type { CommitChecks } from '../github/checks.js'
import type { RepositoryFile } from '../github/contents.js'
import type { RawTag, TagQuestion } from '../registry/types.js'
import type { ActionServices } from './services.js'
import { parseNamedPaths } from '../evidence/named-paths.js'
import type { Decision } from '../gates/types.js'
import type { EvaluationOptions } from '../lifecycle/evaluate-flow.js'
import { UsageError } from '../errors.js'
import { loadPolicy, policyFromText } from '../policy/load.js'
import { pathFromRoot } from '../policy/source-path.js'
import type { Policy, Transition } from '../policy/types.js'
import { normalizeVersion } from '../policy/model-version.js'

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

/**
 * The policy a command acts on. Anyone who can push a branch can put a copy without `approvals:`
 * in a checkout, so the commands that write to the registry (promote, rollback) read it through
 * the API at a pinned ref: `policy-ref`, or the default branch when unset (where branch
 * protection guards it). `preview` reads the same policy, since reviewers approve what it shows. `policy-ref: workspace` reads the checkout instead, as `evaluate` does
 * by default (it writes nothing, and a pull request's check should judge the pull request's
 * policy).
 */
export async function readPolicy(
  inputs: ActionInputs,
  workspace: string,
  services?: Pick<ActionServices, 'readFile'>
): Promise<Policy> {
  const local = resolvePath(workspace, inputs.policy)
  if (!services || !pinnedPolicy(inputs)) {
    const policy = await loadPolicy(local)
    // The workspace is the repository's work tree: records name the policy as any clone has it.
    policy.source = { ...policy.source!, path: pathFromRoot(resolvePath(workspace), local) ?? inputs.policy }
    return policy
  }
  const path = repositoryPath(inputs.policy)
  return policyFromRepository(inputs, local, path, await services.readFile(path, inputs.policyRef))
}

/**
 * The policy (as `readPolicy` reads it) and the model's tags, in as few requests as the services
 * allow: a policy read through the API rides in the registry's first tag-object query. `question`
 * must not depend on the policy (it is asked before the policy is known); a caller asks its
 * policy-shaped question afterwards, which the tags already read answer.
 */
export async function readPolicyWithTags(
  inputs: ActionInputs,
  workspace: string,
  services: Pick<ActionServices, 'readFile' | 'readFileWithTags' | 'registry'>,
  prefixes: readonly string[],
  question: TagQuestion
): Promise<{ policy: Policy; tags: RawTag[] }> {
  const local = resolvePath(workspace, inputs.policy)
  if (pinnedPolicy(inputs) && services.readFileWithTags) {
    const path = repositoryPath(inputs.policy)
    const { file, tags } = await services.readFileWithTags(path, inputs.policyRef, prefixes, question)
    return { policy: await policyFromRepository(inputs, local, path, file), tags }
  }
  const policy = await readPolicy(inputs, workspace, services)
  return { policy, tags: await services.registry.listTags(prefixes, question) }
}

/** Whether the command reads its policy through the API at a pinned ref (see `readPolicy`). */
function pinnedPolicy(inputs: ActionInputs): boolean {
  return (
    inputs.policyRef !== 'workspace' &&
    (inputs.policyRef !== undefined ||
      inputs.command === 'promote' ||
      inputs.command === 'rollback' ||
      inputs.command === 'preview')
  )
}

async function policyFromRepository(
  inputs: ActionInputs,
  local: string,
  path: string,
  file: RepositoryFile
): Promise<Policy> {
  const where = `${path}@${file.ref ?? 'default-branch'}`
  core.info(`modelgate: policy read from the repository: ${where}`)
  const checkedOut = await readFile(local, 'utf8').catch(() => undefined)
  if (checkedOut !== undefined && checkedOut !== file.text)
    core.warning(
      `modelgate: the checked-out ${inputs.policy} differs from ${where}; this ${inputs.command} follows ${where} (set policy-ref to choose the ref)`
    )
  return policyFromText(file.text, where)
}

/** The policy input as a path inside the repository: relative, no `..`. */
function repositoryPath(input: string): string {
  const path = input.replace(/\\/g, '/').replace(/^(\.\/)+/, '')
  if (path === '' || path.startsWith('/') || path.split('/').includes('..'))
    throw new UsageError(
      `input policy must be a path inside the repository to be read at a ref, got "${input}" (or set policy-ref: workspace)`
    )
  return path
}

export const workspaceOf = (context: ActionContext | undefined): string =>
  context?.workspace ?? process.env.GITHUB_WORKSPACE ?? process.cwd()

/** The approval environments, checked: the run's screened reviews and who may approve in each. */
export interface CheckedEnvironments {
  /** The run's reviews, screened: only approvals by each environment's reviewers count. */
  approvals: () => Promise<ScreenedReviews>
  /** Each environment's required reviewers, as a reviewer would name them (`alice`, `team risk`). */
  reviewers: ReadonlyMap<string, string[]>
}

/**
 * The environments must really gate the run before their reviews can mean anything: each must
 * exist and require reviewers (else this fails, naming it). Returns the reviews screened against
 * them and each environment's required reviewers.
 */
export async function protectedEnvironments(
  transition: Transition,
  services: ActionServices,
  inputs: ActionInputs,
  context: ActionContext
): Promise<CheckedEnvironments> {
  const names = transition.approvals?.environments ?? []
  if (names.length === 0)
    return {
      approvals: async () => ({ reviews: await services.reviews(), ignored: [] }),
      reviewers: new Map()
    }
  const { environments, warnings } = await services.assertProtected(names, {
    ref: context.ref,
    adminBypass: inputs.adminBypass
  })
  for (const warning of warnings) core.warning(`modelgate: ${warning} (accepted: admin-bypass is warn)`)
  return {
    approvals: async () => screenReviews(await services.reviews(), environments),
    reviewers: new Map(
      environments.map((env) => [
        env.name,
        env.reviewers.map((r) => (r.type === 'User' ? r.login : `team ${r.slug}`))
      ])
    )
  }
}

/** The run's reviews screened against environments that really gate it (see `protectedEnvironments`). */
export async function checkEnvironments(
  transition: Transition,
  services: ActionServices,
  inputs: ActionInputs,
  context: ActionContext
): Promise<() => Promise<ScreenedReviews>> {
  return (await protectedEnvironments(transition, services, inputs, context)).approvals
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
