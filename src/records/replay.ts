import type { EnvironmentReview } from '../approvals/types.js'
import type { EvidenceSet, LoadedEvidence } from '../evidence/types.js'
import type { PathSegment } from '../evidence/path.js'
import { parseMetricPath } from '../evidence/path.js'
import { evaluate } from '../gates/evaluate.js'
import type { GateStatus, RecordedBaselineValue } from '../gates/types.js'
import { findTransition } from '../policy/transitions.js'
import type { Gate, Policy, Transition } from '../policy/types.js'
import {
  checkEvidenceValues,
  leafPath,
  metricLeaf,
  parseLeafPath,
  rebuildData,
  type LeafValue
} from './evidence-values.js'
import type { PromotionRecord } from './types.js'

/*
 * Policy replay (docs/records.md "Replay"): every recorded attempt re-decided under another
 * policy, from what its record holds and nothing else. Pure: the caller reads the records.
 * A gate whose answer needs a value the record does not hold is never guessed: the attempt is
 * `cannot_tell` unless something the record does hold blocks it anyway.
 */

export type ReplayOutcome = 'same' | 'would_block' | 'would_pass' | 'cannot_tell' | 'no_transition'

export const REPLAY_OUTCOMES: readonly ReplayOutcome[] = [
  'same',
  'would_block',
  'would_pass',
  'cannot_tell',
  'no_transition'
]

/** One recorded attempt as the registry holds it: the tag it is in and its record. */
export interface RecordedAttempt {
  tag: string | null
  record: PromotionRecord
}

export interface ReplayedGate {
  id: string
  /** The status the record holds for a gate of this id; null when it had none. */
  before: GateStatus | null
  /** The status under the new policy; `unknown` when the record cannot settle it. */
  after: GateStatus | 'unknown'
  /** The values this gate reads that the record does not hold (`online.requests`). */
  unknown_reads: string[]
  /** What the gate says under the new policy (empty when unknown). */
  message: string
}

export interface ReplayedAttempt {
  tag: string | null
  version: string
  from: string
  to: string
  at: string
  recorded: 'promote' | 'block'
  outcome: ReplayOutcome
  /** The decision under the new policy; null when it cannot be told or the transition is gone. */
  replayed: 'promote' | 'block' | null
  /** What blocks under the new policy for certain: gate ids, and `approvals` when they fall short. */
  blocked_by: string[]
  /** Gates that could block but read values the record does not hold. */
  unknown: Array<{ gate: string; reads: string[] }>
  /** One reason per gate that blocks for certain, as `evaluate` words them. */
  reasons: string[]
  gates: ReplayedGate[]
  /** Why the attempt was not re-decided (`no_transition`), or what the replay could not use. */
  notes: string[]
}

export interface ReplayReport {
  model: string
  /** The new policy's file and digest, when it was read from one. */
  policy: { path: string; sha256: string } | null
  attempts: ReplayedAttempt[]
  counts: Record<ReplayOutcome, number>
  /** Records that are not gate decisions (rollbacks) or of another model. */
  skipped: Array<{ tag: string | null; why: string }>
}

/** What one record holds of one evidence file's values. */
interface KnownEvidence {
  format: LoadedEvidence['format']
  complete: boolean
  values: Map<string, { segments: PathSegment[]; value: LeafValue }>
}

/** What a record holds: the evidence it names, and the values it kept of each. */
interface Known {
  listed: ReadonlyMap<string, { source: string; sha256: string }>
  byName: Map<string, KnownEvidence>
  notes: string[]
}

type Held = 'held' | 'absent' | 'unknown'

const METRIC_READ: ReadonlySet<GateStatus> = new Set(['pass', 'fail', 'warn'])

/**
 * The record's kept values, checked, plus the values its own gates observed (records written
 * before `evidence_values`, or values past its budget, still hold what each gate read).
 */
