import { countApprovals } from '../approvals/count.js'
import { redactDeep } from '../evidence/redact.js'
import { findTransition } from '../policy/transitions.js'
import type { Gate } from '../policy/types.js'
import { checksByAppFromEvidence, checksFromEvidence, evaluateChecksGate, malformedChecks } from './checks.js'
import { evaluateLineageGate } from './lineage.js'
import { evaluateMetricGate } from './metric.js'
import { finishGate, type Outcome } from './outcome.js'
import { evaluateSchemaGate } from './schema-compatible.js'
import type { Decision, EvaluationInput, GateResult } from './types.js'

function checkGate(gate: Gate, input: EvaluationInput): Outcome {
  switch (gate.kind) {
    case 'metric':
      return evaluateMetricGate(gate, input.candidate, input.baseline)
    case 'schema_compatible':
      return evaluateSchemaGate(gate, input.candidate, input.baseline)
    case 'checks':
      // Results handed in by the caller (GitHub check runs) win over evidence `checks`; a gate that
      // names other evidence (an Evidently test suite) reads that evidence.
      if (input.checks && gate.evidence === 'checks')
        return evaluateChecksGate(gate, input.checks, undefined, input.checksByApp ?? {})
      return evaluateChecksGate(
        gate,
        checksFromEvidence(input.candidate, gate.evidence),
        malformedChecks(input.candidate, gate.evidence),
        checksByAppFromEvidence(input.candidate, gate.evidence)
      )
    case 'lineage':
      return evaluateLineageGate(
        gate,
        input.candidate,
        input.modelDigest,
        input.registeredCommit,
        input.modelFiles
      )
  }
}

/**
 * One reason per gate that did not pass: `latency-p95: 95 > max 80`. A fail names its threshold
 * already; a missing or unusable value gets it appended (`; needs max 80`), so every reason says
 * what was observed and what was required. `found` is the status before severity turned it `warn`.
 */
export function gateReason(result: GateResult, found: Outcome['status'] | 'warn' = result.status): string {
  const prefix =
    result.status === 'warn'
      ? '(warning) '
      : result.status === 'missing' && !result.blocking
        ? '(optional) '
        : ''
  const needs =
    (found === 'missing' || found === 'error') && result.threshold ? `; needs ${result.threshold}` : ''
  return `${prefix}${result.id}: ${result.message}${needs}`
}

/**
 * The decision, a pure function of its input: `promote` iff every blocking gate passed or was
 * skipped and the approvals hold (docs/gates.md).
 */
export function evaluate(input: EvaluationInput): Decision {
  const { policy, request } = input
  const transition = findTransition(policy, request.to, request.from)
  const outcomes = transition.gates.map((gate) => checkGate(gate, input))
  const gates = transition.gates.map((gate, i) => finishGate(gate, outcomes[i]!))
  const counted = countApprovals(
    input.approvals?.reviews ?? [],
    transition.approvals,
    [
      ...(input.approvals?.actor !== undefined ? [input.approvals.actor] : []),
      ...(input.approvals?.requesters ?? [])
    ],
    input.approvals?.observedAt
  )
  const screened = input.approvals?.screened ?? []
  const approvals = screened.length > 0 ? { ...counted, ignored: [...screened, ...counted.ignored] } : counted
  const reasons = gates
    .map((gate, i) => ({ gate, found: outcomes[i]!.status }))
    .filter(({ gate }) => gate.status !== 'pass' && gate.status !== 'skipped')
    .map(({ gate, found }) => gateReason(gate, found))
  if (approvals.status === 'fail') reasons.push(`approvals: ${approvals.message}`)
  const blocked = gates.some((gate) => gate.blocking) || approvals.status === 'fail'
  const decision: Decision = {
    model: request.model,
    version: request.version,
    from: transition.from,
    to: transition.to,
    decision: blocked ? 'block' : 'promote',
    gates,
    approvals,
    reasons
  }
  if (transition.rollout) decision.rollout = transition.rollout
  if (transition.rollback) decision.rollback = transition.rollback
  // Messages quote evidence sources and reviewers' comments: nothing token-shaped goes further.
  return redactDeep(decision)
}
