import { RegistryError } from '../errors.js'
import { PROMOTION_RECORD_SCHEMA, type PromotionRecord } from './types.js'

/*
 * Records are read back from tag messages and release assets written by any version of modelgate,
 * or edited by hand, so every field a reader relies on is checked and a bad one is named by its
 * path. Unknown fields are kept (a newer v1 writer may add some). Hand-written rather than zod:
 * `resolve` and `history` read every tag's record and should not load a schema library to do it.
 */

/** What was wrong, at which key path; thrown as a RegistryError by `parsePromotionRecord`. */
interface Problem {
  path: string
  expected: string
  got: unknown
}

type Check = (value: unknown, path: string) => Problem | null

const GATE_STATUSES = ['pass', 'fail', 'warn', 'missing', 'error', 'skipped'] as const
const STRATEGIES = ['canary', 'shadow', 'direct'] as const

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

const fail = (path: string, expected: string, got: unknown): Problem => ({ path, expected, got })

const string: Check = (v, path) => (typeof v === 'string' ? null : fail(path, 'a string', v))
const boolean: Check = (v, path) => (typeof v === 'boolean' ? null : fail(path, 'true or false', v))
const finite: Check = (v, path) =>
  typeof v === 'number' && Number.isFinite(v) ? null : fail(path, 'a number', v)
const count: Check = (v, path) =>
  Number.isSafeInteger(v) && (v as number) >= 0 ? null : fail(path, 'a whole number ≥ 0', v)
const anything: Check = () => null

const oneOf =
  (...options: readonly string[]): Check =>
  (v, path) =>
    typeof v === 'string' && options.includes(v) ? null : fail(path, `one of ${options.join(', ')}`, v)

const literal =
  (expected: string): Check =>
  (v, path) =>
    v === expected ? null : fail(path, JSON.stringify(expected), v)

const nullable =
  (check: Check): Check =>
  (v, path) =>
    v === null ? null : check(v, path)

const timestamp: Check = (v, path) =>
  typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? null : fail(path, 'an ISO 8601 time', v)

const sha256Hex: Check = (v, path) =>
  typeof v === 'string' && /^[0-9a-f]{64}$/.test(v) ? null : fail(path, 'a sha256 (64 hex digits)', v)

/** A git object id: 40 hex digits (SHA-1 repositories) or 64 (SHA-256 ones). */
const gitObjectId: Check = (v, path) =>
  typeof v === 'string' && /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(v)
    ? null
    : fail(path, 'a git object id (40 or 64 hex digits)', v)

const arrayOf =
  (check: Check): Check =>
  (v, path) => {
    if (!Array.isArray(v)) return fail(path, 'a list', v)
    for (let i = 0; i < v.length; i++) {
      const problem = check(v[i], `${path}[${i}]`)
      if (problem) return problem
    }
    return null
  }

/** An object whose `required` keys must pass and whose `optional` keys must pass when present. */
const object =
  (required: Record<string, Check>, optional: Record<string, Check> = {}): Check =>
  (v, path) => {
    if (!isObject(v)) return fail(path, 'an object', v)
    const at = (key: string): string => (path ? `${path}.${key}` : key)
    for (const [key, check] of Object.entries(required)) {
      if (!Object.hasOwn(v, key)) return fail(at(key), 'to be present', undefined)
      const problem = check(v[key], at(key))
      if (problem) return problem
    }
    for (const [key, check] of Object.entries(optional)) {
      if (!Object.hasOwn(v, key) || v[key] === undefined) continue
      const problem = check(v[key], at(key))
      if (problem) return problem
    }
    return null
  }

const gate = object(
  { id: string, status: oneOf(...GATE_STATUSES), message: string },
  {
    kind: string,
    severity: oneOf('block', 'warn'),
    optional: boolean,
    blocking: boolean,
    metric: nullable(string),
    observed: anything,
    threshold: nullable(string),
    baseline: anything,
    baseline_source: string
  }
)

const approval = object(
  { user: string, environment: string },
  { comment: nullable(string), at: nullable(string) }
)

const rolloutStep = object({ weight: finite }, { hold: string, holdSeconds: finite })

const rollout = object(
  { strategy: oneOf(...STRATEGIES), steps: arrayOf(rolloutStep) },
  { current_step: count, weight: finite }
)

const trigger = object(
  { metric: string },
  { above: finite, below: finite, drop_relative: finite, for: string }
)

const plainObject: Check = (v, path) => (isObject(v) ? null : fail(path, 'an object', v))

