import { recordFromTagMessage } from '../records/record.js'
import type { PromotionRecord } from '../records/types.js'
import { parseTagName, type ParsedTag } from './gto.js'
import type { RawTag } from './types.js'

export type EventKind =
  'registration' | 'deregistration' | 'assignment' | 'archival' | 'rollback' | 'blocked' | 'deprecation'

/** One line of `history`: what happened, to which version and stage, when and by whom. */
export interface RegistryEvent {
  kind: EventKind
  tag: string
  model: string
  version: string | null
  stage: string | null
  counter: number | null
  decision: 'promote' | 'block' | null
  at: string | null
  author: string | null
  commit: string
  record: PromotionRecord | null
}

export interface StageOccupant {
  version: string
  /** Traffic weight in percent during a canary or shadow rollout; null when not recorded. */
  weight: number | null
  since: string | null
  tag: string
}

interface Parsed {
  tag: RawTag
  parsed: ParsedTag
}

/** The model's tags that GTO or modelgate wrote, lightweight ones dropped (as GTO does). */
function modelTags(tags: readonly RawTag[], model: string): Parsed[] {
  const result: Parsed[] = []
  for (const tag of tags) {
    const parsed = parseTagName(tag.name)
    if (parsed && parsed.model === model && tag.tagger && !tag.unread) result.push({ tag, parsed })
  }
  return result
}

/** One more than the largest counter among all of the model's tags (GTO's rule). */
export function nextCounter(tags: readonly RawTag[], model: string): number {
  let max = 0
  for (const tag of tags) {
    const parsed = parseTagName(tag.name)
    if (parsed?.model === model && parsed.counter !== undefined && parsed.counter > max) max = parsed.counter
  }
  return max + 1
}

/** version → commit, from the registration tags. */
export function registeredVersions(
  tags: readonly RawTag[],
  model: string
): Map<string, { commit: string; at: string | null }> {
  const versions = new Map<string, { commit: string; at: string | null }>()
  for (const { tag, parsed } of modelTags(tags, model)) {
    if (parsed.kind === 'register')
      versions.set(parsed.version, { commit: tag.commit, at: tag.tagger?.date ?? null })
    if (parsed.kind === 'deregister') versions.delete(parsed.version)
  }
  return versions
}

/**
 * When a tag was written: modelgate's messages carry `created_at` to the millisecond; GTO's
 * only have the tagger date, to the second.
 */
function eventTime(tag: RawTag, record: PromotionRecord | null): string | null {
  if (record) return record.created_at
  const json = tag.message.indexOf('\n{')
  if (json >= 0) {
    try {
      const createdAt = (JSON.parse(tag.message.slice(json + 1)) as { created_at?: unknown }).created_at
      if (typeof createdAt === 'string' && !Number.isNaN(Date.parse(createdAt))) return createdAt
    } catch {
      // not ours: fall back to the tagger date
    }
  }
  return tag.tagger?.date ?? null
}

/** By time (records' milliseconds, else the tagger's second), then counter. */
function byTime(a: RegistryEvent, b: RegistryEvent): number {
  const time = Date.parse(a.at ?? '') - Date.parse(b.at ?? '')
  if (time !== 0 && !Number.isNaN(time)) return time
  return (a.counter ?? 0) - (b.counter ?? 0) || a.tag.localeCompare(b.tag)
}

/**
 * As GTO orders counted tags: by tagger second, then counter. A record's `created_at` is when its
 * evaluation ran, not when its tag was written, so it cannot order racing writers; counter claims
 * make counters unique and increasing in write order.
 */
function byWrite(
  a: { event: RegistryEvent; second: number },
  b: { event: RegistryEvent; second: number }
): number {
  if (a.second !== b.second && !Number.isNaN(a.second - b.second)) return a.second - b.second
  return (a.event.counter ?? 0) - (b.event.counter ?? 0) || a.event.tag.localeCompare(b.event.tag)
}

const taggerSecond = (tag: RawTag): number => Math.floor(Date.parse(tag.tagger?.date ?? '') / 1000)

