/** Numbers as people read them in reasons: up to 6 significant digits, no float noise. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value)
  const text = Number(value.toPrecision(6)).toString()
  return text
}

export function formatSigned(value: number): string {
  return value > 0 ? `+${formatNumber(value)}` : formatNumber(value)
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
