import { RegistryError, RolloutHoldError, UsageError } from '../errors.js'
import { evaluate } from '../gates/evaluate.js'
import type { ChecksByApp, Decision, EvaluationInput } from '../gates/types.js'
import { findTransition } from '../policy/transitions.js'
import type { Policy, Transition } from '../policy/types.js'
import { buildPromotionRecord } from '../records/record.js'
import type { PromotionRecord, RunContext } from '../records/types.js'
import { recordedBaselineValues } from '../registry/baseline-values.js'
import { assertModelName, modelTagPrefixes } from '../registry/gto.js'
import { ARCHIVED_STAGE } from '../policy/normalize.js'
import { isArchivedVersion } from '../registry/serving.js'
import { formatUtc, formatWait, rolloutProgress } from '../registry/rollout.js'
import { buildHistory, registeredVersions, resolveStage } from '../registry/state.js'
import type { RawTag, RegistryBackend, TagQuestion } from '../registry/types.js'
import { normalizeVersion } from '../policy/model-version.js'
import { prepareEvaluation, type EvaluationDeps, type EvaluationOptions } from './evaluate-flow.js'

export interface PlanOptions extends EvaluationOptions {
  run?: RunContext
}

export interface PlanDeps extends EvaluationDeps {
  registry: RegistryBackend
  /**
   * Check runs and statuses of the model's commit (the action reads GitHub's), by name and per
   * GitHub App for gates that pin `app:`; asked only for `checks` gates.
   */
  checksFor?: (
    commit: string
  ) => Promise<{ conclusions: Readonly<Record<string, string>>; byApp: ChecksByApp }>
}

/** Everything `promote` decides before it writes: `evaluate`, `preview` and `promote --dry-run` stop here. */
export interface PromotionPlan {
  transition: Transition
  decision: Decision
  record: PromotionRecord
  input: EvaluationInput
  unavailable: Map<string, string>
  /** The commit the version is registered on. */
  commit: string
  /** Every tag of the model, as read once for this plan. */
  tags: RawTag[]
  registered: Map<string, { commit: string; at: string | null }>
  baselineStage: string
  /** The rollout step this promotion reaches, when the transition has a rollout. */
  rolloutStep: number | undefined
  /** Whether the version was archived (in no stage) and this promotion restores it (`from_stage: "archived"`). */
  restored: boolean
}

/** Metric paths whose baseline value a gate of the transition compares with. */
export function baselineMetrics(transition: Transition): Set<string> {
  const metrics = new Set<string>()
  for (const gate of transition.gates)
    if (gate.kind === 'metric' && gate.vs_baseline && gate.vs_baseline.metric === undefined)
      metrics.add(gate.metric)
  return metrics
}

/** Whether a gate of the transition compares with the version in the baseline stage. */
export function needsBaseline(transition: Transition): boolean {
  return baselineMetrics(transition).size > 0 || transition.gates.some((g) => g.kind === 'schema_compatible')
}

/**
 * The rollout step this promotion reaches: advancing a canary is a promote of the same version,
 * and it waits for the hold of the step it leaves.
 */
function nextRolloutStep(
  transition: Transition,
  version: string,
  tags: readonly RawTag[],
  model: string,
  now: Date
): number {
  const steps = transition.rollout!.steps
  const stage = transition.to
  const occupants = resolveStage(tags, model, stage)
  const occupant = occupants.find((o) => o.version === version)
  // A canary needs a champion to share traffic with; the first version in a stage takes it all.
  if (!occupant) return occupants.length === 0 ? steps.length - 1 : 0
  const last = buildHistory(tags, model).filter((e) => e.tag === occupant.tag)[0]?.record?.rollout
  const step = last?.current_step === undefined ? steps.length : last.current_step + 1
  if (step >= steps.length)
    throw new RegistryError(`${model} ${version} is already fully rolled out in ${stage}`)
  const progress = rolloutProgress(
    tags,
    model,
    stage,
    steps.map((s) => s.holdSeconds)
  )
  if (progress && progress.version === version && progress.nextAt) {
    const wait = Date.parse(progress.nextAt) - now.getTime()
    if (wait > 0) {
      const held = steps[progress.step]!
      throw new RolloutHoldError(
        `${model} ${version} is at ${progress.weight}% in ${stage} since ${progress.since}, held for ${held.hold ?? `${held.holdSeconds}s`}: step ${step + 1} (${steps[step]!.weight}%) may start at ${formatUtc(progress.nextAt, now)}, in ${formatWait(wait)}; nothing was written`,
        progress.nextAt
      )
    }
  }
  return step
}

/**
 * What a promotion asks of the registry: the candidate's registration, and the stages it moves
 * from and to and takes its baseline from. A backend that reads tag objects one by one reads only
 * these (`registry/window.ts`); `latest` adds the model's newest tags (a re-run's own attempt).
 */
