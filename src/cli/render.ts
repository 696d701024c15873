import type { Decision } from '../gates/types.js'
import { decisionToJson } from '../records/render-json.js'
import { renderDecisionMarkdown } from '../records/render-markdown.js'
import { renderDecisionText } from '../records/render-text.js'
import type { CliIO } from './io.js'
import type { OutputFormat } from './options.js'

/** Colour only on a terminal, and never when NO_COLOR is set (no-color.org). */
export function useColor(io: CliIO): boolean {
  return Boolean(io.stdout.isTTY) && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb'
}

export function renderDecision(decision: Decision, format: OutputFormat, io: CliIO): string {
  if (format === 'json') return `${JSON.stringify(decisionToJson(decision), null, 2)}\n`
  if (format === 'markdown') return renderDecisionMarkdown(decision)
  return renderDecisionText(decision, { color: useColor(io) })
}

/** Notes for evidence the gates wanted that nobody provided (stderr, so JSON stays clean). */
export function reportUnavailable(unavailable: ReadonlyMap<string, string>, io: CliIO): void {
  for (const [name, why] of unavailable) io.stderr.write(`modelgate: note: evidence "${name}" ${why}\n`)
}