function knownValues(record: PromotionRecord): Known {
  const listed = new Map(record.evidence.map((e) => [e.name, { source: e.source, sha256: e.sha256 }]))
  const byName = new Map<string, KnownEvidence>()
  const notes: string[] = []
  for (const [i, entry] of (record.evidence_values ?? []).entries()) {
    const checked = checkEvidenceValues(entry, record.evidence)
    if (!checked.ok) {
      notes.push(`evidence_values[${i}] not used: ${checked.problem}`)
      continue
    }
    const name = (entry as { name: string }).name
    if (byName.has(name)) {
      notes.push(`evidence_values[${i}] not used: a second entry for ${name}`)
      continue
    }
    byName.set(name, { format: checked.format, complete: checked.complete, values: checked.values })
  }
  for (const gate of record.gates) {
    // A number or boolean a metric gate observed is the value at its path, whatever the status
    // (a skipped comparison, a baseline that could not be read); other observations describe.
    if (typeof gate.metric !== 'string' || gate.status === 'missing') continue
    const observed = gate.observed
    const usable =
      (typeof observed === 'number' && Number.isFinite(observed)) || typeof observed === 'boolean'
    if (!usable) continue
    const leaf = metricLeaf(gate.metric)
    const segments = leaf && parseLeafPath(leaf.path)
    if (!leaf || !segments || !listed.has(leaf.evidence)) continue
    const entry = byName.get(leaf.evidence) ?? { format: 'json' as const, complete: false, values: new Map() }
    byName.set(leaf.evidence, entry)
    if (!entry.values.has(leaf.path) && lookup(entry, segments) === 'unknown')
      entry.values.set(leaf.path, { segments, value: observed as LeafValue })
  }
  return { listed, byName, notes }
}

/** Whether the kept values settle the value at `segments`: held, known absent, or unknown. */
function lookup(entry: KnownEvidence, segments: readonly PathSegment[]): Held {
  const path = leafPath(segments)
  // A path outside the kept grammar was never kept; in a complete entry it was never there.
  if (path === undefined) return entry.complete ? 'absent' : 'unknown'
  if (entry.values.has(path)) return 'held'
  for (const kept of entry.values.keys())
    if (kept.startsWith(path) && (kept[path.length] === '.' || kept[path.length] === '[') && path !== kept)
      return 'held'
  // A scalar (or empty container) on the way down: there is nothing deeper.
  for (let i = 0; i < segments.length; i++)
    if (entry.values.has(leafPath(segments.slice(0, i))!)) return 'absent'
  return entry.complete ? 'absent' : 'unknown'
}

/** `online.latency_p95_ms`: a read labelled as the policy names it. */
const label = (evidence: string, segments: readonly PathSegment[]): string =>
  `${evidence}${leafPath(segments) ?? segments.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('')}`

class Reads {
  readonly unknown: string[] = []
  constructor(
    private readonly known: Known,
    private readonly prefix = ''
  ) {}

  /** One value at a metric path. Evidence the record does not list was not provided: `missing`, known. */
  metric(metric: string): void {
    const parsed = parseMetricPath(metric)
    if (!parsed || !this.known.listed.has(parsed.evidence)) return
    const entry = this.known.byName.get(parsed.evidence)
    if (!entry || lookup(entry, parsed.segments) === 'unknown')
      this.unknown.push(`${this.prefix}${label(parsed.evidence, parsed.segments)}`)
  }

  /** A whole evidence file (a schema, an Evidently suite): only a complete entry holds it. */
  whole(evidence: string): void {
    if (!this.known.listed.has(evidence)) return
    if (!this.known.byName.get(evidence)?.complete) this.unknown.push(`${this.prefix}${evidence} (all of it)`)
  }

  field(evidence: string, segments: PathSegment[]): void {
    if (!this.known.listed.has(evidence)) return
    const entry = this.known.byName.get(evidence)
    if (!entry || lookup(entry, segments) === 'unknown')
      this.unknown.push(`${this.prefix}${label(evidence, segments)}`)
  }
}