export function promoteQuestion(
  policy: Policy,
  options: { model: string; version: string; to: string; from?: string },
  latest = 0
): TagQuestion {
  const transition = findTransition(policy, options.to, options.from)
  const baselineStage = policy.baseline ?? policy.stages[policy.stages.length - 1]!
  return {
    ...promoteReadQuestion(options, latest),
    stages: [transition.from, transition.to, baselineStage]
  }
}

/**
 * What a promotion reads, asked before its policy is known (the policy then travels in the same
 * request). Every stage the tag names mention is asked anyway (`allStages`), so the stages the
 * policy adds (from, to, baseline) change nothing that is read: a stage without tags has nothing
 * to read. `promoteQuestion` asked afterwards is answered by what this one read.
 */
export function promoteReadQuestion(
  options: { model: string; version: string; to: string; from?: string },
  latest = 0
): TagQuestion {
  return {
    model: options.model,
    stages: [options.to, ...(options.from !== undefined ? [options.from] : [])],
    versions: [normalizeVersion(options.version)],
    latest,
    // Whether the candidate is archived (in no stage) is asked of every stage, not only these.
    allStages: true
  }
}

/**
 * Reads the registry once and decides: the version must be registered (and in the transition's
 * `from` stage past the first), a canary step must wait out its hold, the baseline is the version
 * in the policy's baseline stage and its values come from its own promotion records (evidence
 * handed in is the fallback). Writes nothing. `promote` writes what this returns; `evaluate`,
 * `preview` and `promote --dry-run` report it, so all of them decide alike.
 */
export async function planPromotion(
  policy: Policy,
  options: PlanOptions,
  deps: PlanDeps
): Promise<PromotionPlan> {
  assertModelName(options.model)
  const version = normalizeVersion(options.version)
  const transition = findTransition(policy, options.to, options.from)
  const registry = deps.registry
  const tags = await registry.listTags(modelTagPrefixes(options.model), promoteQuestion(policy, options))
  const registered = registeredVersions(tags, options.model)
  const target = registered.get(version)
  if (!target) {
    throw new RegistryError(
      `${options.model} ${version} is not registered; run: modelgate register --model ${options.model} --version ${version}`,
      { file: registry.description }
    )
  }
  // An archived version is no longer active, not deleted: it may re-enter where any version
  // enters (a transition out of the first stage), and its record says it was restored.
  const restored = isArchivedVersion(tags, options.model, version)
  if (transition.from !== policy.stages[0]) {
    const inFrom = resolveStage(tags, options.model, transition.from).some((o) => o.version === version)
    if (!inFrom) {
      const entry = policy.transitions.filter((t) => t.from === policy.stages[0]).map((t) => t.to)
      throw new UsageError(
        restored
          ? `${options.model} ${version} is archived (in no stage); restore it into ${entry.join(' or ') || 'a stage after ' + policy.stages[0]} first`
          : `${options.model} ${version} is not in ${transition.from}; promote it there first`
      )
    }
  }
  const now = deps.now()
  const rolloutStep =
    transition.rollout && transition.rollout.strategy !== 'direct'
      ? nextRolloutStep(transition, version, tags, options.model, now)
      : undefined

  const baselineStage = policy.baseline ?? policy.stages[policy.stages.length - 1]!
  const baselineVersion =
    options.baselineVersion !== undefined
      ? options.baselineVersion === null
        ? null
        : normalizeVersion(options.baselineVersion)
      : (resolveStage(tags, options.model, baselineStage).find((o) => o.version !== version)?.version ?? null)

  const fetched =
    options.checks === undefined && deps.checksFor && transition.gates.some((g) => g.kind === 'checks')
      ? await deps.checksFor(target.commit)
      : undefined
  const { input, unavailable } = await prepareEvaluation(
    policy,
    {
      ...options,
      version,
      baselineVersion,
      registeredCommit: target.commit,
      ...(fetched && { checks: fetched.conclusions, checksByApp: fetched.byApp })
    },
    deps
  )
  if (baselineVersion !== null) {
    const recorded = recordedBaselineValues(tags, options.model, baselineVersion, baselineMetrics(transition))
    if (recorded.size > 0) input.baseline = { ...input.baseline, recorded }
  }
  const evaluated = evaluate(input)
  const decision: Decision = restored ? { ...evaluated, from: ARCHIVED_STAGE } : evaluated
  const record = buildPromotionRecord({
    decision,
    evidence: input.candidate,
    baseline: { version: input.baseline.version, stage: baselineStage },
    policy,
    ...(options.run && { run: options.run }),
    createdAt: now.toISOString(),
    ...(rolloutStep !== undefined && { rolloutStep })
  })
  return {
    transition,
    decision,
    record,
    input,
    unavailable,
    commit: target.commit,
    tags,
    registered,
    baselineStage,
    rolloutStep,
    restored
  }
}
