/** Numbers as people read them in reasons: up to 6 significant digits, no float noise. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value)
  const text = Number(value.toPrecision(6)).toString()
  return text
}

/**
 * A number exactly as it is (the shortest text that reads back as the same double). Thresholds
 * people wrote are shown this way: `max 1328221.5` must never read `max 1328220`.
 */
export function formatExact(value: number): string {
  return String(value)
}

const order = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * An observed value in the fewest significant digits (at least 6, and never fewer than its
 * whole-number digits) that keep it in its true order with every reference (the thresholds and
 * baseline it is judged against): `1328221.4648791791` against `max 1328221` reads `1328221.5`,
 * never `1328220`. Falls back to the exact form, so a
 * shown number can never contradict the verdict.
 */
export function formatAgainst(value: number, references: readonly number[]): string {
  if (!Number.isFinite(value) || (Number.isInteger(value) && Math.abs(value) < 1e15)) return String(value)
  const keepsOrder = (shown: number) =>
    references.every((reference) => order(shown, reference) === order(value, reference))
  // Never round away whole-number digits: a timestamp 1641889529.123 must not read 1641890000.
  const whole = Math.abs(value) >= 1 ? Math.floor(Math.log10(Math.abs(value))) + 1 : 0
  for (let digits = Math.min(Math.max(6, whole), 17); digits < 17; digits++) {
    const shown = Number(value.toPrecision(digits))
    if (keepsOrder(shown)) return String(shown)
  }
  return formatExact(value)
}

/**
 * Two numbers a reader will compare or subtract (an observed value and its baseline), shown in the
 * same fewest digits (at least 6, never fewer than their whole-number digits) for which
 * `agrees(shownA, shownB)` holds: the caller checks that whatever a reader derives from the shown
 * pair (their order, their change against each limit) matches the verdict on the true pair.
 * Falls back to the exact forms, where the derived figures are the computed ones.
 */
export function formatPairAgainst(
  a: number,
  b: number,
  agrees: (shownA: number, shownB: number) => boolean
): [string, string] {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return [String(a), String(b)]
  const wholeDigits = (x: number) => (Math.abs(x) >= 1 ? Math.floor(Math.log10(Math.abs(x))) + 1 : 0)
  for (let digits = Math.min(Math.max(6, wholeDigits(a), wholeDigits(b)), 17); digits < 17; digits++) {
    const shownA = Number.isInteger(a) && Math.abs(a) < 1e15 ? a : Number(a.toPrecision(digits))
    const shownB = Number.isInteger(b) && Math.abs(b) < 1e15 ? b : Number(b.toPrecision(digits))
    if (agrees(shownA, shownB)) return [String(shownA), String(shownB)]
  }
  return [formatExact(a), formatExact(b)]
}

export function formatSigned(value: number): string {
  return value > 0 ? `+${formatNumber(value)}` : formatNumber(value)
}

/** `formatAgainst` with a sign, for changes against a baseline. */
export function formatSignedAgainst(value: number, references: readonly number[]): string {
  const text = formatAgainst(value, references)
  return value > 0 ? `+${text}` : text
}

export function formatSignedExact(value: number): string {
  return value > 0 ? `+${formatExact(value)}` : formatExact(value)
}

/**
 * The numbers a gate's threshold text names (written exactly by `describeBounds`), plus its
 * baseline: what an observed value shown next to them must stay in order with. Extra numbers only
 * ever add digits, never remove any.
 */
export function referenceNumbers(threshold: string | undefined, baseline?: unknown): number[] {
  const numbers = (threshold ?? '').match(/[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?/gi) ?? []
  const references = numbers.map(Number).filter(Number.isFinite)
  if (typeof baseline === 'number' && Number.isFinite(baseline)) references.push(baseline)
  return references
}

/** An observed value of any type, for a reason: numbers plainly, others as JSON-ish. */
export function formatObserved(value: unknown): string {
  if (typeof value === 'number') return formatNumber(value)
  if (value === undefined) return 'nothing'
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)
  if (Array.isArray(value)) return 'a list'
  if (value !== null && typeof value === 'object') return 'an object'
  return String(value)
}

/**
 * `baseline v1.2.0` when the baseline's version is known; plain `baseline` when the caller only
 * knows that one exists (the CLI given --baseline-evidence without --baseline-version).
 */
export function baselineLabel(version: string): string {
  return /^v\d/.test(version) ? `baseline ${version}` : 'baseline'
}
