import { normalizeVersion } from './model-version.js'
import { parseDuration } from './duration.js'
import type { KeyPath } from './locate.js'
import type { GateInput, PolicyInput } from './schema.js'
import type {
  ApprovalRule,
  Bounds,
  EvidenceSpec,
  Gate,
  Policy,
  RollbackPlan,
  Rollout,
  Transition
} from './types.js'

/** Raises a located PolicyError; `atKey` points at the key rather than its value. */
export type Fail = (message: string, path: KeyPath, atKey?: boolean) => never

/** The pseudo-stage of versions once assigned and in no stage now: a policy cannot declare it. */
export const ARCHIVED_STAGE = 'archived'

/**
 * Turns a schema-valid policy into the engine's form, enforcing the rules that span fields:
 * declared stages, one check kind per gate, unique ids, coherent bounds and rollout plans.
 */
export function normalizePolicy(input: PolicyInput, fail: Fail): Policy {
  const stages = input.stages
  stages.forEach((stage, i) => {
    if (stage === ARCHIVED_STAGE) fail(`"${ARCHIVED_STAGE}" is implicit and cannot be listed`, ['stages', i])
    if (stages.indexOf(stage) !== i) fail(`stage "${stage}" is listed twice`, ['stages', i])
  })
  const declared = (stage: string, path: KeyPath): string => {
    // Versions reach "archived" only by being replaced (promote) or retired (rollback), never by a gate.
    if (stage === ARCHIVED_STAGE)
      fail(
        `"${ARCHIVED_STAGE}" is implicit: a version is archived when another replaces it, not through a transition`,
        path
      )
    if (!stages.includes(stage)) fail(`undeclared stage "${stage}"; stages are ${stages.join(', ')}`, path)
    return stage
  }
  const baseline =
    input.baseline === undefined ? stages[stages.length - 1]! : declared(input.baseline, ['baseline'])

  // No prototype: a lookup by a name from the command line (`constructor`) finds nothing, not Object.
  const evidence: Record<string, EvidenceSpec> = Object.create(null) as Record<string, EvidenceSpec>
  for (const [name, spec] of Object.entries(input.evidence ?? {})) {
    evidence[name] = { ...spec, format: spec.format ?? 'json' }
    if (spec.format === 'samples' && !(spec.reference && spec.current)) {
      fail('samples evidence needs both reference and current', ['evidence', name])
    }
  }

  const seenTransitions = new Set<string>()
  const transitions = input.transitions.map((raw, t): Transition => {
    const to = declared(raw.to, ['transitions', t, 'to'])
    let from: string
    if (raw.from !== undefined) {
      from = declared(raw.from, ['transitions', t, 'from'])
    } else {
      const index = stages.indexOf(to)
      if (index === 0)
        fail(`"${to}" is the first stage; give from: to say where models come from`, ['transitions', t, 'to'])
      from = stages[index - 1]!
    }
    if (from === to) fail(`a transition cannot go from "${from}" to itself`, ['transitions', t])
    const key = `${from}->${to}`
    if (seenTransitions.has(key)) fail(`a second transition ${from} -> ${to}`, ['transitions', t])
    seenTransitions.add(key)

    const ids = new Set<string>()
    const gates = (raw.gates ?? []).map((gate, g) => {
      const path: KeyPath = ['transitions', t, 'gates', g]
      if (ids.has(gate.id)) fail(`duplicate gate id "${gate.id}" in this transition`, [...path, 'id'])
      ids.add(gate.id)
      return normalizeGate(gate, path, fail)
    })
    const transition: Transition = { from, to, gates }
    if (raw.approvals)
      transition.approvals = normalizeApprovals(raw.approvals, ['transitions', t, 'approvals'], fail)
    if (raw.rollout) transition.rollout = normalizeRollout(raw.rollout, ['transitions', t, 'rollout'], fail)
    if (raw.rollback)
      transition.rollback = normalizeRollback(raw.rollback, ['transitions', t, 'rollback'], fail)
    if (gates.length === 0 && !transition.approvals) {
      fail('a transition needs at least one gate or an approvals rule', ['transitions', t])
    }
    return transition
  })

  return { version: 1, model: input.model, stages, baseline, evidence, transitions }
}

