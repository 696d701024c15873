/*
 * Gate results are copied into records, tag messages, release notes, job summaries and tables.
 * Evidence is written by others and may hold anything at a gate's path — a 150 MB string, an
 * object nested 5,000 deep — so what a result keeps of it is bounded here, once, before any of
 * those sees it: no renderer then recurses past MAX_DEPTH or copies more than a few KiB.
 */

/** Longest string kept whole (UTF-16 units); longer ones are cut and say by how much. */
export const MAX_KEPT_STRING = 200
/** Deepest nesting kept; deeper values are replaced by a description. */
export const MAX_DEPTH = 6
/** Entries kept per list or object. */
export const MAX_ENTRIES = 20
/** Longest gate message kept. */
export const MAX_MESSAGE = 2000

/** The first `max` UTF-16 units of `text`, never ending inside a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text
  let cut = text.slice(0, max)
  const last = cut.charCodeAt(cut.length - 1)
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1)
  return `${cut}… (${text.length} characters in all)`
}

/**
 * A copy of `value` small enough to keep: strings clipped, lists and objects cut to their first
 * entries, nesting stopped at MAX_DEPTH. Recursion is bounded by MAX_DEPTH, so no input depth can
 * overflow the stack.
 */
export function boundValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return clip(value, MAX_KEPT_STRING)
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    if (depth >= MAX_DEPTH) return `a list of ${value.length} items, nested too deep to keep`
    const kept = value.slice(0, MAX_ENTRIES).map((item) => boundValue(item, depth + 1))
    if (value.length > MAX_ENTRIES) kept.push(`… ${value.length - MAX_ENTRIES} more items`)
    return kept
  }
  const keys = Object.keys(value)
  if (depth >= MAX_DEPTH) return `an object of ${keys.length} keys, nested too deep to keep`
  const kept: Record<string, unknown> = {}
  for (const key of keys.slice(0, MAX_ENTRIES))
    kept[clip(key, MAX_KEPT_STRING)] = boundValue((value as Record<string, unknown>)[key], depth + 1)
  if (keys.length > MAX_ENTRIES) kept['…'] = `${keys.length - MAX_ENTRIES} more keys`
  return kept
}
