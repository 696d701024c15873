import { isModelgateError, RegistryError } from '../errors.js'
import { evaluate } from '../gates/evaluate.js'
import type { Decision } from '../gates/types.js'
import type { Policy } from '../policy/types.js'
import { buildPromotionRecord, recordToTagMessage } from '../records/record.js'
import type { PromotionRecord } from '../records/types.js'
import { assignmentTag, blockedTag, modelTagPrefixes, unassignmentTag } from '../registry/gto.js'
import { buildHistory, registeredVersions, resolveStage, type RegistryEvent } from '../registry/state.js'
import type { RawTag, RegistryBackend } from '../registry/types.js'
import { normalizeVersion } from '../policy/model-version.js'
import { prepareEvaluation, type EvaluationDeps } from './evaluate-flow.js'
import { planPromotion, type PlanDeps, type PlanOptions, type PromotionPlan } from './plan.js'
import { createCountedTag, createCountedTagSet } from './write-tag.js'

export interface PromoteOptions extends PlanOptions {
  dryRun?: boolean
}

export type PromoteDeps = PlanDeps

export interface PromoteResult {
  decision: Decision
  record: PromotionRecord
  /** The assignment or blocked-attempt tag written; null on a dry run. */
  tag: string | null
  /** Versions moved out of the stage (archived) by this promotion. */
  archived: string[]
  /** Whether the version was archived (in no stage) and this promotion restores it (`from_stage: "archived"`). */
  restored: boolean
  commit: string
  unavailable: Map<string, string>
  /** What was decided before anything was written (preview reads it). */
  plan: PromotionPlan
}

/**
 * Evaluates the gates, then writes the record and moves the pointer. The record lives inside the
 * assignment tag, so the pointer never moves without it. A completed promotion writes its
 * assignment and the archival of the versions it replaces as one atomic set where the backend
 * can (`createTags`: all three backends); elsewhere archival tags come after and are repaired by a
 * re-run or the next promotion if a crash cuts them off. A blocked attempt writes its own tag and
 * moves nothing.
 */
export async function promote(
  policy: Policy,
  options: PromoteOptions,
  deps: PromoteDeps
): Promise<PromoteResult> {
  const plan = await planPromotion(policy, options, deps)
  const { decision, record, transition, tags, registered } = plan
  const version = record.version
  const registry = deps.registry
  const result: PromoteResult = {
    decision,
    record,
    tag: null,
    archived: [],
    restored: plan.restored,
    commit: plan.commit,
    unavailable: plan.unavailable,
    plan
  }
  if (options.dryRun) return result

  const message = recordToTagMessage(record)
  if (decision.decision === 'block') {
    result.tag = (
      await createCountedTag(
        registry,
        options.model,
        (n) => blockedTag(options.model, n),
        plan.commit,
        message
      )
    ).tag
    return result
  }
  const before = resolveStage(tags, options.model, transition.to)
  if (registry.createTags && completesRollout(record)) {
    // The assignment and the archival of what it replaces as one atomic write: a failure leaves
    // neither, so nothing is ever half-promoted, and a re-run starts over.
    let archiving: Array<{ version: string; commit: string }> = []
    const written = await createCountedTagSet(
      registry,
      options.model,
      { model: options.model, stages: [transition.to], versions: [version] },
      (current) => {
        const replaced = versionsToArchive(
          buildHistory(current, options.model),
          transition.to,
          version,
          resolveStage(current, options.model, transition.to)
        )
        const commits = registeredVersions(current, options.model)
        archiving = [...replaced]
          .map((v) => ({ version: v, commit: commits.get(v)?.commit }))
          .filter((a): a is { version: string; commit: string } => a.commit !== undefined)
        return [
          { name: (n) => assignmentTag(options.model, transition.to, n), commit: plan.commit, message },
          ...archiving.map((a) => ({
            name: (n: bigint) => unassignmentTag(options.model, transition.to, n),
            commit: a.commit,
            message: archivalMessage(options.model, transition.to, a.version, version, record)
          }))
        ]
      }
    )
    result.tag = written[0]!.tag
    result.archived = archiving.map((a) => a.version)
    return result
  }
  result.tag = (
    await createCountedTag(
      registry,
      options.model,
      (n) => assignmentTag(options.model, transition.to, n),
      plan.commit,
      message
    )
  ).tag
  if (completesRollout(record)) {
    try {
      result.archived = await archiveOthers(
        registry,
        options.model,
        transition.to,
        version,
        before,
        record,
        registered,
        result.tag
      )
    } catch (error) {
      if (!isModelgateError(error)) throw error
      throw new RegistryError(
        `${options.model} ${version} is promoted to ${transition.to} (tag ${result.tag}), but archiving the version it replaced failed: ${error.message}. A re-run of this job, or the next promotion to ${transition.to}, archives it`,
        undefined,
        { cause: error }
      )
    }
  }
  return result
}

