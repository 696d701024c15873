import { parsePromotionRecord, recordProblem } from '../records/parse.js'
import { recordJsonInTagMessage } from '../records/record.js'
import type { PromotionRecord } from '../records/types.js'
import { parseTagName, type ParsedTag } from './gto.js'
import type { RawTag } from './types.js'
import { canonicalVersion } from '../policy/model-version.js'

export type EventKind =
  | 'registration'
  | 'deregistration'
  | 'assignment'
  | 'archival'
  | 'rollback'
  | 'blocked'
  | 'deprecation'
  /** A tag in the registry's name format whose record (or commit) contradicts its name: it never counts. */
  | 'invalid'

/** One line of `history`: what happened, to which version and stage, when and by whom. */
export interface RegistryEvent {
  kind: EventKind
  tag: string
  model: string
  version: string | null
  stage: string | null
  /** Exact: counters are not bounded by 2^53. */
  counter: bigint | null
  decision: 'promote' | 'block' | null
  at: string | null
  author: string | null
  commit: string
  record: PromotionRecord | null
  /**
   * The tag carries a modelgate record (or archival note) that agrees with its name and commit.
   * False for tags written by GTO or by hand: they count (GTO compatibility) but are marked.
   * Not a signature: anyone who may push tags can write a well-formed record.
   */
  verified: boolean
  /** Why the tag is invalid, or where its tagger date contradicts its counter. */
  problems: string[]
}

export interface StageOccupant {
  version: string
  /** Traffic weight in percent during a canary or shadow rollout; null when not recorded. */
  weight: number | null
  since: string | null
  tag: string
  /** See RegistryEvent.verified. */
  verified: boolean
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

/** The model's highest counter (0 when none) and the tag holding it. */
export function highestCounter(
  tags: readonly RawTag[],
  model: string
): { counter: bigint; tag: string | null } {
  let max = 0n
  let holder: string | null = null
  for (const tag of tags) {
    const parsed = parseTagName(tag.name)
    if (parsed?.model === model && parsed.counter !== undefined && parsed.counter > max) {
      max = parsed.counter
      holder = tag.name
    }
  }
  return { counter: max, tag: holder }
}

/** One more than the largest counter among all of the model's tags (GTO's rule), exactly. */
export function nextCounter(tags: readonly RawTag[], model: string): bigint {
  return highestCounter(tags, model).counter + 1n
}

/**
 * A registration counts when its version is one modelgate can compare exactly (components up
 * to 2^53 - 1); GTO's tag regex alone lets any number of digits through.
 */
const countedRegistration = (parsed: ParsedTag): boolean =>
  parsed.kind === 'register' && canonicalVersion(parsed.version) !== null

/** version → commit, from the registration tags. */
export function registeredVersions(
  tags: readonly RawTag[],
  model: string
): Map<string, { commit: string; at: string | null }> {
  const versions = new Map<string, { commit: string; at: string | null }>()
  for (const { tag, parsed } of modelTags(tags, model)) {
    if (parsed.kind === 'register' && countedRegistration(parsed))
      versions.set(parsed.version, { commit: tag.commit, at: tag.tagger?.date ?? null })
    if (parsed.kind === 'deregister') versions.delete(parsed.version)
  }
  return versions
}

/** What a tag message holds: a valid record, a claimed-but-broken one, or plain JSON/text. */
interface MessageContent {
  record: PromotionRecord | null
  /** Set when the message claims to hold a modelgate record (a `schema` of `modelgate/…`) but it is not valid. */
  broken: string | null
  /** The JSON block, whatever it is (archival notes, registration details). */
  json: unknown
}

function readMessage(tag: RawTag): MessageContent {
  const json = recordJsonInTagMessage(tag.message)
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    return { record: null, broken: null, json }
  const schema = (json as { schema?: unknown }).schema
  if (typeof schema !== 'string' || !schema.startsWith('modelgate/'))
    return { record: null, broken: null, json }
  if (recordProblem(json)) {
    try {
      parsePromotionRecord(json, tag.name)
    } catch (error) {
      return { record: null, broken: (error as Error).message, json }
    }
  }
  return { record: parsePromotionRecord(json), broken: null, json }
}

/**
 * When a tag was written: modelgate's messages carry `created_at` to the millisecond; GTO's
 * only have the tagger date, to the second.
 */
function eventTime(tag: RawTag, content: MessageContent): string | null {
  if (content.record) return content.record.created_at
  const createdAt = (content.json as { created_at?: unknown } | null)?.created_at
  if (typeof createdAt === 'string' && !Number.isNaN(Date.parse(createdAt))) return createdAt
  return tag.tagger?.date ?? null
}

const cmpBig = (a: bigint | null, b: bigint | null): number => {
  const x = a ?? 0n
  const y = b ?? 0n
  return x < y ? -1 : x > y ? 1 : 0
}

/** By time (records' milliseconds, else the tagger's second), then counter. */
function byTime(a: RegistryEvent, b: RegistryEvent): number {
  const time = Date.parse(a.at ?? '') - Date.parse(b.at ?? '')
  if (time !== 0 && !Number.isNaN(time)) return time
  return cmpBig(a.counter, b.counter) || a.tag.localeCompare(b.tag)
}

const taggerSecond = (tag: RawTag): number => Math.floor(Date.parse(tag.tagger?.date ?? '') / 1000)

/** A value read from a tag message, quoted and clipped for a problem description. */
const quoted = (value: unknown): string => {
  const text = typeof value === 'string' ? value : String(value)
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text)
}

