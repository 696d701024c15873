import type { EvidenceSet, LoadedEvidence } from '../evidence/types.js'
import type { Decision } from '../gates/types.js'
import type { Policy } from '../policy/types.js'
import { ModelgateError } from '../errors.js'
import { redactDeep } from '../evidence/redact.js'
import { LINEAGE_RULES } from '../gates/lineage.js'
import { fitLength, oneLine } from './escape.js'
import { recordedEvidenceValues } from './evidence-values.js'
import { recordProblem, tryParsePromotionRecord } from './parse.js'
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
  /**
   * For a rollback, the version the stage moves back to. For a promotion, left out: the target of
   * the rollback plan is filled in when it is known (a named version, or `previous` with the
   * baseline read from the stage being promoted into); null says there is none.
   */
  rollbackTo?: string | null
  /** For a rollback: the monitoring samples its triggers judged. */
  monitoringWindow?: { since: string; until: string | null }
}

/** Reviews listed as not counted: enough for any real run, bounded for a hostile history. */
const MAX_NOT_COUNTED = 50

const LINEAGE_KEYS = [
  'model_digest',
  'data_snapshot',
  'code_commit',
  'environment_lock',
  'model_uri'
] as const

/** The evidence the transition's `schema_compatible` gates read as feature schemas. */
function schemaEvidenceOf(input: RecordInput): string[] {
  const { decision, policy } = input
  // Callers that build a record without a whole policy (tests, library users) keep no schema strings.
  const transitions = Array.isArray(policy?.transitions) ? policy.transitions : []
  const transition = transitions.find((t) => t.to === decision.to && t.from === decision.from)
  return (transition?.gates ?? []).flatMap((gate) =>
    gate.kind === 'schema_compatible' ? [gate.evidence] : []
  )
}

/** The record of one promotion, blocked attempt or rollback (docs/records.md). Pure: time is an input. */
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
      // Only well-formed values: a lineage file is someone else's data, copied into a public record.
      if (typeof value === 'string' && LINEAGE_RULES[key].test(value)) artifacts[key] = value
    }
  }
  let rollout: PromotionRecord['rollout'] = null
  if (decision.rollout) {
    const step = input.rolloutStep ?? 0
    rollout = { ...decision.rollout, current_step: step, weight: decision.rollout.steps[step]?.weight ?? 100 }
  }
  const event = input.event ?? (decision.decision === 'promote' ? 'promotion' : 'blocked')
  const record: PromotionRecord = {
    schema: PROMOTION_RECORD_SCHEMA,
    event,
    model: decision.model,
    version: decision.version,
    from_stage: decision.from,
    to_stage: decision.to,
    decision: decision.decision,
    gates: jsonSafe(decision.gates) as PromotionRecord['gates'],
    approvals: decision.approvals.approvers,
    approvals_summary: {
      required: decision.approvals.required,
      received: decision.approvals.received,
      status: decision.approvals.status,
      ...(decision.approvals.ignored.length > 0 && {
        not_counted: decision.approvals.ignored
          .slice(0, MAX_NOT_COUNTED)
          .map(({ user, environment, reason }) => ({ user, environment, reason }))
      })
    },
    rollout,
    rollback_to: input.rollbackTo !== undefined ? input.rollbackTo : plannedRollbackTarget(input),
    rollback_plan: decision.rollback ?? null,
    baseline: input.baseline,
    evidence: evidence.map((e) => ({
      name: e.name,
      source: e.source,
      sha256: e.sha256,
      ...(e.artifactDigest && { artifact_digest: e.artifactDigest }),
      ...(e.origin && { origin: { ...e.origin } })
    })),
    artifacts,
    evidence_values: recordedEvidenceValues(
      evidence,
      decision.gates.flatMap((gate) => (typeof gate.metric === 'string' ? [gate.metric] : [])),
      {
        shown: decision.gates.flatMap((gate) =>
          typeof gate.metric === 'string' && typeof gate.observed === 'string'
            ? [{ metric: gate.metric, value: gate.observed }]
            : []
        ),
        schemaEvidence: schemaEvidenceOf(input)
      }
    ),
    policy: input.policy?.source
      ? {
          path: input.policy.source.path,
          sha256: input.policy.source.sha256,
          ...(input.policy.source.git_blob && { git_blob: input.policy.source.git_blob })
        }
      : null,
    run: input.run ?? {},
    reasons: decision.reasons,
    ...(input.monitoringWindow && { monitoring_window: input.monitoringWindow }),
    created_at: input.createdAt
  }
  // A record is written once and read back forever: one its own reader would refuse must never
  // reach a tag. The tag, the release asset and the notes all hold this bounded record.
  // Nothing shaped like a GitHub token leaves through a record, whoever wrote it where.
  const kept = boundRecord(redactDeep(record))
  const problem = recordProblem(JSON.parse(JSON.stringify(kept)))
  if (problem)
    throw new ModelgateError(
      'internal',
      `the promotion record is not valid: ${problem.path} expected ${problem.expected}`
    )
  return kept
}

