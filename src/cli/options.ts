import { UsageError } from '../errors.js'
import type { OutputFormat } from '../render/decision.js'

export type { OutputFormat }

/** commander collector for repeatable `--flag value`. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

/** `--format`, narrowed to the formats the command offers (text is always among them). */
export function parseFormat(value: string | undefined): OutputFormat
export function parseFormat<F extends OutputFormat>(value: string | undefined, allowed: readonly F[]): F
export function parseFormat(
  value: string | undefined,
  allowed: readonly OutputFormat[] = ['text', 'json', 'markdown']
): OutputFormat {
  const format = (value ?? 'text') as OutputFormat
  if (!allowed.includes(format))
    throw new UsageError(`--format must be one of ${allowed.join(', ')}, got "${value}"`)
  return format
}
