import { reportResolve } from '../summary.js'
import type { CommandRun } from '../shared.js'
import { assertModelName, assertStageName, modelTagPrefixes } from '../../registry/gto.js'
import { rolloutProgress } from '../../registry/rollout.js'
import { ARCHIVED_STAGE } from '../../policy/normalize.js'
import { resolveServedStage } from '../../registry/serving.js'

/** `command: resolve`: which version(s) a stage holds, with what a deploy step loads, as outputs. */
export async function runResolve(run: CommandRun): Promise<void> {
  const { inputs } = run
  assertModelName(inputs.model)
  assertStageName(inputs.stage!)
  const services = await run.services()
  // The names and the stage's deciding tag objects: two requests at any history length. The
  // archived pseudo-stage is every stage's history, so it reads every tag object.
  const archived = inputs.stage === ARCHIVED_STAGE
  const prefixes = modelTagPrefixes(inputs.model)
  let tags = await services.registry.listTags(
    prefixes,
    archived ? undefined : { model: inputs.model, stages: [inputs.stage!] }
  )
  const options = { verifiedOnly: inputs.verifiedOnly }
  let occupants = resolveServedStage(tags, inputs.model, inputs.stage!, options)
  // A version's digest and URI come from its own assignment's record, else from an earlier
  // promotion of it, which may lie outside the stage's window: then the whole history is read,
  // so an output is never left empty for want of a tag not read.
  if (
    tags.some((tag) => tag.unread) &&
    occupants.some((occupant) => occupant.model_digest === null && occupant.model_uri === null)
  ) {
    tags = await services.registry.listTags(prefixes)
    occupants = resolveServedStage(tags, inputs.model, inputs.stage!, options)
  }
  // A canary in progress: when its next step may start (the hold its record carries), for a
  // version this answer lists (verified-only may have left it out).
  const progress = archived ? null : rolloutProgress(tags, inputs.model, inputs.stage!)
  const rollout = progress && occupants.some((o) => o.version === progress.version) ? progress : null
  await reportResolve({ model: inputs.model, stage: inputs.stage!, occupants, rollout, now: run.now() })
}
