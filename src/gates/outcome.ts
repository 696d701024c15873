import type { Gate } from '../policy/types.js'
import { boundValue, clip, MAX_KEPT_STRING, MAX_MESSAGE } from './bound.js'
import type { GateResult, GateStatus } from './types.js'

/** What a gate check found, before severity and optionality decide whether it blocks. */
export interface Outcome {
  status: Exclude<GateStatus, 'warn'>
  message: string
  observed?: unknown
  threshold?: string
  baseline?: unknown
  baseline_source?: string
  metric?: string
}

/**
 * Applies the gate's severity and optionality: a `warn` gate never blocks (its failure shows as
 * `warn`); an `optional` gate tolerates absent evidence, but a value that is there and fails
 * still blocks.
 */
export function finishGate(gate: Gate, outcome: Outcome): GateResult {
  const failed = outcome.status === 'fail' || outcome.status === 'missing' || outcome.status === 'error'
  const status: GateStatus = failed && gate.severity === 'warn' ? 'warn' : outcome.status
  const tolerated = gate.optional && outcome.status === 'missing'
  const result: GateResult = {
    id: gate.id,
    kind: gate.kind,
    status,
    severity: gate.severity,
    optional: gate.optional,
    blocking: failed && gate.severity === 'block' && !tolerated,
    message: clip(outcome.message, MAX_MESSAGE)
  }
  if (outcome.metric !== undefined) result.metric = outcome.metric
  // Bounded once here: every record, message and renderer downstream sees only the bounded copy.
  if ('observed' in outcome) result.observed = boundValue(outcome.observed)
  if (outcome.threshold !== undefined) result.threshold = outcome.threshold
  if ('baseline' in outcome) result.baseline = boundValue(outcome.baseline)
  // Names a record or an evidence file (a path someone else chose): kept as short as any kept string.
  if (outcome.baseline_source !== undefined)
    result.baseline_source = clip(outcome.baseline_source, MAX_KEPT_STRING)
  return result
}
