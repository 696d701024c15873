import * as core from '@actions/core'
import { replayHistory } from '../../lifecycle/replay.js'
import { assertModelName } from '../../registry/gto.js'
import { renderReplayMarkdown } from '../../render/replay.js'
import { readPolicy, requireRun, type CommandRun } from '../shared.js'

/**
 * `command: replay`: for a pull request that changes the policy, every recorded promotion and
 * blocked attempt of the model re-decided under the pull request's policy (the checked-out file,
 * or `policy-ref`), as a job summary "Impact of this policy change". Reads the registry's tags
 * and writes nothing: no tag, release, status or annotation; the step does not fail on what the
 * replay finds (output `replay-counts` lets a workflow decide).
 */
export async function runReplay(run: CommandRun): Promise<void> {
  const { inputs } = run
  assertModelName(inputs.model)
  const { context, services } = await requireRun(run)
  const policy = await readPolicy(inputs, context.workspace, services)
  const report = await replayHistory(policy, { model: inputs.model }, services.registry)
  core.setOutput('replay-counts', JSON.stringify(report.counts))
  core.info(
    `modelgate replay: ${report.attempts.length} recorded attempts of ${inputs.model}: ${Object.entries(
      report.counts
    )
      .map(([outcome, n]) => `${n} ${outcome}`)
      .join(', ')}`
  )
  await core.summary.addRaw(renderReplayMarkdown(report), true).write()
}