function plannedRollbackTarget(input: RecordInput): string | null {
  const plan = input.decision.rollback
  if (!plan) return null
  if (plan.to !== 'previous') return plan.to
  return input.baseline.stage === input.decision.to ? input.baseline.version : null
}

const clean = (text: string): string => oneLine(text).replace(/\s+/g, ' ').trim()

function failedGates(record: PromotionRecord): string[] {
  return record.gates.filter((gate) => gate.blocking).map((gate) => clean(gate.id))
}

/** Approvals fell short: from the summary when the record has one, else from the reasons (older records). */
function approvalsShort(record: PromotionRecord): string | null {
  const summary = record.approvals_summary
  if (summary)
    return summary.status === 'fail' ? `approvals ${summary.received} of ${summary.required}` : null
  return record.reasons.some((r) => r.startsWith('approvals:')) ? 'approvals missing' : null
}

function rolloutNote(record: PromotionRecord): string {
  const rollout = record.rollout
  if (!rollout || rollout.strategy === 'direct' || rollout.weight === undefined) return ''
  return ` (${rollout.strategy} ${rollout.weight}%)`
}

/**
 * The first line of the tag message (what `git tag -n1`, GTO and GitHub show), at most 100
 * characters: `promote fraud_detector v7.0.0 staging -> prod (canary 10%)`,
 * `blocked fraud_detector v8.0.0 staging -> prod: 2 gates failed`,
 * `rollback fraud_detector v6.0.0 in prod (from v7.0.0)`.
 */
export function tagSummaryLine(record: PromotionRecord): string {
  const subject = `${clean(record.model)} ${clean(record.version)}`
  const move = `${clean(record.from_stage)} -> ${clean(record.to_stage)}`
  let line: string
  if (record.event === 'rollback') {
    const from = record.baseline.version
    line = `rollback ${subject} in ${clean(record.to_stage)}${from ? ` (from ${clean(from)})` : ''}`
  } else if (record.decision === 'block') {
    const failed = failedGates(record).length
    const parts = [
      ...(failed > 0 || !approvalsShort(record) ? [`${failed} gate${failed === 1 ? '' : 's'} failed`] : []),
      ...(approvalsShort(record) ? [approvalsShort(record)!] : [])
    ]
    line = `blocked ${subject} ${move}: ${parts.join(', ')}`
  } else {
    line = `promote ${subject} ${move}${rolloutNote(record)}`
  }
  return fitLength(line, 100)
}

/**
 * The commit status description, at most 140 characters (GitHub's limit) counted in UTF-16 units,
 * which also bounds code points. The status context (`modelgate/<model>/<stage>`) names the model
 * and stage, so the description spends its room on the outcome and on which gates failed.
 */
export function statusDescription(record: PromotionRecord): string {
  const version = clean(record.version)
  let text: string
  if (record.event === 'rollback') {
    const fired = record.gates.filter((gate) => gate.blocking).length
    const from = record.baseline.version ? ` from ${clean(record.baseline.version)}` : ''
    text = `rolled back ${clean(record.to_stage)} to ${version}${from}: ${fired} trigger${fired === 1 ? '' : 's'} fired`
  } else if (record.decision === 'block') {
    const failed = failedGates(record)
    const approvals = approvalsShort(record)
    const parts = [
      ...(failed.length > 0 ? [`${failed.join(', ')} failed`] : []),
      ...(approvals ? [approvals] : [])
    ]
    text = `blocked ${version} -> ${clean(record.to_stage)}: ${parts.join('; ') || 'gates failed'}`
  } else {
    const passed = record.gates.filter((gate) => gate.status === 'pass').length
    text = `promoted ${version} ${clean(record.from_stage)} -> ${clean(record.to_stage)}${rolloutNote(record)}: ${passed} of ${record.gates.length} gates passed`
  }
  return fitLength(text, 140)
}

/** The commit status state: a blocked attempt is a failure, a promotion or rollback a success. */
export function statusState(record: PromotionRecord): 'success' | 'failure' {
  return record.decision === 'promote' ? 'success' : 'failure'
}

/**
 * Tag messages stay under 64 KiB (UTF-8): they are read by every `resolve`, `history` and GTO
 * call, and some hosts refuse larger tag objects. Gate results are bounded where they are made
 * (`gates/bound.ts`); this is the last line, for records that are large in sum.
 */