const CHECK_KINDS = ['metric', 'schema_compatible', 'checks', 'lineage'] as const
const BOUND_KEYS = ['min', 'max', 'above', 'below', 'equals'] as const
const RANGE_KEYS = ['min', 'max', 'above', 'below'] as const

function normalizeGate(gate: GateInput, path: KeyPath, fail: Fail): Gate {
  const kinds = CHECK_KINDS.filter((kind) => gate[kind] !== undefined)
  const boundKeys = BOUND_KEYS.filter((key) => gate[key] !== undefined)
  if (kinds.length === 0) {
    if (boundKeys.length > 0 || gate.vs_baseline)
      fail('bounds and vs_baseline need a metric', [...path, boundKeys[0] ?? 'vs_baseline'], true)
    fail(
      'a gate with no check: give one of metric (with bounds or vs_baseline), schema_compatible, checks, lineage',
      path
    )
  }
  if (kinds.length > 1)
    fail(`a gate checks one thing; it has ${kinds.join(' and ')}`, [...path, kinds[1]!], true)
  const common = {
    id: gate.id,
    severity: gate.severity ?? 'block',
    optional: gate.optional ?? false,
    ...(gate.description !== undefined && { description: gate.description })
  }
  const kind = kinds[0]!
  if (kind !== 'metric') {
    const stray = [...boundKeys, ...(gate.vs_baseline ? ['vs_baseline'] : [])][0]
    if (stray) fail(`${stray} belongs to metric gates, not ${kind}`, [...path, stray], true)
  }
  if (kind !== 'checks' && gate.app !== undefined)
    fail(`app belongs to checks gates, not ${kind}`, [...path, 'app'], true)
  for (const key of ['verify_model_file', 'max_model_file_bytes'] as const)
    if (kind !== 'lineage' && gate[key] !== undefined)
      fail(`${key} belongs to lineage gates, not ${kind}`, [...path, key], true)
  if (kind !== 'lineage' && kind !== 'checks' && gate.evidence !== undefined) {
    fail(
      'evidence belongs to lineage and checks gates (schema_compatible takes it inside)',
      [...path, 'evidence'],
      true
    )
  }
  switch (kind) {
    case 'metric': {
      if (boundKeys.length === 0 && !gate.vs_baseline) {
        fail(
          'a gate with no check: a metric gate needs min, max, above, below, equals or vs_baseline',
          [...path, 'metric'],
          true
        )
      }
      if (gate.equals !== undefined && (boundKeys.length > 1 || gate.vs_baseline)) {
        const other = boundKeys.find((key) => key !== 'equals') ?? 'vs_baseline'
        fail(
          'equals stands alone: an exact value takes no other bound or vs_baseline',
          [...path, other],
          true
        )
      }
      const bounds: Bounds = {}
      for (const key of RANGE_KEYS) if (gate[key] !== undefined) bounds[key] = gate[key]
      const lower = Math.max(bounds.min ?? -Infinity, bounds.above ?? -Infinity)
      const upper = Math.min(bounds.max ?? Infinity, bounds.below ?? Infinity)
      if (lower > upper)
        fail(`no value can pass: the lower bound ${lower} exceeds the upper bound ${upper}`, path)
      if (gate.vs_baseline) {
        const comparisons = (['min_delta', 'max_delta', 'min_relative', 'max_relative'] as const).filter(
          (key) => gate.vs_baseline![key] !== undefined
        )
        if (comparisons.length === 0) {
          fail('vs_baseline needs min_delta, max_delta, min_relative or max_relative', [
            ...path,
            'vs_baseline'
          ])
        }
      }
      return {
        ...common,
        kind: 'metric',
        metric: gate.metric!,
        bounds,
        ...(gate.equals !== undefined && { equals: gate.equals }),
        ...(gate.vs_baseline && { vs_baseline: gate.vs_baseline })
      }
    }
    case 'schema_compatible':
      return { ...common, kind: 'schema_compatible', evidence: gate.schema_compatible!.evidence }
    case 'checks':
      return {
        ...common,
        kind: 'checks',
        checks: gate.checks!,
        evidence: gate.evidence ?? 'checks',
        ...(gate.app !== undefined && { app: gate.app })
      }
    case 'lineage':
      return {
        ...common,
        kind: 'lineage',
        fields: gate.lineage!,
        evidence: gate.evidence ?? 'lineage',
        verify_model_file: gate.verify_model_file ?? true,
        ...(gate.max_model_file_bytes !== undefined && { max_model_file_bytes: gate.max_model_file_bytes })
      }
  }
}

