import { noApprovalsRequired } from '../approvals/count.js'
import { EvidenceError, PolicyError, RegistryError } from '../errors.js'
import { loadEvidence } from '../evidence/load.js'
import type { EvidenceSource } from '../evidence/source.js'
import type { LoadedEvidence } from '../evidence/types.js'
import type { Decision, GateResult } from '../gates/types.js'
import type { Policy, RollbackPlan } from '../policy/types.js'
import { buildPromotionRecord, recordToTagMessage } from '../records/record.js'
import type { PromotionRecord, RunContext } from '../records/types.js'
import { assertModelName, assignmentTag, modelTagPrefixes } from '../registry/gto.js'
import { previousVersion, registeredVersions, resolveStage } from '../registry/state.js'
import type { RegistryBackend } from '../registry/types.js'
import { normalizeVersion } from '../policy/model-version.js'
import { evaluateTriggers, type TriggerResult } from '../rollback/triggers.js'
import { archiveOthers } from './promote.js'
import { createCountedTag } from './write-tag.js'

export interface RollbackOptions {
  model: string
  /** The stage to watch; default the policy's last stage. */
  stage?: string
  /** `name=path` monitoring files, read as timeseries (Prometheus results recognised by shape). */
  monitoring: ReadonlyMap<string, string>
  dryRun?: boolean
  run?: RunContext
}

export interface RollbackDeps {
  registry: RegistryBackend
  source: EvidenceSource
  now: () => Date
}

export interface RollbackResult {
  stage: string
  current: string
  triggers: TriggerResult[]
  /**
   * The samples the triggers judged: from the moment the current version took the stage (its
   * assignment, or its current canary step) to the newest sample read.
   */
  window: { since: string; until: string | null }
  fired: boolean
  /** The version the stage was moved back to; null when nothing fired. */
  rolledBackTo: string | null
  record: PromotionRecord | null
  tag: string | null
}

function planFor(policy: Policy, stage: string): RollbackPlan {
  const plan = policy.transitions.find((t) => t.to === stage && t.rollback)?.rollback
  if (!plan)
    throw new PolicyError(`the policy has no rollback plan for stage "${stage}"`, {
      file: policy.source?.path
    })
  return plan
}

function triggerGate(result: TriggerResult, index: number): GateResult {
  return {
    id: `rollback-trigger-${index + 1}`,
    kind: 'metric',
    status: result.status === 'fired' ? 'fail' : result.status === 'quiet' ? 'pass' : 'missing',
    severity: 'block',
    optional: false,
    blocking: result.status === 'fired',
    metric: result.metric,
    message: result.message
  }
}

/**
 * Evaluates the rollback triggers on monitoring; when one fires, moves the stage back to the
 * plan's target and records why. Missing monitoring is reported, never read as healthy.
 */
export async function rollback(
  policy: Policy,
  options: RollbackOptions,
  deps: RollbackDeps
): Promise<RollbackResult> {
  assertModelName(options.model)
  const stage = options.stage ?? policy.stages[policy.stages.length - 1]!
  const plan = planFor(policy, stage)
  const tags = await deps.registry.listTags(modelTagPrefixes(options.model), {
    model: options.model,
    stages: [stage],
    versions: plan.to === 'previous' ? [] : [normalizeVersion(plan.to)]
  })
  const occupant = resolveStage(tags, options.model, stage)[0]
  if (!occupant)
    throw new RegistryError(`no version of ${options.model} is in ${stage}`, {
      file: deps.registry.description
    })
  const current = occupant.version
  // The version is judged on its own samples only: an incident before it took the stage (say,
  // the one that rolled its predecessor back) is not its incident, so re-running over the same
  // data never walks the stage back one version per run.
  const sinceMs = Date.parse(occupant.since ?? '')
  if (Number.isNaN(sinceMs))
    throw new RegistryError(
      `cannot tell when ${options.model} ${current} took ${stage} (tag ${occupant.tag})`,
      {
        file: deps.registry.description
      }
    )

  const monitoring = new Map<string, LoadedEvidence>()
  for (const [name, path] of options.monitoring) {
    const declared = policy.evidence[name]
    const format = declared?.format === 'prometheus' ? 'prometheus' : 'timeseries'
    monitoring.set(name, await loadEvidence(name, { ...declared, format, path }, deps.source))
  }
  const triggers = evaluateTriggers(plan.when, monitoring, { since: sinceMs / 1000 })
  const absent = triggers.filter((t) => t.absent)
  if (absent.length > 0)
    throw new EvidenceError(
      `rollback trigger${absent.length === 1 ? '' : 's'} cannot be judged: ${absent.map((t) => `${t.metric}: ${t.message}`).join('; ')}`
    )
  const fired = triggers.some((t) => t.status === 'fired')
  const window = { since: new Date(sinceMs).toISOString(), until: newestSample(monitoring, sinceMs / 1000) }
  const result: RollbackResult = {
    stage,
    current,
    triggers,
    window,
    fired,
    rolledBackTo: null,
    record: null,
    tag: null
  }
  if (!fired) return result

  const target =
    plan.to === 'previous' ? previousVersion(tags, options.model, stage) : normalizeVersion(plan.to)
  if (!target)
    throw new RegistryError(`a rollback trigger fired but ${stage} has no previous version to return to`)
  const registered = registeredVersions(tags, options.model)
  const commit = registered.get(target)?.commit
  if (!commit) throw new RegistryError(`rollback target ${options.model} ${target} is not registered`)

  const reasons = triggers.filter((t) => t.status === 'fired').map((t) => `rollback trigger: ${t.message}`)
  const decision: Decision = {
    model: options.model,
    version: target,
    from: stage,
    to: stage,
    decision: 'promote',
    gates: triggers.map(triggerGate),
    approvals: noApprovalsRequired('rollbacks need no approval'),
    reasons
  }
  const record = buildPromotionRecord({
    decision,
    event: 'rollback',
    evidence: [...monitoring.values()],
    baseline: { version: current, stage },
    policy,
    ...(options.run && { run: options.run }),
    createdAt: deps.now().toISOString(),
    rollbackTo: target,
    monitoringWindow: window
  })
  result.rolledBackTo = target
  result.record = record
  if (options.dryRun) return result
  result.tag = (
    await createCountedTag(
      deps.registry,
      options.model,
      (n) => assignmentTag(options.model, stage, n),
      commit,
      recordToTagMessage(record)
    )
  ).tag
  await archiveOthers(
    deps.registry,
    options.model,
    stage,
    target,
    [{ version: current }],
    record,
    registered,
    result.tag
  )
  return result
}

/** The newest sample time at or after `since` across the monitoring read, or null. */
function newestSample(monitoring: ReadonlyMap<string, LoadedEvidence>, since: number): string | null {
  let newest = -Infinity
  for (const evidence of monitoring.values()) {
    for (const series of Object.values(evidence.data as Record<string, Array<[number, number]>>)) {
      const last = series[series.length - 1]
      if (last && last[0] >= since && last[0] > newest) newest = last[0]
    }
  }
  return Number.isFinite(newest) ? new Date(newest * 1000).toISOString() : null
}