/** Every event of a model, oldest first. */
export function buildHistory(tags: readonly RawTag[], model: string): RegistryEvent[] {
  const mine = modelTags(tags, model)
  const versionAt = new Map<string, string>()
  for (const { tag, parsed } of mine)
    if (parsed.kind === 'register') versionAt.set(tag.commit, parsed.version)
  // Oldest first: every event by time; then the counted ones, keeping the slots they took, are
  // put in write order among themselves (registrations carry no counter and keep their place).
  const entries = mine.map(({ tag, parsed }) => ({ event: toEvent(tag, parsed), second: taggerSecond(tag) }))
  entries.sort((a, b) => byTime(a.event, b.event))
  const counted = entries.filter((e) => e.event.counter !== null).sort(byWrite)
  let next = 0
  return entries.map((e) => (e.event.counter !== null ? counted[next++]! : e).event)

  function toEvent(tag: RawTag, parsed: ParsedTag): RegistryEvent {
    const record = recordFromTagMessage(tag.message)
    const base = {
      tag: tag.name,
      model,
      counter: parsed.counter ?? null,
      at: eventTime(tag, record),
      author: tag.tagger ? tag.tagger.name : null,
      commit: tag.commit,
      record
    }
    const version = versionAt.get(tag.commit) ?? record?.version ?? null
    switch (parsed.kind) {
      case 'register':
        return { ...base, kind: 'registration', version: parsed.version, stage: null, decision: null }
      case 'deregister':
        return { ...base, kind: 'deregistration', version: parsed.version, stage: null, decision: null }
      case 'assign':
        return {
          ...base,
          kind: record?.event === 'rollback' ? 'rollback' : 'assignment',
          version,
          stage: parsed.stage,
          decision: 'promote'
        }
      case 'unassign':
        return { ...base, kind: 'archival', version, stage: parsed.stage, decision: null }
      case 'deprecate':
        return { ...base, kind: 'deprecation', version: null, stage: null, decision: null }
      case 'blocked':
        return {
          ...base,
          kind: 'blocked',
          version: record?.version ?? null,
          stage: record?.to_stage ?? null,
          decision: 'block'
        }
    }
  }
}

/**
 * The tags that decide a stage: its assignments and unassignments, and the registrations that map
 * commits to versions. Counted tags keep their relative order in any subset, so reading only
 * these (and only their records) gives the same answer as the whole history, without parsing
 * every other stage's records.
 */
function stageTags(tags: readonly RawTag[], stage: string): RawTag[] {
  return tags.filter((tag) => {
    const parsed = parseTagName(tag.name)
    if (!parsed) return false
    if (parsed.kind === 'register' || parsed.kind === 'deregister') return true
    return (parsed.kind === 'assign' || parsed.kind === 'unassign') && parsed.stage === stage
  })
}

/** Whether an assignment's record says the versions already in the stage leave it. */
function replacesOthers(record: PromotionRecord | null): boolean {
  if (!record) return false
  if (record.event === 'rollback') return true
  if (!record.rollout) return true
  return record.rollout.weight === undefined || record.rollout.weight >= 100
}

/**
 * Which version(s) are in a stage, from the tags alone. GTO's rules (a version is in a stage
 * until unassigned) plus the records: a promotion that completes archives the versions before
 * it even when its archival tag was never written (a crash between the two writes), and a canary
 * keeps both versions with the recorded weights. Latest first.
 */
export function resolveStage(tags: readonly RawTag[], model: string, stage: string): StageOccupant[] {
  const active = new Map<string, StageOccupant>()
  let canary: { version: string; weight: number } | null = null
  for (const event of buildHistory(stageTags(tags, stage), model)) {
    if (event.stage !== stage || event.version === null) continue
    if (event.kind === 'assignment' || event.kind === 'rollback') {
      if (replacesOthers(event.record)) active.clear()
      active.delete(event.version)
      active.set(event.version, { version: event.version, weight: null, since: event.at, tag: event.tag })
      const weight = event.record?.rollout?.weight
      canary =
        event.record && !replacesOthers(event.record) && weight !== undefined
          ? { version: event.version, weight }
          : null
    } else if (event.kind === 'archival') {
      active.delete(event.version)
      if (canary?.version === event.version) canary = null
    }
  }
  const occupants = [...active.values()].reverse()
  if (canary && occupants[0]?.version === canary.version) {
    occupants[0]!.weight = canary.weight
    if (occupants[1]) occupants[1].weight = 100 - canary.weight
  }
  return occupants
}

/**
 * The version that held the stage before the current one (rollback target `previous`). A version
 * a rollback moved the stage away from is skipped until it is promoted again: a trigger that
 * fires again after a rollback must not return to the version just rolled back.
 */
export function previousVersion(tags: readonly RawTag[], model: string, stage: string): string | null {
  const current = resolveStage(tags, model, stage)[0]?.version
  const events = buildHistory(tags, model).filter((e) => e.stage === stage && e.version !== null)
  // Rolled back from, and not promoted again since.
  const rolledBackFrom = new Set<string>()
  for (const e of events) {
    if (e.kind === 'rollback' && e.record?.baseline.version) rolledBackFrom.add(e.record.baseline.version)
    else if (e.kind === 'assignment') rolledBackFrom.delete(e.version!)
  }
  const assigned = events
    .filter((e) => e.kind === 'assignment' || e.kind === 'rollback')
    .map((e) => e.version!)
  for (let i = assigned.length - 1; i >= 0; i--) {
    if (assigned[i] !== current && !rolledBackFrom.has(assigned[i]!)) return assigned[i]!
  }
  return null
}
