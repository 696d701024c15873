import type { EvidenceSet } from '../evidence/types.js'
import type { ChecksGate } from '../policy/types.js'
import type { Outcome } from './outcome.js'

/** Only `success` passes; neutral, skipped, pending and the rest fail closed. */
const PASSING = new Set(['success'])

/** Name → conclusion from evidence `checks` (`{ "unit-tests": "success" }` or `{ conclusion }`/`{ state }` objects). */
export function checksFromEvidence(evidence: EvidenceSet): Record<string, string> | undefined {
  const report = evidence.get('checks')
  if (!report || !report.data || typeof report.data !== 'object' || Array.isArray(report.data))
    return undefined
  const result: Record<string, string> = {}
  for (const [name, value] of Object.entries(report.data as Record<string, unknown>)) {
    if (typeof value === 'string') result[name] = value
    else if (value && typeof value === 'object') {
      const { conclusion, state } = value as { conclusion?: unknown; state?: unknown }
      if (typeof conclusion === 'string') result[name] = conclusion
      else if (typeof state === 'string') result[name] = state
    }
  }
  return result
}

export function evaluateChecksGate(
  gate: ChecksGate,
  checks: Readonly<Record<string, string>> | undefined
): Outcome {
  const threshold = `success: ${gate.checks.join(', ')}`
  if (!checks)
    return { status: 'missing', threshold, message: 'no check results were provided (evidence "checks")' }
  const observed: Record<string, string> = {}
  const problems: string[] = []
  for (const name of gate.checks) {
    const conclusion = Object.prototype.hasOwnProperty.call(checks, name) ? checks[name] : undefined
    observed[name] = conclusion ?? 'not found'
    if (conclusion === undefined) problems.push(`${name}: not found`)
    else if (!PASSING.has(conclusion.toLowerCase())) problems.push(`${name}: ${conclusion}`)
  }
  if (problems.length > 0) return { status: 'fail', threshold, observed, message: problems.join('; ') }
  return { status: 'pass', threshold, observed, message: `all ${gate.checks.length} succeeded` }
}
