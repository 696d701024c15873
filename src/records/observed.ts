import { formatAgainst } from '../gates/format.js'

/**
 * A short display form of an observed value for tables. `references` are the numbers it was
 * judged against (see `referenceNumbers`): a number is shown with enough digits to stay on the
 * same side of each, so the table never contradicts the verdict.
 */
export function observedText(value: unknown, references: readonly number[] = []): string {
  if (value === undefined || value === null) return '—'
  if (typeof value === 'number') return formatAgainst(value, references)
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.map((item) => observedText(item, references)).join('; ')
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${key}=${observedText(item, references)}`)
      .join(', ')
  }
  return String(value)
}
