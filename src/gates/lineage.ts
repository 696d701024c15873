import type { EvidenceSet } from '../evidence/types.js'
import type { LineageField, LineageGate } from '../policy/types.js'
import { containsGitHubToken } from '../evidence/redact.js'
import { describeValue } from './describe-value.js'
import type { Outcome } from './outcome.js'

const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/
const GIT_SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/
// eslint-disable-next-line no-control-regex
const PLAIN_REFERENCE = /^[^\s\u0000-\u001f\u007f]{1,1024}$/

/** What well-formed means per field; each rule says what it expects. */
export const LINEAGE_RULES: Record<LineageField, { test: (v: string) => boolean; expected: string }> = {
  model_digest: { test: (v) => SHA256_DIGEST.test(v), expected: 'sha256:<64 lowercase hex>' },
  environment_lock: {
    test: (v) => SHA256_DIGEST.test(v),
    expected: 'sha256:<64 lowercase hex> of the lock file'
  },
  code_commit: { test: (v) => GIT_SHA.test(v), expected: 'a full git commit sha (40 or 64 hex)' },
  data_snapshot: {
    test: (v) => PLAIN_REFERENCE.test(v) && !containsGitHubToken(v),
    expected: 'a snapshot reference (URI or id, no spaces)'
  }
}

/** A lineage field as the record may show it: well-formed values as they are, others described. */
export function lineageValueShown(field: LineageField, value: unknown): unknown {
  return typeof value === 'string' && LINEAGE_RULES[field].test(value) ? value : describeValue(value)
}

/**
 * Lineage fields must be well-formed; `model_digest` must match the model file when one was
 * hashed, and `code_commit` the commit the version was registered on when that is known (a
 * lineage file from another build cannot vouch for this one).
 */
export function evaluateLineageGate(
  gate: LineageGate,
  candidate: EvidenceSet,
  modelDigest: string | undefined,
  registeredCommit?: string
): Outcome {
  const threshold = `well-formed: ${gate.fields.join(', ')}`
  const report = candidate.get(gate.evidence)
  if (!report)
    return { status: 'missing', threshold, message: `evidence "${gate.evidence}" was not provided` }
  const data = report.data
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return { status: 'error', threshold, message: `${report.source}: expected an object of lineage fields` }
  }
  const record = data as Record<string, unknown>
  const problems: string[] = []
  const observed: Record<string, unknown> = {}
  for (const field of gate.fields) {
    const value = Object.prototype.hasOwnProperty.call(record, field) ? record[field] : undefined
    observed[field] = lineageValueShown(field, value)
    const rule = LINEAGE_RULES[field]
    if (value === undefined || value === null || value === '') problems.push(`${field} is absent`)
    else if (typeof value !== 'string' || !rule.test(value)) problems.push(`${field} is not ${rule.expected}`)
  }
  if (problems.length === 0 && modelDigest !== undefined && gate.fields.includes('model_digest')) {
    if (record.model_digest !== modelDigest) {
      problems.push(
        `model_digest ${String(record.model_digest)} does not match the model file (${modelDigest})`
      )
    }
  }
  if (
    problems.length === 0 &&
    registeredCommit !== undefined &&
    gate.fields.includes('code_commit') &&
    String(record.code_commit).toLowerCase() !== registeredCommit.toLowerCase()
  ) {
    problems.push(
      `code_commit ${String(record.code_commit)} is not the commit the version was registered on (${registeredCommit})`
    )
  }
  if (problems.length > 0) return { status: 'fail', threshold, observed, message: problems.join('; ') }
  const verified = [
    ...(modelDigest !== undefined && gate.fields.includes('model_digest')
      ? ['model file digest verified']
      : []),
    ...(registeredCommit !== undefined && gate.fields.includes('code_commit')
      ? ['code_commit is the registered commit']
      : [])
  ]
    .map((note) => `; ${note}`)
    .join('')
  return {
    status: 'pass',
    threshold,
    observed,
    message: `${gate.fields.length} fields well-formed${verified}`
  }
}
