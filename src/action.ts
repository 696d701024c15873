import * as core from '@actions/core'
import { readInputs } from './action/inputs.js'
import { reportDecision } from './action/summary.js'
import { parseNamedPaths } from './cli/options.js'
import { isModelgateError } from './errors.js'
import { LocalEvidenceSource } from './evidence/local-source.js'
import { evaluate } from './gates/evaluate.js'
import { prepareEvaluation } from './lifecycle/evaluate-flow.js'
import { loadPolicy } from './policy/load.js'
import { escapeMarkdown } from './records/escape.js'

/**
 * The GitHub Action. Evaluates the gates against evidence in the workspace; approvals come only
 * from GitHub's API, so until that backend is wired a transition that needs approvals blocks.
 */
export async function run(): Promise<void> {
  try {
    const inputs = readInputs()
    if (inputs.command !== 'evaluate') {
      throw new Error(`command ${inputs.command} is not available in this build of the action; use evaluate`)
    }
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()
    const policy = await loadPolicy(inputs.policy)
    const { input, unavailable } = await prepareEvaluation(
      policy,
      {
        model: inputs.model,
        version: inputs.version,
        to: inputs.to,
        ...(inputs.from !== undefined && { from: inputs.from }),
        evidence: parseNamedPaths(inputs.evidence, 'evidence'),
        baselineEvidence: parseNamedPaths(inputs.baselineEvidence, 'baseline-evidence'),
        ...(process.env.GITHUB_TRIGGERING_ACTOR && { actor: process.env.GITHUB_TRIGGERING_ACTOR })
      },
      { source: new LocalEvidenceSource(workspace), now: () => new Date() }
    )
    const decision = evaluate(input)
    await reportDecision(
      decision,
      [...unavailable].map(([name, why]) => `evidence ${escapeMarkdown(name)} ${escapeMarkdown(why)}`)
    )
    if (decision.decision === 'block') core.setFailed(`modelgate blocked: ${decision.reasons.join('; ')}`)
  } catch (error) {
    core.setFailed(isModelgateError(error) ? error.format() : `modelgate: ${(error as Error).message}`)
  }
}
