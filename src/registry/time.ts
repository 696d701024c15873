import { UsageError } from '../errors.js'
import { buildHistory, type RegistryEvent } from './state.js'
import type { RawTag } from './types.js'

// Date and time with a zone, to the second or finer: `2026-06-01T12:00:00Z`, `…12:00+02:00`.
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2}))$/

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
  if (!match) return fail('ISO 8601 with a date, a time and a zone (Z or ±HH:MM)')
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
 * The tags that existed at `at`: those whose tagger date is not after it. Git keeps tagger dates
 * to the second. A tag without a readable tagger date cannot be placed in time and is left out
 * (lightweight tags have none, and GTO ignores them anyway).
 */
export function tagsAsOf(tags: readonly RawTag[], at: Date): RawTag[] {
  const limit = at.getTime()
  return tags.filter((tag) => {
    const written = Date.parse(tag.tagger?.date ?? '')
    return !Number.isNaN(written) && written <= limit
  })
}

export interface TimeWindow {
  /** Events at or after this moment. */
  since?: Date
  /** Events at or before this moment. */
  until?: Date
}

/**
 * A model's history inside a window (both ends included), by when each tag was written: its
 * tagger date, the clock `tagsAsOf` reads, so `history --until T` shows exactly the events
 * `resolve --at T` stands on. An event whose tag has no readable date is outside every window.
 */
export function historyBetween(tags: readonly RawTag[], model: string, window: TimeWindow): RegistryEvent[] {
  const events = buildHistory(tags, model)
  if (!window.since && !window.until) return events
  const from = window.since?.getTime() ?? -Infinity
  const to = window.until?.getTime() ?? Infinity
  const inside = new Set(
    tags
      .filter((tag) => {
        const written = Date.parse(tag.tagger?.date ?? '')
        return !Number.isNaN(written) && written >= from && written <= to
      })
      .map((tag) => tag.name)
  )
  // The whole history first: a registration outside the window still names the versions inside.
  return events.filter((event) => inside.has(event.tag))
}
