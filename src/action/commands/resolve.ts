import { reportResolve } from '../summary.js'
import type { CommandRun } from '../shared.js'
import { modelTagPrefixes } from '../../registry/gto.js'
import { resolveStage } from '../../registry/state.js'

/** `command: resolve`: which version(s) a stage holds, as outputs for later steps. */
export async function runResolve(run: CommandRun): Promise<void> {
  const { inputs } = run
  const services = await run.services()
  // The names and the stage's deciding tag objects: two requests at any history length.
  const tags = await services.registry.listTags(modelTagPrefixes(inputs.model), {
    model: inputs.model,
    stages: [inputs.stage!]
  })
  await reportResolve({
    model: inputs.model,
    stage: inputs.stage!,
    occupants: resolveStage(tags, inputs.model, inputs.stage!)
  })
}
