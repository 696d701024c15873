import type { PromotionRecord } from './types.js'

/**
 * Where a record found in the registry and the record this attempt would write disagree on what
 * was decided: model, version, stages, decision, the policy's digest, the evidence's digests,
 * each gate's status, and who approved. The found record is what a resumed attempt publishes,
 * signs and points the status at, so a tag that agrees on the decision but invents gate results
 * or an approver must not pass. It must also be this run's: this repository, and an attempt this
 * run has reached. Other run details (times, actors, approval comments and timestamps) may differ
 * between attempts and are not compared, nor are approvals this attempt counts beyond the found
 * record's (a re-run is approved again). An empty list means the two stand for the same decision.
 * Values quoted here come from a tag someone may have forged: they are shown only as JSON
 * strings, cut short.
 */
export function recordDisagreements(found: PromotionRecord, own: PromotionRecord): string[] {
  const problems: string[] = []
  const compare = (what: string, theirs: unknown, ours: unknown): void => {
    if (theirs !== ours) problems.push(`${what}: tag says ${quote(theirs)}, this attempt ${quote(ours)}`)
  }
  compare('model', found.model, own.model)
  compare('version', found.version, own.version)
  compare('from stage', found.from_stage, own.from_stage)
  compare('to stage', found.to_stage, own.to_stage)
  compare('decision', found.decision, own.decision)
  compare('policy sha256', found.policy?.sha256 ?? null, own.policy?.sha256 ?? null)
  // Run ids are unique across GitHub, but a forger may name this id with another repository, or
  // an attempt this run has not reached yet: neither can be this run's own record.
  compare('run repository', found.run?.repository ?? null, own.run?.repository ?? null)
  const attempt = attemptNumber(found.run?.attempt)
  const ourAttempt = attemptNumber(own.run?.attempt) ?? 0
  if (attempt === undefined || attempt > ourAttempt)
    problems.push(
      `run attempt: tag says ${quote(found.run?.attempt)}, not an attempt up to this one (${ourAttempt})`
    )
  const compareEach = (
    what: (key: string) => string,
    theirs: Map<string, string>,
    ours: Map<string, string>
  ) => {
    for (const key of new Set([...theirs.keys(), ...ours.keys()]))
      compare(what(key), theirs.get(key) ?? null, ours.get(key) ?? null)
  }
  const digests = (record: PromotionRecord) => byName(record.evidence, (e) => [e?.name, e?.sha256])
  compareEach((name) => `evidence ${quote(name)} sha256`, digests(found), digests(own))
  const statuses = (record: PromotionRecord) => byName(record.gates, (g) => [g?.id, g?.status])
  compareEach((id) => `gate ${quote(id)} status`, statuses(found), statuses(own))
  const approver = (a: { user?: unknown; environment?: unknown } | null | undefined): string =>
    `${String(a?.user).toLowerCase()}\u0000${String(a?.environment)}`
  const counted = new Set(listOf(own.approvals).map(approver))
  for (const approval of listOf(found.approvals))
    if (!counted.has(approver(approval)))
      problems.push(
        `approval: tag says ${quote(approval?.user)} approved in ${quote(approval?.environment)}, this attempt does not count it`
      )
  // A forged record may list any number of evidence entries, gates or approvals: say how many,
  // show a few.
  return problems.length > MAX_LISTED
    ? [...problems.slice(0, MAX_LISTED), `and ${problems.length - MAX_LISTED} more`]
    : problems
}

const MAX_LISTED = 8

/**
 * A run attempt as the record writes it: decimal digits, no sign, exponent or leading zero, and
 * short enough to be exact (GitHub's attempts are small numbers); anything else is no attempt.
 */
const attemptNumber = (value: unknown): number | undefined =>
  typeof value === 'string' && /^[1-9][0-9]{0,8}$/.test(value) ? Number(value) : undefined

/** A list field of a record that may have been hand-written: anything else is an empty list. */
const listOf = <T>(value: readonly T[] | undefined): readonly T[] => (Array.isArray(value) ? value : [])

/** A record's list as name → value, both as strings (a hand-written entry may hold anything). */
const byName = <T>(
  list: readonly T[] | undefined,
  pair: (entry: T) => [unknown, unknown]
): Map<string, string> =>
  new Map(
    listOf(list).map((entry) => {
      const [name, value] = pair(entry)
      return [String(name), String(value)]
    })
  )

const quote = (value: unknown): string => {
  const text = JSON.stringify(value ?? null)
  return text.length > 80 ? `${text.slice(0, 79)}…` : text
}
