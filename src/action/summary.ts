import * as core from '@actions/core'
import type { Decision } from '../gates/types.js'
import { renderDecisionMarkdown } from '../records/render-markdown.js'

/** Job summary, annotations and outputs for one decision. */
export async function reportDecision(decision: Decision, notes: readonly string[] = []): Promise<void> {
  const failed = decision.gates.filter((gate) => gate.blocking).map((gate) => gate.id)
  core.setOutput('decision', decision.decision)
  core.setOutput('version', decision.version)
  core.setOutput('stage', decision.to)
  core.setOutput('failed-gates', failed.join(','))
  for (const gate of decision.gates) {
    if (gate.blocking) core.error(gate.message, { title: `modelgate gate ${gate.id}` })
    else if (gate.status === 'warn') core.warning(gate.message, { title: `modelgate gate ${gate.id}` })
  }
  let markdown = renderDecisionMarkdown(decision)
  if (notes.length > 0) markdown += `\n${notes.map((note) => `> ${note}`).join('\n')}\n`
  await core.summary.addRaw(markdown, true).write()
}
