import { RegistryError } from '../errors.js'
import { modelTagPrefixes, parseTagName } from '../registry/gto.js'
import { orderingDelayMs } from '../registry/ordering.js'
import { nextCounter } from '../registry/state.js'
import type { RegistryBackend } from '../registry/types.js'
import type { TagQuestion } from '../registry/window.js'

const MAX_ATTEMPTS = 20

/**
 * Creates `name(counter)` with the next free counter. Tag creation is atomic, so two writers
 * racing for one counter cannot both win: the loser re-reads the tags and takes the next one.
 */
export async function createCountedTag(
  registry: RegistryBackend,
  model: string,
  name: (counter: number) => string,
  commit: string,
  message: string
): Promise<{ tag: string; counter: number }> {
  // Names give the counter; the stage's latest events give the tagger seconds the ordering needs.
  const parsed = parseTagName(name(0))
  const question: TagQuestion = {
    model,
    stages: parsed && (parsed.kind === 'assign' || parsed.kind === 'unassign') ? [parsed.stage] : []
  }
  const tags = await registry.listTags(modelTagPrefixes(model), question)
  // GTO orders a version's stage events by tagger second: never share one with the previous event.
  const delay = orderingDelayMs(tags, name(0), commit, Date.now())
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay))
  let counter = nextCounter(tags, model)
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const tag = name(counter)
    if (await registry.createTag({ name: tag, commit, message })) return { tag, counter }
    counter = Math.max(
      counter + 1,
      nextCounter(await registry.listTags(modelTagPrefixes(model), question), model)
    )
  }
  throw new RegistryError(`could not find a free tag counter for ${model} after ${MAX_ATTEMPTS} attempts`)
}
