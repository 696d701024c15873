import type { RollbackResult } from '../lifecycle/rollback.js'
import { stripControl } from '../records/escape.js'

/** Whether some trigger could be judged neither fired nor quiet (its monitoring was absent or unusable). */
export const unjudged = (result: { triggers: ReadonlyArray<{ status: string }> }): boolean =>
  result.triggers.some((t) => t.status !== 'fired' && t.status !== 'quiet')

export function renderRollback(model: string, result: RollbackResult, format: 'text' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(result, null, 2)}\n`
  const lines = [
    `${model} in ${result.stage}: ${result.current}`,
    `judging samples from ${result.window.since} (when ${result.current} took ${result.stage}) to ${result.window.until ?? 'none yet'}`
  ]
  for (const t of result.triggers) lines.push(`  ${t.status.padEnd(7)} ${stripControl(t.message)}`)
  if (!result.fired && unjudged(result))
    lines.push('no trigger fired, but not every trigger could be judged: nothing written')
  else if (!result.fired) lines.push('no trigger fired: nothing to do')
  else if (result.tag)
    lines.push(
      `rolled back ${result.stage} to ${result.rolledBackTo} (tag ${result.tag}); ${result.current} archived`
    )
  else lines.push(`dry run: would roll back ${result.stage} to ${result.rolledBackTo}`)
  return lines.map((line) => `${line}\n`).join('')
}
