import { reportResolve } from '../summary.js'
import type { CommandRun } from '../shared.js'
import { assertModelName, assertStageName, modelTagPrefixes } from '../../registry/gto.js'
import { resolveServedStage } from '../../registry/serving.js'

/** `command: resolve`: which version(s) a stage holds, with what a deploy step loads, as outputs. */
export async function runResolve(run: CommandRun): Promise<void> {
  const { inputs } = run
  assertModelName(inputs.model)
  assertStageName(inputs.stage!)
  const services = await run.services()
  const tags = await services.registry.listTags(modelTagPrefixes(inputs.model))
  await reportResolve({
    model: inputs.model,
    stage: inputs.stage!,
    occupants: resolveServedStage(tags, inputs.model, inputs.stage!, { verifiedOnly: inputs.verifiedOnly })
  })
}
