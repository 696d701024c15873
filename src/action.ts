import * as core from '@actions/core'
import { resolve as resolvePath } from 'node:path'
import {
  hasRepositoryContext,
  readContext,
  runContext,
  runUrl,
  type ActionContext
} from './action/context.js'
import { readInputs, type ActionInputs } from './action/inputs.js'
import { decisionFromRecord, findOwnAttempt, findOwnRollback, triggersFromRecord } from './action/resume.js'
import type { ActionServices } from './action/services.js'
import { reportDecision, reportResolve, reportRollback, type RecordLinks } from './action/summary.js'
import { parseNamedPaths } from './cli/options.js'
import { GitHubError, isModelgateError, UsageError } from './errors.js'
import { LocalEvidenceSource } from './evidence/local-source.js'
import { evaluate } from './gates/evaluate.js'
import type { Decision } from './gates/types.js'
import { prepareEvaluation, type EvaluationOptions } from './lifecycle/evaluate-flow.js'
import { completeArchival, promote } from './lifecycle/promote.js'
import { register } from './lifecycle/register.js'
import { rollback } from './lifecycle/rollback.js'
import { loadPolicy } from './policy/load.js'
import { findTransition } from './policy/transitions.js'
import type { Policy, Transition } from './policy/types.js'
import { escapeMarkdown, inlineCode } from './records/escape.js'
import { statusDescription, statusState, tagSummaryLine } from './records/record.js'
import { renderRecordMarkdown } from './records/render-markdown.js'
import type { PromotionRecord } from './records/types.js'
import { modelTagPrefixes } from './registry/gto.js'
import { previousVersion, registeredVersions, resolveStage } from './registry/state.js'
import { normalizeVersion } from './registry/version.js'

/**
 * The GitHub Action: reads inputs and the run context, builds the GitHub backends and runs the
 * same lifecycle flows as the CLI. Approvals enter only through `services.reviews()` (the run's
 * review history); no input, environment variable or file reaches that path.
 */

export type ServicesFactory = (context: ActionContext, inputs: ActionInputs) => Promise<ActionServices>

export interface RunOptions {
  /** Builds the GitHub backends; default the real ones over Octokit. */
  services?: ServicesFactory
  now?: () => Date
}

async function defaultServices(context: ActionContext, inputs: ActionInputs): Promise<ActionServices> {
  // Loaded lazily: `evaluate` on local evidence outside a repository needs none of Octokit.
  const { createGitHubServices } = await import('./action/github-services.js')
  return createGitHubServices(context, inputs)
}

export async function run(options: RunOptions = {}): Promise<void> {
  let token = ''
  try {
    const inputs = readInputs()
    token = inputs.token
    const now = options.now ?? (() => new Date())
    const factory = options.services ?? defaultServices
    const context = hasRepositoryContext(process.env) ? readContext(process.env) : undefined
    let built: ActionServices | undefined
    const services = async (): Promise<ActionServices> => {
      if (!context)
        throw new UsageError(
          `command ${inputs.command} needs a GitHub Actions run (GITHUB_REPOSITORY and GITHUB_RUN_ID are not set)`
        )
      if (!inputs.token)
        throw new UsageError(
          'input github-token is empty; pass ${{ github.token }} or a token with the permissions in docs/action.md'
        )
      built ??= await factory(context, inputs)
      return built
    }
    try {
      switch (inputs.command) {
        case 'evaluate':
          return await runEvaluate(inputs, context, context ? await services() : undefined, now)
        case 'promote':
          return await runPromote(inputs, context!, await services(), now)
        case 'rollback':
          return await runRollback(inputs, context!, await services(), now)
        case 'resolve':
          return await runResolve(inputs, await services())
        case 'register':
          return await runRegister(inputs, context!, await services(), now)
      }
    } finally {
      await built?.close?.()
    }
  } catch (error) {
    core.setFailed(redact(describeError(error), token))
  }
}

function describeError(error: unknown): string {
  if (isModelgateError(error)) return `modelgate: ${error.format()}`
  const message = error instanceof Error ? error.message : String(error)
  return `modelgate: unexpected error: ${message}`
}

/** Defence in depth: the runner masks the token in logs, but outputs and summaries are ours to keep clean. */
function redact(text: string, token: string): string {
  return token.length >= 4 ? text.split(token).join('***') : text
}

async function readPolicy(inputs: ActionInputs, workspace: string): Promise<Policy> {
  return loadPolicy(resolvePath(workspace, inputs.policy))
}