function normalizeApprovals(
  raw: NonNullable<PolicyInput['transitions'][number]['approvals']>,
  path: KeyPath,
  fail: Fail
): ApprovalRule {
  raw.environments.forEach((name, i) => {
    if (raw.environments.indexOf(name) !== i)
      fail(`environment "${name}" is listed twice`, [...path, 'environments', i])
  })
  if (raw.required > raw.environments.length) {
    // A GitHub environment holds one review per person, so N people need N environments (docs/approvals.md).
    fail(
      `required ${raw.required} needs at least ${raw.required} environments (one reviewer approves each); ${raw.environments.length} listed`,
      [...path, 'required']
    )
  }
  return {
    required: raw.required,
    environments: raw.environments,
    prevent_self_approval: raw.prevent_self_approval ?? true
  }
}

function normalizeRollout(
  raw: NonNullable<PolicyInput['transitions'][number]['rollout']>,
  path: KeyPath,
  fail: Fail
): Rollout {
  const steps = (raw.steps ?? []).map((step) => ({
    weight: step.weight,
    ...(step.hold !== undefined && { hold: step.hold, holdSeconds: parseDuration(step.hold) })
  }))
  if (raw.strategy === 'canary') {
    if (steps.length === 0) fail('a canary rollout needs steps', [...path, 'strategy'])
    steps.forEach((step, i) => {
      if (i > 0 && step.weight <= steps[i - 1]!.weight) {
        fail('canary weights must increase step by step', [...path, 'steps', i, 'weight'])
      }
    })
    if (steps[steps.length - 1]!.weight !== 100) {
      fail('the last canary step must reach weight 100', [...path, 'steps', steps.length - 1, 'weight'])
    }
  }
  if (raw.strategy === 'direct' && steps.length === 0) steps.push({ weight: 100 })
  return { strategy: raw.strategy, steps }
}

function normalizeRollback(
  raw: NonNullable<PolicyInput['transitions'][number]['rollback']>,
  path: KeyPath,
  fail: Fail
): RollbackPlan {
  let to = 'previous'
  if (raw.to !== undefined && raw.to !== 'previous') {
    try {
      to = normalizeVersion(raw.to)
    } catch {
      fail(`expected previous or a version such as v3 or 1.2.0, got ${JSON.stringify(raw.to)}`, [
        ...path,
        'to'
      ])
    }
  }
  const when = raw.when.map((trigger, i) => {
    const tpath: KeyPath = [...path, 'when', i]
    const conditions = (['above', 'below', 'drop_relative'] as const).filter(
      (key) => trigger[key] !== undefined
    )
    if (conditions.length === 0) fail('a rollback trigger needs above, below or drop_relative', tpath)
    if (trigger.drop_relative !== undefined && conditions.length > 1) {
      fail('drop_relative compares with a baseline window; give it alone', [...tpath, 'drop_relative'], true)
    }
    if (trigger.drop_relative !== undefined && !(trigger.drop_relative > 0 && trigger.drop_relative <= 1)) {
      fail(`drop_relative is a fraction in (0, 1], got ${trigger.drop_relative}`, [...tpath, 'drop_relative'])
    }
    const forSeconds = trigger.for === undefined ? 0 : parseDuration(trigger.for)
    return {
      ...trigger,
      forSeconds,
      ...(trigger.drop_relative !== undefined && {
        baselineWindowSeconds: trigger.baseline_window
          ? parseDuration(trigger.baseline_window)
          : Math.max(forSeconds, 60)
      })
    }
  })
  return { to, when }
}
