import type { EvidenceSet, LoadedEvidence } from '../evidence/types.js'
import type { ChecksGate } from '../policy/types.js'
import type { ChecksByApp } from './types.js'
import { describeValue } from './describe-value.js'
import type { Outcome } from './outcome.js'

/**
 * Only `success` passes (case-insensitive). `neutral`, `skipped`, `stale`, `pending` and the rest
 * fail closed: a check that did not run proves nothing about the model.
 */
const PASSING = new Set(['success'])

/**
 * Every conclusion and state GitHub reports for check runs and commit statuses, and the statuses
 * of Evidently tests (SUCCESS, FAIL, WARNING, ERROR, SKIPPED). Anything else in an evidence
 * `checks` file is shown by type and size, never copied into the record.
 */
export const KNOWN_CONCLUSIONS: ReadonlySet<string> = new Set([
  'success',
  'failure',
  'neutral',
  'cancelled',
  'skipped',
  'timed_out',
  'action_required',
  'stale',
  'startup_failure',
  'error',
  'pending',
  'queued',
  'in_progress',
  'completed',
  'requested',
  'waiting',
  'none',
  'fail',
  'warning'
])

const conclusionText = (value: string): string =>
  KNOWN_CONCLUSIONS.has(value.toLowerCase()) ? value : `unknown conclusion (${describeValue(value)})`

/**
 * Name → conclusion from evidence `checks` (`{ "unit-tests": "success" }` or `{ conclusion }` /
 * `{ state }` objects). A value that is neither becomes a conclusion naming what was found, so it
 * fails with a reason instead of vanishing into "not found". Undefined when the evidence is absent
 * or is not an object (see `malformedChecks`).
 */
export function checksFromEvidence(
  evidence: EvidenceSet,
  name = 'checks'
): Record<string, string> | undefined {
  const report = evidence.get(name)
  const data = report ? checkResultsOf(report) : undefined
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined
  const result: Record<string, string> = Object.create(null) as Record<string, string>
  for (const [check, value] of Object.entries(data as Record<string, unknown>)) {
    if (typeof value === 'string') result[check] = conclusionText(value)
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      const { conclusion, state } = value as { conclusion?: unknown; state?: unknown }
      if (typeof conclusion === 'string') result[check] = conclusionText(conclusion)
      else if (typeof state === 'string') result[check] = conclusionText(state)
      else result[check] = `unusable (${describeValue(value)} without a conclusion)`
    } else result[check] = `unusable (${describeValue(value)})`
  }
  return result
}

/**
 * Where a report keeps its check results: an Evidently test suite under `tests` (test name ->
 * SUCCESS, FAIL, …), any other report as a whole.
 */
function checkResultsOf(report: LoadedEvidence): unknown {
  if (report.format !== 'evidently') return report.data
  const data = report.data as { tests?: unknown } | null
  return data && typeof data === 'object' ? data.tests : undefined
}

/**
 * Per app, from evidence `checks` entries written `{ "conclusion": …, "app": "<slug>" }`; entries
 * without an app belong to none, so a gate pinning an app never counts them.
 */
export function checksByAppFromEvidence(evidence: EvidenceSet, name = 'checks'): ChecksByApp {
  const report = evidence.get(name)
  const byApp: Record<string, Record<string, string>> = {}
  const data = report ? checkResultsOf(report) : undefined
  if (!data || typeof data !== 'object' || Array.isArray(data)) return byApp
  for (const [check, value] of Object.entries(data as Record<string, unknown>)) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue
    const { app, conclusion, state } = value as { app?: unknown; conclusion?: unknown; state?: unknown }
    const found = typeof conclusion === 'string' ? conclusion : typeof state === 'string' ? state : undefined
    if (typeof app !== 'string' || found === undefined) continue
    ;(byApp[app] ??= {})[check] = conclusionText(found)
  }
  return byApp
}

/** Why the checks evidence is present but unusable, or undefined when it is absent or usable. */
export function malformedChecks(evidence: EvidenceSet, name = 'checks'): string | undefined {
  const report = evidence.get(name)
  if (!report) return undefined
  const data = checkResultsOf(report)
  if (data && typeof data === 'object' && !Array.isArray(data)) return undefined
  if (report.format === 'evidently')
    return `${report.source}: an Evidently report without tests; a checks gate reads a test suite's test results`
  return `${report.source}: expected an object of check name -> conclusion, got ${describeValue(data)}`
}

/**
 * Every named check must have succeeded. Without `app`, `checks` holds one conclusion per name in
 * which a non-success from any app or status wins; with `app`, only that app's latest run of each
 * name counts (`byApp`), so neither another app's success nor its failure decides.
 */
export function evaluateChecksGate(
  gate: ChecksGate,
  allChecks: Readonly<Record<string, string>> | undefined,
  malformed?: string,
  byApp?: ChecksByApp
): Outcome {
  const threshold = `success: ${gate.checks.join(', ')}${gate.app ? ` (app ${gate.app})` : ''}`
  const checks = gate.app !== undefined && allChecks !== undefined ? (byApp?.[gate.app] ?? {}) : allChecks
  // Present but unusable is an error, never `missing`: `optional: true` must not tolerate it.
  if (malformed !== undefined) return { status: 'error', threshold, message: malformed }
  if (!checks)
    return {
      status: 'missing',
      threshold,
      message: `no check results were provided (evidence "${gate.evidence}")`
    }
  const observed: Record<string, string> = {}
  const problems: string[] = []
  for (const name of gate.checks) {
    const conclusion = Object.prototype.hasOwnProperty.call(checks, name) ? checks[name] : undefined
    const notFound = gate.app ? `not found from app ${gate.app}` : 'not found'
    observed[name] = conclusion ?? notFound
    if (conclusion === undefined) problems.push(`${name}: ${notFound}`)
    else if (!PASSING.has(conclusion.toLowerCase())) problems.push(`${name}: ${conclusion}`)
  }
  if (problems.length > 0) return { status: 'fail', threshold, observed, message: problems.join('; ') }
  return { status: 'pass', threshold, observed, message: `all ${gate.checks.length} succeeded` }
}
