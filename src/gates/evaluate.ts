import { countApprovals } from '../approvals/count.js'
import { findTransition } from '../policy/transitions.js'
import type { Gate } from '../policy/types.js'
import { checksFromEvidence, evaluateChecksGate } from './checks.js'
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
      return evaluateChecksGate(gate, input.checks ?? checksFromEvidence(input.candidate))
    case 'lineage':
      return evaluateLineageGate(gate, input.candidate, input.modelDigest)
  }
}

/** One reason per gate that did not pass: `latency-p95: 95 > max 80`. */
export function gateReason(result: GateResult): string {
  const prefix =
    result.status === 'warn'
      ? '(warning) '
      : result.status === 'missing' && !result.blocking
        ? '(optional) '
        : ''
  return `${prefix}${result.id}: ${result.message}`
}

/**
 * The decision, a pure function of its input: `promote` iff every blocking gate passed or was
 * skipped and the approvals hold (SPEC §1).
 */
export function evaluate(input: EvaluationInput): Decision {
  const { policy, request } = input
  const transition = findTransition(policy, request.to, request.from)
  const gates = transition.gates.map((gate) => finishGate(gate, checkGate(gate, input)))
  const approvals = countApprovals(
    input.approvals?.reviews ?? [],
    transition.approvals,
    input.approvals?.actor,
    input.approvals?.observedAt
  )
  const reasons = gates.filter((gate) => gate.status !== 'pass' && gate.status !== 'skipped').map(gateReason)
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
  return decision
}