export const MAX_TAG_MESSAGE_BYTES = 64 * 1024 - 1

const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8')

/** Pretty JSON when it fits, compact JSON when only that fits (readers parse either). */
function composeTagMessage(record: PromotionRecord): string {
  const pretty = `${tagSummaryLine(record)}\n\n${JSON.stringify(record, null, 2)}\n`
  if (utf8Bytes(pretty) <= MAX_TAG_MESSAGE_BYTES) return pretty
  return `${tagSummaryLine(record)}\n\n${JSON.stringify(record)}\n`
}

const clipText = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters in all)`

/**
 * The record as it will be kept: unchanged when its tag message fits, else cut in steps until it
 * does, each step named in `truncated` so a reader knows the record is abridged and how:
 * first the gates' observed and baseline values, then long texts, then the detail of gates and
 * reasons beyond the first ones. Never cut: model, version, stages, decision, gate ids and
 * statuses, evidence digests, approvals' users — what the record decides and who decided it.
 */
export function boundRecord(record: PromotionRecord): PromotionRecord {
  if (utf8Bytes(composeTagMessage(record)) <= MAX_TAG_MESSAGE_BYTES) return record
  const steps: Array<{ note: string; cut: (r: PromotionRecord) => PromotionRecord }> = [
    {
      // Replay then says it cannot tell, rather than reading a value the record no longer holds.
      note: 'evidence values kept for replay',
      cut: (r) =>
        r.evidence_values
          ? { ...r, evidence_values: r.evidence_values.map((e) => ({ ...e, complete: false, values: {} })) }
          : r
    },
    {
      note: "gates' observed and baseline values",
      cut: (r) => ({
        ...r,
        gates: r.gates.map((gate) => {
          const { observed: _o, baseline: _b, ...rest } = gate
          return rest
        })
      })
    },
    {
      note: 'gate messages, reasons and approval comments past 300 characters',
      cut: (r) => ({
        ...r,
        gates: r.gates.map((gate) => ({
          ...gate,
          message: clipText(gate.message, 300),
          ...(gate.threshold !== undefined && { threshold: clipText(gate.threshold, 300) })
        })),
        reasons: r.reasons.map((reason) => clipText(reason, 300)),
        approvals: r.approvals.map((a) => ({ ...a, ...(a.comment && { comment: clipText(a.comment, 300) }) }))
      })
    },
    {
      note: 'gates past the first 20 kept as id, status and blocking only; reasons past the first 20',
      cut: (r) => ({
        ...r,
        gates: r.gates.map((gate, i) =>
          i < 20
            ? gate
            : ({ id: gate.id, status: gate.status, blocking: gate.blocking, message: '' } as typeof gate)
        ),
        reasons:
          r.reasons.length > 20 ? [...r.reasons.slice(0, 20), `… ${r.reasons.length - 20} more`] : r.reasons
      })
    }
  ]
  let bounded: PromotionRecord = { ...record, truncated: [] }
  for (const step of steps) {
    bounded = step.cut(bounded)
    bounded.truncated = [...(bounded.truncated ?? []), step.note]
    if (utf8Bytes(composeTagMessage(bounded)) <= MAX_TAG_MESSAGE_BYTES) return bounded
  }
  throw new ModelgateError(
    'internal',
    `the promotion record of ${record.model} ${record.version} does not fit a ${MAX_TAG_MESSAGE_BYTES + 1}-byte tag message even abridged (${record.gates.length} gates)`
  )
}

/** Summary line, blank line, pretty JSON: readable in `git show`, parseable by `recordFromTagMessage`. */
export function recordToTagMessage(record: PromotionRecord): string {
  return composeTagMessage(boundRecord(record))
}

/**
 * The record inside a tag message, or null when there is none: GTO's messages, registration and
 * archival tags, and records this version cannot read (a corrupt or future-schema record is read as
 * a plain event rather than stopping `resolve`; `parsePromotionRecord` says what is wrong with one).
 * A signature git appends after the JSON (signed tags) is ignored.
 */
export function recordFromTagMessage(message: string): PromotionRecord | null {
  const json = recordJsonInTagMessage(message)
  if (json === null) return null
  return tryParsePromotionRecord(json)
}

/** The parsed JSON block of a tag message (from the first line that starts with `{`), or null. */
export function recordJsonInTagMessage(message: string): unknown {
  if (typeof message !== 'string') return null
  const newline = message.indexOf('\n{')
  const start = message.startsWith('{') ? 0 : newline < 0 ? -1 : newline + 1
  if (start < 0) return null
  const end = message.lastIndexOf('}')
  if (end < start) return null
  try {
    return JSON.parse(message.slice(start, end + 1)) as unknown
  } catch {
    return null
  }
}
