import { formatNumber } from '../gates/format.js'

/** A short display form of an observed value for tables. */
export function observedText(value: unknown): string {
  if (value === undefined || value === null) return '—'
  if (typeof value === 'number') return formatNumber(value)
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.map((item) => observedText(item)).join('; ')
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${key}=${observedText(item)}`)
      .join(', ')
  }
  return String(value)
}
