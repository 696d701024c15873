import type { PromotionRecord } from './types.js'

/**
 * Where a record found in the registry and the record this attempt would write disagree on what
 * was decided: model, version, stages, decision, the policy's digest and the evidence's digests.
 * Run details (attempt, times, approval timestamps) may differ between attempts and are not
 * compared. An empty list means the two stand for the same decision. Values quoted here come
 * from a tag someone may have forged: they are shown only as JSON strings, cut short.
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
  const digests = (record: PromotionRecord): Map<string, string> =>
    new Map(
      (Array.isArray(record.evidence) ? record.evidence : []).map((e) => [String(e.name), String(e.sha256)])
    )
  const theirs = digests(found)
  const ours = digests(own)
  for (const name of new Set([...theirs.keys(), ...ours.keys()]))
    compare(`evidence ${quote(name)} sha256`, theirs.get(name) ?? null, ours.get(name) ?? null)
  // A forged record may list any number of evidence entries: say how many, show a few.
  return problems.length > MAX_LISTED
    ? [...problems.slice(0, MAX_LISTED), `and ${problems.length - MAX_LISTED} more`]
    : problems
}

const MAX_LISTED = 8

const quote = (value: unknown): string => {
  const text = JSON.stringify(value ?? null)
  return text.length > 80 ? `${text.slice(0, 79)}…` : text
}
