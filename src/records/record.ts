import type { EvidenceSet, LoadedEvidence } from '../evidence/types.js'
import type { Decision } from '../gates/types.js'
import type { Policy } from '../policy/types.js'
import { stripControl, truncate } from './escape.js'
import { jsonSafe } from './render-json.js'
import { PROMOTION_RECORD_SCHEMA, type PromotionRecord, type RunContext } from './types.js'

export interface RecordInput {
  decision: Decision
  event?: PromotionRecord['event']
  evidence: EvidenceSet | readonly LoadedEvidence[]
  baseline: { version: string | null; stage?: string }
  policy?: Policy
  run?: RunContext
  createdAt: string
  /** Index into the rollout's steps this promotion reaches. */
  rolloutStep?: number
  rollbackTo?: string | null
}

const LINEAGE_KEYS = ['model_digest', 'data_snapshot', 'code_commit', 'environment_lock'] as const

/** The record of one promotion, blocked attempt or rollback (SPEC §4). Pure: time is an input. */
export function buildPromotionRecord(input: RecordInput): PromotionRecord {
  const { decision } = input
  const evidence = [
    ...(Array.isArray(input.evidence) ? input.evidence : (input.evidence as EvidenceSet).values())
  ]
  const lineage = evidence.find((e) => e.name === 'lineage')?.data
  const artifacts: PromotionRecord['artifacts'] = {}
  if (lineage && typeof lineage === 'object' && !Array.isArray(lineage)) {
    for (const key of LINEAGE_KEYS) {
      const value = (lineage as Record<string, unknown>)[key]
      if (typeof value === 'string') artifacts[key] = value
    }
  }
  let rollout: PromotionRecord['rollout'] = null
  if (decision.rollout) {
    const step = input.rolloutStep ?? 0
    rollout = { ...decision.rollout, current_step: step, weight: decision.rollout.steps[step]?.weight ?? 100 }
  }
  const event = input.event ?? (decision.decision === 'promote' ? 'promotion' : 'blocked')
  return {
    schema: PROMOTION_RECORD_SCHEMA,
    event,
    model: decision.model,
    version: decision.version,
    from_stage: decision.from,
    to_stage: decision.to,
    decision: decision.decision,
    gates: jsonSafe(decision.gates) as PromotionRecord['gates'],
    approvals: decision.approvals.approvers,
    rollout,
    rollback_to: input.rollbackTo ?? null,
    rollback_plan: decision.rollback ?? null,
    baseline: input.baseline,
    evidence: evidence.map((e) => ({
      name: e.name,
      source: e.source,
      sha256: e.sha256,
      ...(e.artifactDigest && { artifact_digest: e.artifactDigest })
    })),
    artifacts,
    policy: input.policy?.source
      ? { path: input.policy.source.path, sha256: input.policy.source.sha256 }
      : null,
    run: input.run ?? {},
    reasons: decision.reasons,
    created_at: input.createdAt
  }
}

type Guard = (value: unknown) => boolean
const isString: Guard = (v) => typeof v === 'string'
const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
const listOf =
  (...keys: string[]): Guard =>
  (v) =>
    Array.isArray(v) && v.every((item) => isObject(item) && keys.every((key) => isString(item[key])))

/*
 * Records are read back from tag messages and release assets written by any version of
 * modelgate (or edited by hand), so each field the readers rely on is checked; unknown fields are
 * kept. Hand-written rather than zod: `resolve` reads every record and should not load a schema
 * library to do it.
 */
const RECORD_FIELDS: Record<string, Guard> = {
  model: isString,
  version: isString,
  from_stage: isString,
  to_stage: isString,
  decision: (v) => v === 'promote' || v === 'block',
  gates: (v) => Array.isArray(v) && v.every((g) => isObject(g) && isString(g.id) && isString(g.status)),
  approvals: listOf('user', 'environment'),
  rollout: (v) =>
    v === null ||
    (isObject(v) &&
      isString(v.strategy) &&
      Array.isArray(v.steps) &&
      (v.weight === undefined || typeof v.weight === 'number')),
  rollback_to: (v) => v === null || isString(v),
  baseline: (v) => isObject(v) && (v.version === null || isString(v.version)),
  evidence: listOf('name', 'sha256'),
  reasons: (v) => v === undefined || (Array.isArray(v) && v.every(isString)),
  created_at: (v) => isString(v) && !Number.isNaN(Date.parse(v as string))
}

/** Validates a record read back from a tag or a release asset; null when it is not one. */
export function parsePromotionRecord(value: unknown): PromotionRecord | null {
  if (!isObject(value) || value.schema !== PROMOTION_RECORD_SCHEMA) return null
  for (const [key, guard] of Object.entries(RECORD_FIELDS)) if (!guard(value[key])) return null
  const event = value.event
  if (event !== undefined && event !== 'promotion' && event !== 'blocked' && event !== 'rollback') return null
  const record = {
    ...value,
    reasons: (value.reasons as string[] | undefined) ?? []
  } as unknown as PromotionRecord
  return { ...record, event: record.event ?? (record.decision === 'promote' ? 'promotion' : 'blocked') }
}

/** `promote fraud_detector v7.0.0 staging -> prod (canary 10%)`, one line, at most 100 characters. */
export function tagSummaryLine(record: PromotionRecord): string {
  const clean = (text: string): string => stripControl(text).replace(/\s+/g, ' ')
  const subject = `${clean(record.model)} ${clean(record.version)}`
  let line: string
  if (record.event === 'rollback')
    line = `rollback ${subject} in ${clean(record.to_stage)}${record.rollback_to ? ` (from ${clean(record.rollback_to)})` : ''}`
  else if (record.decision === 'block') {
    const failed = record.gates.filter((gate) => gate.blocking).length
    line = `blocked ${subject} ${clean(record.from_stage)} -> ${clean(record.to_stage)}: ${failed} gate${failed === 1 ? '' : 's'} failed${record.reasons.some((r) => r.startsWith('approvals:')) ? ', approvals missing' : ''}`
  } else {
    const canary =
      record.rollout && record.rollout.strategy !== 'direct' && record.rollout.weight !== undefined
        ? ` (${record.rollout.strategy} ${record.rollout.weight}%)`
        : ''
    line = `promote ${subject} ${clean(record.from_stage)} -> ${clean(record.to_stage)}${canary}`
  }
  return truncate(line, 100)
}

/** A commit status description: at most 140 characters (GitHub's limit). */
export function statusDescription(record: PromotionRecord): string {
  return truncate(tagSummaryLine(record), 140)
}

export function statusState(record: PromotionRecord): 'success' | 'failure' {
  return record.decision === 'promote' ? 'success' : 'failure'
}

/** Summary line, blank line, pretty JSON: readable in `git show`, parseable by `recordFromTagMessage`. */
export function recordToTagMessage(record: PromotionRecord): string {
  return `${tagSummaryLine(record)}\n\n${JSON.stringify(record, null, 2)}\n`
}

/** The record inside a tag message, or null (GTO-written tags carry none). */
export function recordFromTagMessage(message: string): PromotionRecord | null {
  const start = message.indexOf('\n{')
  if (start < 0) return null
  try {
    return parsePromotionRecord(JSON.parse(message.slice(start + 1)))
  } catch {
    return null
  }
}
