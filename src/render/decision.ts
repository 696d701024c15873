import type { Decision } from '../gates/types.js'
import { decisionToJson } from '../records/render-json.js'
import { renderDecisionMarkdown } from '../records/render-markdown.js'
import { renderDecisionText } from '../records/render-text.js'

export type OutputFormat = 'text' | 'json' | 'markdown'

export function renderDecision(
  decision: Decision,
  format: OutputFormat,
  options: { color: boolean }
): string {
  if (format === 'json') return `${JSON.stringify(decisionToJson(decision), null, 2)}\n`
  if (format === 'markdown') return renderDecisionMarkdown(decision)
  return renderDecisionText(decision, options)
}

/** Notes for evidence the gates wanted that nobody provided; meant for stderr, so JSON stays clean. */
export function unavailableNotes(unavailable: ReadonlyMap<string, string>): string {
  return [...unavailable].map(([name, why]) => `modelgate: note: evidence "${name}" ${why}\n`).join('')
}
