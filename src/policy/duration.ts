import { PolicyError } from '../errors.js'
import { DURATION_PATTERN } from './schema.js'

const UNIT_SECONDS: Record<string, number> = { d: 86400, h: 3600, m: 60, s: 1 }

/** `90s`, `5m`, `2h`, `1d`, `1h30m` → seconds. */
export function parseDuration(text: string): number {
  if (!text || !DURATION_PATTERN.test(text)) {
    throw new PolicyError(`expected a duration such as 90s, 5m, 2h, 1d or 1h30m, got "${text}"`)
  }
  let seconds = 0
  for (const [, amount, unit] of text.matchAll(/(\d+)([dhms])/g))
    seconds += Number(amount) * UNIT_SECONDS[unit!]!
  return seconds
}

export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0s'
  let rest = seconds
  let text = ''
  for (const [unit, size] of Object.entries(UNIT_SECONDS)) {
    const amount = Math.floor(rest / size)
    if (amount > 0) text += `${amount}${unit}`
    rest -= amount * size
  }
  return text
}