/** Check conclusions the record's gates observed from GitHub (no `checks` evidence listed). */
function observedChecks(record: PromotionRecord): Record<string, string> {
  const checks: Record<string, string> = Object.create(null) as Record<string, string>
  for (const gate of record.gates) {
    if (gate.kind !== 'checks' || !gate.observed || typeof gate.observed !== 'object') continue
    for (const [name, conclusion] of Object.entries(gate.observed as Record<string, unknown>))
      if (typeof conclusion === 'string' && !conclusion.startsWith('not found')) checks[name] = conclusion
  }
  return checks
}

/** The values a gate of the new policy reads that this record does not hold. */
function unknownReads(
  gate: Gate,
  record: PromotionRecord,
  known: Known,
  baseline: {
    known: Known | null
    recorded: ReadonlyMap<string, RecordedBaselineValue>
    /** The new policy's baseline stage when it is not the one the record compared with. */
    movedTo: string | null
  },
  githubChecks: Readonly<Record<string, string>>
): string[] {
  const reads = new Reads(known)
  const baselineVersion = record.baseline.version
  const baselineReads = new Reads(baseline.known ?? emptyKnown, `baseline ${baselineVersion ?? ''}: `)
  // A new policy that compares with another stage compares with whatever that stage held then,
  // which the record does not say.
  if (
    baseline.movedTo !== null &&
    (gate.kind === 'schema_compatible' ||
      (gate.kind === 'metric' && gate.vs_baseline && gate.vs_baseline.metric === undefined))
  )
    reads.unknown.push(`baseline (the version in ${baseline.movedTo} then)`)
  else
    switch (gate.kind) {
      case 'metric':
        reads.metric(gate.metric)
        if (gate.vs_baseline?.metric !== undefined) reads.metric(gate.vs_baseline.metric)
        else if (gate.vs_baseline && baselineVersion !== null && !baseline.recorded.has(gate.metric)) {
          if (baseline.known) baselineReads.metric(gate.metric)
          else reads.unknown.push(`baseline ${baselineVersion}: ${gate.metric}`)
        }
        break
      case 'schema_compatible':
        reads.whole(gate.evidence)
        if (baselineVersion !== null) {
          if (baseline.known) baselineReads.whole(gate.evidence)
          else reads.unknown.push(`baseline ${baselineVersion}: ${gate.evidence} (all of it)`)
        }
        break
      case 'checks': {
        if (!known.listed.has(gate.evidence)) {
          // Results the action read from GitHub: only the names the record's gates observed.
          if (gate.evidence === 'checks')
            for (const name of gate.checks)
              if (gate.app !== undefined || !Object.prototype.hasOwnProperty.call(githubChecks, name))
                reads.unknown.push(`check ${name}${gate.app ? ` (app ${gate.app})` : ''}`)
          break
        }
        const entry = known.byName.get(gate.evidence)
        if (gate.app !== undefined || !entry) {
          reads.whole(gate.evidence)
          break
        }
        const under: PathSegment[] = entry.format === 'evidently' ? ['tests'] : []
        for (const name of gate.checks) {
          const path = leafPath([...under, name])
          const value = path === undefined ? undefined : entry.values.get(path)?.value
          if (typeof value !== 'string' && !entry.complete)
            reads.unknown.push(label(gate.evidence, [...under, name]))
        }
        break
      }
      case 'lineage':
        for (const field of gate.fields) reads.field(gate.evidence, [field])
        break
    }
  return [...reads.unknown, ...baselineReads.unknown]
}

const emptyKnown: Known = { listed: new Map(), byName: new Map(), notes: [] }

/** The evidence as the gates will read it: every listed file, rebuilt from what was kept. */
function evidenceSet(known: Known): EvidenceSet {
  const set = new Map<string, LoadedEvidence>()
  for (const [name, { source, sha256 }] of known.listed) {
    const entry = known.byName.get(name)
    set.set(name, {
      name,
      format: entry?.format ?? 'json',
      source,
      sha256,
      data: entry ? rebuildData(entry.values) : Object.create(null)
    })
  }
  return set
}

