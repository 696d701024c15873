import type { Decision, GateResult } from '../gates/types.js'

/** JSON cannot hold NaN or ±Infinity; they appear as the strings "NaN", "Infinity", "-Infinity". */
export function jsonSafe(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value)
  if (Array.isArray(value)) return value.map(jsonSafe)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, jsonSafe(v)])
    )
  }
  return value
}

function gateJson(gate: GateResult): Record<string, unknown> {
  return {
    id: gate.id,
    status: gate.status,
    metric: gate.metric ?? null,
    observed: gate.observed === undefined ? null : jsonSafe(gate.observed),
    threshold: gate.threshold ?? null,
    message: gate.message,
    kind: gate.kind,
    severity: gate.severity,
    optional: gate.optional,
    blocking: gate.blocking,
    ...(gate.baseline !== undefined && { baseline: jsonSafe(gate.baseline) }),
    ...(gate.baseline_source !== undefined && { baseline_source: gate.baseline_source })
  }
}

/** `evaluate --format json` (docs/cli.md): the core keys, then kind, severity, blocking and rollout. */
export function decisionToJson(decision: Decision): Record<string, unknown> {
  return {
    model: decision.model,
    version: decision.version,
    from: decision.from,
    to: decision.to,
    decision: decision.decision,
    gates: decision.gates.map(gateJson),
    approvals: {
      required: decision.approvals.required,
      received: decision.approvals.received,
      status: decision.approvals.status,
      approvers: decision.approvals.approvers,
      environments: decision.approvals.environments,
      ignored: decision.approvals.ignored
    },
    reasons: decision.reasons,
    rollout: decision.rollout ?? null,
    rollback: decision.rollback ?? null
  }
}