/**
 * What this attempt decides, writing nothing: the evaluation a promotion runs, and the record it
 * would write. A resumed attempt compares this with the tag it found before completing that
 * tag's release and status, so a tag nobody can vouch for never turns into a success.
 */
export async function reevaluate(
  policy: Policy,
  options: PromoteOptions,
  deps: EvaluationDeps
): Promise<{ decision: Decision; record: PromotionRecord }> {
  const baselineStage = policy.baseline ?? policy.stages[policy.stages.length - 1]!
  const { input } = await prepareEvaluation(
    policy,
    {
      ...options,
      version: normalizeVersion(options.version),
      baselineVersion: options.baselineVersion ?? null
    },
    deps
  )
  const decision = evaluate(input)
  const record = buildPromotionRecord({
    decision,
    evidence: input.candidate,
    baseline: { version: input.baseline.version, stage: baselineStage },
    policy,
    ...(options.run && { run: options.run }),
    createdAt: deps.now().toISOString()
  })
  return { decision, record }
}

const completesRollout = (record: PromotionRecord): boolean =>
  !record.rollout || (record.rollout.weight ?? 100) >= 100

/**
 * A re-run of a promotion whose assignment tag already exists (an earlier attempt of the same
 * run wrote it, then stopped): archives what that attempt left assigned. Versions already
 * archived after their assignment are left alone, so this is a no-op when nothing was cut off.
 */
export async function completeArchival(
  registry: RegistryBackend,
  own: RegistryEvent,
  tags: readonly RawTag[]
): Promise<string[]> {
  const record = own.record
  if (!record || own.kind !== 'assignment' || record.decision !== 'promote' || !completesRollout(record))
    return []
  const registered = registeredVersions(tags, own.model)
  return archiveOthers(registry, own.model, record.to_stage, record.version, [], record, registered, own.tag)
}

/**
 * Unassignment tags (GTO's view of "archived") for the versions a completed promotion replaced:
 * every other version whose latest assignment in the stage precedes `ownTag` (this promotion's
 * assignment) and has not been unassigned since. A version assigned AFTER `ownTag` — a racing
 * promotion that wrote the next counter — is left alone: it replaces this one, not the reverse,
 * so racing promotions never leave the stage empty.
 */
export async function archiveOthers(
  registry: RegistryBackend,
  model: string,
  stage: string,
  keep: string,
  before: ReadonlyArray<{ version: string }>,
  record: PromotionRecord,
  registered: ReadonlyMap<string, { commit: string }>,
  ownTag?: string
): Promise<string[]> {
  const archived: string[] = []
  const history = buildHistory(
    await registry.listTags(modelTagPrefixes(model), { model, stages: [stage], versions: [keep] }),
    model
  )
  const own = ownTag === undefined ? -1 : history.findIndex((e) => e.tag === ownTag)
  for (const version of versionsToArchive(history, stage, keep, before, own >= 0 ? own : history.length)) {
    const commit = registered.get(version)?.commit
    if (!commit) continue
    const message = archivalMessage(model, stage, version, keep, record)
    await createCountedTag(registry, model, (n) => unassignmentTag(model, stage, n), commit, message)
    archived.push(version)
  }
  return archived
}

/**
 * The versions other than `keep` still assigned in `stage` in git's eyes, including ones a
 * crashed promotion left behind: assigned before event `limit` (this promotion's own assignment,
 * or the end of the history when it is not written yet) and not unassigned since.
 */
export function versionsToArchive(
  history: readonly RegistryEvent[],
  stage: string,
  keep: string,
  before: ReadonlyArray<{ version: string }>,
  limit = history.length
): Set<string> {
  const lastAssigned = new Map<string, number>()
  const lastArchived = new Map<string, number>()
  history.forEach((event, i) => {
    if (event.stage !== stage || event.version === null) return
    if (event.kind === 'assignment' || event.kind === 'rollback') lastAssigned.set(event.version, i)
    else if (event.kind === 'archival') lastArchived.set(event.version, i)
  })
  const stillAssigned = new Set<string>()
  for (const version of [...before.map((o) => o.version), ...lastAssigned.keys()]) {
    const assigned = lastAssigned.get(version)
    if (version === keep || assigned === undefined || assigned >= limit) continue
    if ((lastArchived.get(version) ?? -1) > assigned) continue
    stillAssigned.add(version)
  }
  return stillAssigned
}

/** The unassignment tag's message: which version, replaced by which, when and by which run. */
function archivalMessage(
  model: string,
  stage: string,
  version: string,
  keep: string,
  record: PromotionRecord
): string {
  return `archive ${model} ${version} from ${stage}: replaced by ${keep}\n\n${JSON.stringify({ archived: version, replaced_by: keep, stage, created_at: new Date(Date.parse(record.created_at) + 1).toISOString(), run: record.run }, null, 2)}\n`
}