/** The reviews a record counted (and those set aside only for their environment), as GitHub lists them. */
function recordedReviews(record: PromotionRecord): EnvironmentReview[] {
  const review = (user: string, environment: string, comment?: string): EnvironmentReview => ({
    state: 'approved',
    comment: comment ?? '',
    environments: [{ name: environment }],
    user: { login: user }
  })
  return [
    ...record.approvals.map((a) => review(a.user, a.environment, a.comment)),
    // Approvals in an environment the old policy did not name may count under the new one.
    ...(record.approvals_summary?.not_counted ?? [])
      .filter((ignored) => / is not in the policy$/.test(ignored.reason))
      .map((ignored) => review(ignored.user, ignored.environment))
  ]
}

const requesters = (record: PromotionRecord): string[] =>
  [record.run.requested_by, record.run.actor, ...(record.run.rerun_by ?? [])].filter(
    (login): login is string => typeof login === 'string' && login !== ''
  )

/**
 * The baseline version's latest promotion before this attempt, as the live evaluation reads the
 * baseline: what its record kept, and the values its gates observed.
 */
function baselineOf(
  record: PromotionRecord,
  all: readonly RecordedAttempt[]
): { known: Known | null; recorded: Map<string, RecordedBaselineValue> } {
  const recorded = new Map<string, RecordedBaselineValue>()
  for (const gate of record.gates)
    if (
      typeof gate.metric === 'string' &&
      typeof gate.baseline === 'number' &&
      Number.isFinite(gate.baseline)
    )
      recorded.set(gate.metric, {
        value: gate.baseline,
        source: gate.baseline_source ?? `${record.baseline.version ?? 'baseline'} as this attempt compared it`
      })
  const version = record.baseline.version
  if (version === null) return { known: null, recorded }
  const before = Date.parse(record.created_at)
  const promotions = all.filter(
    ({ record: r }) =>
      r.model === record.model &&
      r.version === version &&
      r.event === 'promotion' &&
      r.decision === 'promote' &&
      Date.parse(r.created_at) <= before
  )
  const latest = promotions.at(-1)?.record
  if (!latest) return { known: null, recorded }
  for (const gate of latest.gates) {
    if (typeof gate.metric !== 'string' || recorded.has(gate.metric)) continue
    if (typeof gate.observed === 'number' && Number.isFinite(gate.observed) && METRIC_READ.has(gate.status))
      recorded.set(gate.metric, {
        value: gate.observed,
        source: `${version}'s ${latest.to_stage} promotion record`
      })
  }
  return { known: knownValues(latest), recorded }
}

/** The transition the attempt took, in the new policy; a restore from archived takes the one into its stage. */
function transitionFor(policy: Policy, record: PromotionRecord): Transition | string {
  try {
    return findTransition(policy, record.to_stage, record.from_stage)
  } catch (error) {
    if (record.from_stage === 'archived') {
      try {
        return findTransition(policy, record.to_stage)
      } catch {
        // Falls through to the first message.
      }
    }
    return `the new policy has no transition ${record.from_stage} -> ${record.to_stage}${
      error instanceof Error && /transitions into/.test(error.message) ? ' it can tell apart' : ''
    }`
  }
}