/**
 * Every event of a model, oldest first.
 *
 * Order: counted tags (assignments, archivals, rollbacks, blocked attempts) are ordered by their
 * counters, which writers claim atomically and in write order; tagger dates come from the
 * writer's clock (or any date a client sends over the API), so when they disagree the counter
 * wins and the event whose date runs backwards is flagged in `problems`. Registrations carry no
 * counter and keep their place by time.
 */
export function buildHistory(tags: readonly RawTag[], model: string): RegistryEvent[] {
  const mine = modelTags(tags, model)
  const versionAt = new Map<string, string>()
  for (const { tag, parsed } of mine)
    if (parsed.kind === 'register' && countedRegistration(parsed)) versionAt.set(tag.commit, parsed.version)
  const entries = mine.map(({ tag, parsed }) => ({ event: toEvent(tag, parsed), second: taggerSecond(tag) }))
  entries.sort((a, b) => byTime(a.event, b.event))
  const counted = entries
    .filter((e) => e.event.counter !== null)
    .sort((a, b) => cmpBig(a.event.counter, b.event.counter) || a.event.tag.localeCompare(b.event.tag))
  let latest: { second: number; tag: string } | null = null
  for (const { event, second } of counted) {
    if (Number.isNaN(second)) continue
    if (latest && second < latest.second)
      event.problems.push(
        `tagger date ${event.at === null ? '?' : new Date(second * 1000).toISOString()} is earlier than that of ${latest.tag}, which has a lower counter; ordered by counter`
      )
    if (!latest || second > latest.second) latest = { second, tag: event.tag }
  }
  let next = 0
  return entries.map((e) => (e.event.counter !== null ? counted[next++]! : e).event)

  function toEvent(tag: RawTag, parsed: ParsedTag): RegistryEvent {
    const content = readMessage(tag)
    const record = content.record
    const base = {
      tag: tag.name,
      model,
      counter: parsed.counter ?? null,
      at: eventTime(tag, content),
      author: tag.tagger ? tag.tagger.name : null,
      commit: tag.commit,
      record,
      verified: false,
      problems: [] as string[]
    }
    const invalid = (problem: string, stage: string | null = null): RegistryEvent => ({
      ...base,
      kind: 'invalid',
      version: versionAt.get(tag.commit) ?? null,
      stage,
      decision: null,
      record: null,
      problems: [problem]
    })
    // Versions come from registrations only, never from a record: a record's text is not a name.
    const version = versionAt.get(tag.commit) ?? null
    const noVersion = `points at commit ${tag.commit.slice(0, 12)}, which holds no registered version of ${model}`
    switch (parsed.kind) {
      case 'register':
        if (!countedRegistration(parsed))
          return invalid(
            `version ${quoted(parsed.version)} has a number above ${Number.MAX_SAFE_INTEGER}, which semver tools cannot compare exactly`
          )
        return { ...base, kind: 'registration', version: parsed.version, stage: null, decision: null }
      case 'deregister':
        return { ...base, kind: 'deregistration', version: parsed.version, stage: null, decision: null }
      case 'assign': {
        const problem = assignmentProblem(parsed.stage, version)
        if (problem) return invalid(problem, parsed.stage)
        return {
          ...base,
          kind: record?.event === 'rollback' ? 'rollback' : 'assignment',
          version,
          stage: parsed.stage,
          decision: 'promote',
          verified: record !== null
        }
      }
      case 'unassign': {
        if (version === null) return invalid(noVersion, parsed.stage)
        if (content.broken) return invalid(`its record is not valid: ${content.broken}`, parsed.stage)
        const note = content.json as { archived?: unknown; stage?: unknown } | null
        const claims = note !== null && typeof note === 'object' && 'archived' in note
        if (claims && (note.archived !== version || note.stage !== parsed.stage))
          return invalid(
            `its note archives ${quoted(note.archived)} from ${quoted(note.stage)}, but the tag is ${version} in ${parsed.stage}`,
            parsed.stage
          )
        return { ...base, kind: 'archival', version, stage: parsed.stage, decision: null, verified: claims }
      }
      case 'deprecate':
        return { ...base, kind: 'deprecation', version: null, stage: null, decision: null }
      case 'blocked': {
        if (content.broken) return invalid(`its record is not valid: ${content.broken}`)
        if (record && record.decision !== 'block')
          return invalid(`its record says decision ${quoted(record.decision)}, not block`)
        if (record && record.model !== model)
          return invalid(`its record is for model ${quoted(record.model)}`)
        const blockedVersion = canonicalVersion(record?.version)
        return {
          ...base,
          kind: 'blocked',
          version: blockedVersion,
          stage: record?.to_stage ?? null,
          decision: 'block',
          verified: record !== null && blockedVersion !== null
        }
      }
    }

    /** Why an assignment tag must not count, or null. A tag without any record counts (GTO's). */
    function assignmentProblem(stage: string, version: string | null): string | null {
      if (version === null) return noVersion
      if (content.broken) return `its record is not valid: ${content.broken}`
      if (!record) return null
      if (record.decision !== 'promote' || (record.event !== 'promotion' && record.event !== 'rollback'))
        return `its record is a ${quoted(record.event)} with decision ${quoted(record.decision)}, not a promotion or rollback`
      if (record.model !== model) return `its record is for model ${quoted(record.model)}, not ${model}`
      if (record.to_stage !== stage)
        return `its record moves to stage ${quoted(record.to_stage)}, not ${stage}`
      if (record.version !== version)
        return `its record names version ${quoted(record.version)}, but the tag's commit holds ${version}`
      return null
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
export function replacesOthers(record: PromotionRecord | null): boolean {
  if (!record) return false
  if (record.event === 'rollback') return true
  if (!record.rollout) return true
  return record.rollout.weight === undefined || record.rollout.weight >= 100
}

/**
 * Which version(s) are in a stage, from the tags alone. Invalid tags never count; with
 * `verifiedOnly`, neither do tags without a modelgate record. GTO's rules (a version is in a stage
 * until unassigned) plus the records: a promotion that completes archives the versions before
 * it even when its archival tag was never written (a crash between the two writes), and a canary
 * keeps both versions with the recorded weights. Latest first.
 */
export function resolveStage(
  tags: readonly RawTag[],
  model: string,
  stage: string,
  options: { verifiedOnly?: boolean } = {}
): StageOccupant[] {
  const active = new Map<string, StageOccupant>()
  let canary: { version: string; weight: number } | null = null
  for (const event of buildHistory(stageTags(tags, stage), model)) {
    if (event.stage !== stage || event.version === null) continue
    if (options.verifiedOnly && !event.verified) continue
    if (event.kind === 'assignment' || event.kind === 'rollback') {
      if (replacesOthers(event.record)) active.clear()
      active.delete(event.version)
      active.set(event.version, {
        version: event.version,
        weight: null,
        since: event.at,
        tag: event.tag,
        verified: event.verified
      })
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