/** The shape only; replay checks every path and value before it reads one (`evidence-values.ts`). */
const evidenceValues = object({
  name: string,
  sha256: sha256Hex,
  format: string,
  leaves: count,
  complete: boolean,
  values: plainObject
})

const optionalStrings = (...keys: string[]): Check =>
  object({}, Object.fromEntries(keys.map((key) => [key, string])))

const RECORD: Check = object(
  {
    schema: literal(PROMOTION_RECORD_SCHEMA),
    model: string,
    version: string,
    from_stage: string,
    to_stage: string,
    decision: oneOf('promote', 'block'),
    gates: arrayOf(gate),
    approvals: arrayOf(approval),
    rollout: nullable(rollout),
    rollback_to: nullable(string),
    baseline: object({ version: nullable(string) }, { stage: string }),
    evidence: arrayOf(
      object(
        { name: string, source: string, sha256: sha256Hex },
        {
          artifact_digest: string,
          origin: object(
            { artifact: string, run_id: string, workflow: string, head_sha: string, head_repository: string },
            { artifact_id: count, fork: boolean }
          )
        }
      )
    ),
    created_at: timestamp
  },
  {
    event: oneOf('promotion', 'blocked', 'rollback'),
    approvals_summary: object(
      {
        required: count,
        received: count,
        status: oneOf('pass', 'fail', 'not_required')
      },
      { not_counted: arrayOf(object({ user: string, environment: string, reason: string })) }
    ),
    rollback_plan: nullable(object({ to: string, when: arrayOf(trigger) })),
    artifacts: optionalStrings(
      'model_digest',
      'data_snapshot',
      'code_commit',
      'environment_lock',
      'model_uri'
    ),
    policy: nullable(object({ path: string, sha256: string }, { git_blob: gitObjectId })),
    run: object(
      {},
      {
        ...Object.fromEntries(
          ['repository', 'run_id', 'attempt', 'workflow', 'actor', 'requested_by', 'sha', 'url'].map(
            (key) => [key, string]
          )
        ),
        rerun_by: arrayOf(string)
      }
    ),
    reasons: arrayOf(string),
    monitoring_window: object({ since: timestamp, until: nullable(timestamp) }),
    evidence_values: arrayOf(evidenceValues),
    truncated: arrayOf(string)
  }
)

function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'null'
  if (typeof value === 'object') return 'an object'
  return String(value)
}

/** The first thing wrong with a would-be record, or null when it is one. */
export function recordProblem(value: unknown): Problem | null {
  return RECORD(value, '')
}

/**
 * Validates a record read back from a tag message or a release asset and fills the fields older
 * writers left out (`event`, `reasons`, `artifacts`, `run`, `policy`). Throws a RegistryError naming
 * the key path and what was expected; `origin` (a tag name or an asset file) goes into its location.
 */
export function parsePromotionRecord(value: unknown, origin?: string): PromotionRecord {
  const problem = recordProblem(value)
  if (problem) {
    const what =
      problem.path === 'schema' && isObject(value) && typeof value.schema === 'string'
        ? `unsupported record schema ${describe(value.schema)}; this modelgate reads ${PROMOTION_RECORD_SCHEMA}`
        : problem.path === ''
          ? `not a promotion record: expected a JSON object, got ${describe(problem.got)}`
          : problem.expected === 'to be present'
            ? `not a valid promotion record: this field is missing`
            : `not a valid promotion record: expected ${problem.expected}, got ${describe(problem.got)}`
    throw new RegistryError(what, {
      ...(origin !== undefined && { file: origin }),
      ...(problem.path && { path: problem.path })
    })
  }
  const record = value as Record<string, unknown>
  const decision = record.decision as PromotionRecord['decision']
  return {
    ...record,
    event:
      (record.event as PromotionRecord['event'] | undefined) ??
      (decision === 'promote' ? 'promotion' : 'blocked'),
    artifacts: (record.artifacts as PromotionRecord['artifacts'] | undefined) ?? {},
    policy: (record.policy as PromotionRecord['policy'] | undefined) ?? null,
    run: (record.run as PromotionRecord['run'] | undefined) ?? {},
    reasons: (record.reasons as string[] | undefined) ?? []
  } as PromotionRecord
}

/** Like `parsePromotionRecord`, but null instead of an error (for readers that skip bad records). */
export function tryParsePromotionRecord(value: unknown): PromotionRecord | null {
  return recordProblem(value) ? null : parsePromotionRecord(value)
}