/** One attempt re-decided under `policy`. */
export function replayAttempt(
  policy: Policy,
  attempt: RecordedAttempt,
  all: readonly RecordedAttempt[] = [attempt]
): ReplayedAttempt {
  const { record } = attempt
  const base = {
    tag: attempt.tag,
    version: record.version,
    from: record.from_stage,
    to: record.to_stage,
    at: record.created_at,
    recorded: record.decision
  }
  const transition = transitionFor(policy, record)
  if (typeof transition === 'string')
    return {
      ...base,
      outcome: 'no_transition',
      replayed: null,
      blocked_by: [],
      unknown: [],
      reasons: [],
      gates: [],
      notes: [transition]
    }
  const known = knownValues(record)
  const baselineStage = policy.baseline ?? policy.stages[policy.stages.length - 1]!
  const recordedStage = record.baseline.stage
  const baseline = {
    ...baselineOf(record, all),
    movedTo: recordedStage !== undefined && recordedStage !== baselineStage ? baselineStage : null
  }
  const githubChecks = known.listed.has('checks') ? {} : observedChecks(record)
  const single: Policy = { ...policy, transitions: [transition] }
  const decision = evaluate({
    policy: single,
    request: { model: record.model, version: record.version, to: transition.to, from: transition.from },
    candidate: evidenceSet(known),
    baseline: {
      version: record.baseline.version,
      evidence: baseline.known ? evidenceSet(baseline.known) : new Map(),
      recorded: baseline.recorded
    },
    ...(Object.keys(githubChecks).length > 0 && { checks: githubChecks }),
    approvals: { reviews: recordedReviews(record), requesters: requesters(record) }
  })
  const gates: ReplayedGate[] = transition.gates.map((gate, i) => {
    const result = decision.gates[i]!
    const reads = unknownReads(gate, record, known, baseline, githubChecks)
    return {
      id: gate.id,
      before: record.gates.find((old) => old.id === gate.id)?.status ?? null,
      after: reads.length > 0 ? 'unknown' : result.status,
      unknown_reads: reads,
      message: reads.length > 0 ? '' : result.message
    }
  })
  const certain = decision.gates.filter((result, i) => result.blocking && gates[i]!.after !== 'unknown')
  const approvalsFail = decision.approvals.status === 'fail'
  const blockedBy = [...certain.map((g) => g.id), ...(approvalsFail ? ['approvals'] : [])]
  const unknown = transition.gates
    .map((gate, i) => ({ gate, reads: gates[i]!.unknown_reads }))
    .filter(({ gate, reads }) => reads.length > 0 && gate.severity === 'block')
    .map(({ gate, reads }) => ({ gate: gate.id, reads }))
  const replayed = blockedBy.length > 0 ? 'block' : unknown.length > 0 ? null : 'promote'
  const reasons = decision.reasons.filter(
    (reason) =>
      certain.some((g) => reason.startsWith(`${g.id}: `)) ||
      (approvalsFail && reason.startsWith('approvals: '))
  )
  return {
    ...base,
    outcome:
      replayed === null
        ? 'cannot_tell'
        : replayed === record.decision
          ? 'same'
          : replayed === 'block'
            ? 'would_block'
            : 'would_pass',
    replayed,
    blocked_by: blockedBy,
    unknown,
    reasons,
    gates,
    notes: [...known.notes, ...(baseline.known?.notes.map((note) => `baseline record: ${note}`) ?? [])]
  }
}

/**
 * Every recorded gate decision of `model` (promotions and blocked attempts, oldest first) re-decided
 * under `policy`. Rollbacks are listed as skipped: their triggers judge monitoring, not the gates.
 * `history` is every record of the model (default `attempts`): a baseline version's promotion
 * may lie before the attempts asked about.
 */
export function replayRecords(
  policy: Policy,
  model: string,
  attempts: readonly RecordedAttempt[],
  history: readonly RecordedAttempt[] = attempts
): ReplayReport {
  const counts = Object.fromEntries(REPLAY_OUTCOMES.map((o) => [o, 0])) as Record<ReplayOutcome, number>
  const skipped: ReplayReport['skipped'] = []
  const replayed: ReplayedAttempt[] = []
  const mine = history.filter(({ record }) => record.model === model)
  for (const attempt of attempts) {
    if (attempt.record.model !== model) {
      skipped.push({ tag: attempt.tag, why: 'a record of another model' })
      continue
    }
    if (attempt.record.event === 'rollback') {
      skipped.push({ tag: attempt.tag, why: 'a rollback: its triggers judged monitoring, not gates' })
      continue
    }
    const result = replayAttempt(policy, attempt, mine)
    counts[result.outcome]++
    replayed.push(result)
  }
  return {
    model,
    policy: policy.source ? { path: policy.source.path, sha256: policy.source.sha256 } : null,
    attempts: replayed,
    counts,
    skipped
  }
}

/** Whether any attempt would be decided otherwise, or cannot be told (the CLI's exit 1). */
export function replayChangesSomething(report: ReplayReport): boolean {
  return report.attempts.some((a) => a.outcome !== 'same')
}
