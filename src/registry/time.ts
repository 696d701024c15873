import { UsageError } from '../errors.js'
import { parseTagName } from './gto.js'
import { buildHistory, type RegistryEvent } from './state.js'
import type { RawTag } from './types.js'

// Date and time with a zone, to the second or finer: `2026-06-01T12:00:00Z`, `…12:00+02:00`.
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2}))$/

/** Which part of a moment is missing or ambiguous, for the usage error. */
function whyNotAnInstant(text: string): string {
  const date = String.raw`\d{4}-\d{2}-\d{2}`
  const time = String.raw`\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?`
  if (new RegExp(`^${date}$`).test(text)) return 'a date alone has no time and no zone'
  if (new RegExp(`^${date}[T ]${time}$`).test(text))
    return 'no zone (Z or ±HH:MM): a local time is a different instant on every runner'
  if (new RegExp(`^${date} ${time}`).test(text)) return 'the date and the time are joined by "T", not a space'
  if (new RegExp(`^${date}T${time}[+-]\\d{4}$`).test(text)) return 'write the zone offset as ±HH:MM'
  return 'ISO 8601 with a date, a time and a zone (Z or ±HH:MM)'
}

/**
 * A moment as given on the command line: ISO 8601 with a date, a time and a zone (`Z` or
 * `±HH:MM`). A moment without a zone means a different instant on every runner, so it is refused,
 * as are impossible dates (`2026-02-30`) that `Date.parse` would roll over into March.
 */
export function parseInstant(text: string, flag: string): Date {
  const match = INSTANT.exec(text)
  const fail = (why: string): never => {
    throw new UsageError(
      `${flag}: expected a moment such as 2026-06-01T12:00:00Z or 2026-06-01T14:00:00+02:00, got ${JSON.stringify(text.slice(0, 60))}: ${why}`
    )
  }
  if (!match) return fail(whyNotAnInstant(text))
  const [, year, month, day, hour, minute, second = '0', , zone, zoneHours, zoneMinutes] = match
  const y = Number(year)
  const m = Number(month)
  const d = Number(day)
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate()
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth) return fail('no such date')
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return fail('no such time of day')
  if (zone !== 'Z' && (Number(zoneHours) > 23 || Number(zoneMinutes) > 59)) return fail('no such zone offset')
  const at = new Date(text)
  if (Number.isNaN(at.getTime())) return fail('not a moment JavaScript can represent')
  return at
}

/**
 * When each tag can be said to have existed, in milliseconds (NaN when it cannot be placed in
 * time). A tag without a counter (a registration) exists from its tagger date. A counted tag
 * exists from the latest tagger date among it and every tag of its model with a lower or equal
 * counter: counters are claimed in write order, so tag N cannot have been written before tag
 * N-1, whatever its own date says. Without this, a clock that ran behind (or a backdated tag)
 * would put tag N into a moment without its predecessors, and `--at` would answer a state the
 * registry never passed through. A tag dated later than its successors (a clock ahead, or a date
 * in the future) holds its successors back until its date, for the same reason.
 */
function existedFrom(tags: readonly RawTag[]): Map<RawTag, number> {
  const from = new Map<RawTag, number>()
  const counted = new Map<string, Array<{ tag: RawTag; counter: bigint; written: number }>>()
  for (const tag of tags) {
    const written = Date.parse(tag.tagger?.date ?? '')
    const parsed = parseTagName(tag.name)
    if (Number.isNaN(written) || parsed?.counter === undefined) {
      from.set(tag, written)
      continue
    }
    const model = counted.get(parsed.model) ?? []
    model.push({ tag, counter: parsed.counter, written })
    counted.set(parsed.model, model)
  }
  for (const model of counted.values()) {
    model.sort((a, b) => (a.counter < b.counter ? -1 : a.counter > b.counter ? 1 : 0))
    // Equal counters (two writers that raced, or GTO reusing the number of a blocked attempt,
    // whose tag it cannot parse) share the latest date of their group.
    let latest = -Infinity
    for (let i = 0; i < model.length;) {
      let end = i
      while (end < model.length && model[end]!.counter === model[i]!.counter) {
        latest = Math.max(latest, model[end]!.written)
        end++
      }
      for (; i < end; i++) from.set(model[i]!.tag, latest)
    }
  }
  return from
}

/**
 * The tags that existed at `at`: registrations whose tagger date is not after it, and counted
 * tags whose own date and every lower counter's date are not after it (`existedFrom`). Git keeps
 * tagger dates to the second, and a tag written at exactly `at` counts. A tag without a readable
 * tagger date cannot be placed in time and is left out (lightweight tags have none, and GTO
 * ignores them anyway).
 */
export function tagsAsOf(tags: readonly RawTag[], at: Date): RawTag[] {
  const limit = at.getTime()
  const from = existedFrom(tags)
  return tags.filter((tag) => {
    const existed = from.get(tag)!
    return !Number.isNaN(existed) && existed <= limit
  })
}

/**
 * The tags dated at or before `at` that `tagsAsOf` leaves out all the same, because a tag with a
 * lower counter is dated after `at` (a skewed or forged tagger date). Empty when tagger dates and
 * counters agree; otherwise an answer as of `at` deserves a note that the clocks disagree.
 */
export function heldBackAt(tags: readonly RawTag[], at: Date): RawTag[] {
  const limit = at.getTime()
  const from = existedFrom(tags)
  return tags.filter((tag) => {
    const written = Date.parse(tag.tagger?.date ?? '')
    return !Number.isNaN(written) && written <= limit && from.get(tag)! > limit
  })
}

export interface TimeWindow {
  /** Events at or after this moment. */
  since?: Date
  /** Events at or before this moment. */
  until?: Date
}

/**
 * A model's history inside a window (both ends included), by when each tag existed: its tagger
 * date held to counter order (`existedFrom`), the clock `tagsAsOf` reads, so `history --until T`
 * shows exactly the events `resolve --at T` stands on. An event whose tag has no readable date
 * is outside every window.
 */
export function historyBetween(tags: readonly RawTag[], model: string, window: TimeWindow): RegistryEvent[] {
  const events = buildHistory(tags, model)
  if (!window.since && !window.until) return events
  const from = window.since?.getTime() ?? -Infinity
  const to = window.until?.getTime() ?? Infinity
  const existed = existedFrom(tags)
  const inside = new Set(
    tags
      .filter((tag) => {
        const written = existed.get(tag)!
        return !Number.isNaN(written) && written >= from && written <= to
      })
      .map((tag) => tag.name)
  )
  // The whole history first: a registration outside the window still names the versions inside.
  return events.filter((event) => inside.has(event.tag))
}