const workspaceOf = (context: ActionContext | undefined): string =>
  context?.workspace ?? process.env.GITHUB_WORKSPACE ?? process.cwd()

/** The environments must really gate the run before their reviews can mean anything. */
async function checkEnvironments(transition: Transition, services: ActionServices): Promise<void> {
  if (transition.approvals && transition.approvals.environments.length > 0)
    await services.assertProtected(transition.approvals.environments)
}

/** `checks` gates read GitHub unless the workflow handed in evidence `checks` explicitly. */
function needsGitHubChecks(transition: Transition, inputs: ActionInputs): boolean {
  return (
    transition.gates.some((gate) => gate.kind === 'checks') &&
    !inputs.evidence.some((line) => line.startsWith('checks='))
  )
}

function rollbackTarget(decision: Decision, archived: readonly string[]): string | null {
  const plan = decision.rollback
  if (!plan) return null
  return plan.to === 'previous' ? (archived[0] ?? null) : normalizeVersion(plan.to)
}

async function runEvaluate(
  inputs: ActionInputs,
  context: ActionContext | undefined,
  services: ActionServices | undefined,
  now: () => Date
): Promise<void> {
  const workspace = workspaceOf(context)
  const policy = await readPolicy(inputs, workspace)
  const transition = findTransition(policy, inputs.to, inputs.from)
  let checks: Record<string, string> | undefined
  let baselineVersion: string | null | undefined
  if (services && context) {
    await checkEnvironments(transition, services)
    const wantChecks = needsGitHubChecks(transition, inputs)
    // The registry is read only when something needs it: the model's commit or the baseline.
    if (wantChecks || inputs.baselineEvidence.length > 0) {
      const tags = await services.registry.listTags(modelTagPrefixes(inputs.model))
      const version = normalizeVersion(inputs.version)
      const commit = registeredVersions(tags, inputs.model).get(version)?.commit ?? context.sha
      if (wantChecks && commit) checks = await services.checks(commit)
      if (inputs.baselineEvidence.length > 0) {
        const baselineStage = policy.baseline ?? policy.stages[policy.stages.length - 1]!
        baselineVersion =
          resolveStage(tags, inputs.model, baselineStage).find((o) => o.version !== version)?.version ?? null
      }
    }
  }
  const source = services?.source ?? new LocalEvidenceSource(workspace)
  const { input, unavailable } = await prepareEvaluation(
    policy,
    {
      ...evaluationOptions(inputs, checks, context?.actor),
      ...(baselineVersion !== undefined && { baselineVersion })
    },
    {
      source,
      now,
      artifacts: Boolean(services),
      ...(services && { approvals: () => services.reviews() })
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

/** The evaluation options every command that evaluates builds from the inputs. */
function evaluationOptions(
  inputs: ActionInputs,
  checks: Readonly<Record<string, string>> | undefined,
  actor: string | undefined
): EvaluationOptions {
  return {
    model: inputs.model,
    version: inputs.version,
    to: inputs.to,
    ...(inputs.from !== undefined && { from: inputs.from }),
    evidence: parseNamedPaths(inputs.evidence, 'evidence'),
    baselineEvidence: parseNamedPaths(inputs.baselineEvidence, 'baseline-evidence'),
    ...(actor && { actor }),
    ...(checks && { checks })
  }
}

function blockedMessage(decision: Decision): string {
  return `modelgate blocked ${decision.model} ${decision.version} → ${decision.to}: ${decision.reasons.join('; ')}`
}

/**
 * Release (draft → record asset → publish), then the commit status pointing at it. The tag, and
 * with it the decision, is already in the registry: a failure here says so, and that a re-run of
 * the job completes the rest without writing anything twice.
 */
async function publish(
  services: ActionServices,
  context: ActionContext,
  tag: string,
  record: PromotionRecord,
  commit: string,
  resumed = false
): Promise<RecordLinks> {
  const run = runUrl(context)
  try {
    const published = await services.publishRecord({
      tag,
      record,
      name: tagSummaryLine(record),
      notes: renderRecordMarkdown(record, { run }),
      resumed
    })
    await services.setStatus({
      commit,
      context: `modelgate/${record.model}/${record.to_stage}`,
      state: statusState(record),
      description: statusDescription(record),
      targetUrl: published.releaseUrl,
      onlyIfMissing: resumed
    })
    return { tag, release: published.releaseUrl, record: published.recordUrl, run }
  } catch (error) {
    if (!(error instanceof GitHubError)) throw error
    const what = record.event === 'blocked' ? 'blocked attempt' : record.event
    throw new GitHubError(
      `the ${what} is recorded in tag ${tag}, but its release and status are not complete: ${error.message}. Re-run this job to complete the release and status; nothing is written twice`,
      error.status,
      { cause: error }
    )
  }
}

async function runPromote(
  inputs: ActionInputs,
  context: ActionContext,
  services: ActionServices,
  now: () => Date
): Promise<void> {
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

async function runRollback(
  inputs: ActionInputs,
  context: ActionContext,
  services: ActionServices,
  now: () => Date
): Promise<void> {
  const policy = await readPolicy(inputs, context.workspace)
  const stage = inputs.stage ?? policy.stages[policy.stages.length - 1]!
  if (!inputs.dryRun) {
    const tags = await services.registry.listTags(modelTagPrefixes(inputs.model))
    const own = findOwnRollback(tags, { model: inputs.model, stage, runId: context.runId })
    if (own?.record) {
      // A re-run must not roll back a second time: complete the first one's release and status.
      core.info(`modelgate: ${own.tag} was written by this workflow run; completing its release and status`)
      const links = await publish(services, context, own.tag, own.record, own.commit, true)
      await reportRollback({
        model: inputs.model,
        stage,
        current: own.record.baseline.version ?? '',
        triggers: triggersFromRecord(own.record),
        fired: true,
        rolledBackTo: own.record.version,
        links
      })
      return
    }
  }
  const result = await rollback(
    policy,
    {
      model: inputs.model,
      stage,
      monitoring: parseNamedPaths(inputs.monitoring, 'monitoring'),
      dryRun: inputs.dryRun,
      run: runContext(context)
    },
    {
      registry: services.registry,
      // Monitoring paths are explicit (a workspace file or `artifact:<artifact>/<file>`): the
      // policy's `artifact:` for an evidence of the same name describes the promotion's report.
      source: {
        read: (name, spec, path) => {
          const local = { ...spec }
          delete local.artifact
          return services.source.read(name, local, path)
        }
      },
      now
    }
  )
  let links: RecordLinks | undefined
  if (result.tag && result.record && result.rolledBackTo) {
    const tags = await services.registry.listTags(modelTagPrefixes(inputs.model))
    const commit = registeredVersions(tags, inputs.model).get(result.rolledBackTo)?.commit
    if (!commit)
      throw new GitHubError(`rolled back to ${result.rolledBackTo} but cannot find its registered commit`)
    links = await publish(services, context, result.tag, result.record, commit)
  }
  await reportRollback({
    model: inputs.model,
    stage: result.stage,
    current: result.current,
    triggers: result.triggers,
    fired: result.fired,
    rolledBackTo: result.rolledBackTo,
    dryRun: inputs.dryRun,
    ...(links && { links })
  })
}

async function runResolve(inputs: ActionInputs, services: ActionServices): Promise<void> {
  const tags = await services.registry.listTags(modelTagPrefixes(inputs.model))
  await reportResolve({
    model: inputs.model,
    stage: inputs.stage!,
    occupants: resolveStage(tags, inputs.model, inputs.stage!)
  })
}

async function runRegister(
  inputs: ActionInputs,
  context: ActionContext,
  services: ActionServices,
  now: () => Date
): Promise<void> {
  const version = normalizeVersion(inputs.version)
  const revision = inputs.commit ?? context.sha
  if (!revision) throw new UsageError('input commit is empty and GITHUB_SHA is not set')
  const commit = await services.registry.resolveCommit(revision)
  const tags = await services.registry.listTags(modelTagPrefixes(inputs.model))
  const existing = registeredVersions(tags, inputs.model).get(version)
  let tag = `${inputs.model}@${version}`
  if (inputs.dryRun) {
    core.info(`modelgate: dry run: would register ${inputs.model} ${version} on ${commit.slice(0, 12)}`)
  } else if (existing && existing.commit === commit) {
    // A re-run registers nothing twice.
    core.info(`modelgate: ${inputs.model} ${version} is already registered on ${commit.slice(0, 12)}`)
  } else {
    tag = (await register({ model: inputs.model, version, commit }, services.registry, now)).tag
  }
  core.setOutput('decision', inputs.dryRun ? 'none' : 'registered')
  core.setOutput('version', version)
  core.setOutput('tag', inputs.dryRun ? '' : tag)
  const verb = inputs.dryRun ? 'would register (dry run)' : 'registered'
  await core.summary
    .addRaw(
      `### ${escapeMarkdown(inputs.model)} ${inlineCode(version)}: ${verb} on ${inlineCode(commit.slice(0, 12))}\n`,
      true
    )
    .write()
}
