import { RegistryError } from '../errors.js'
import { modelTagPrefixes } from '../registry/gto.js'
import { orderingDelayMs } from '../registry/ordering.js'
import { nextCounter } from '../registry/state.js'
import type { RegistryBackend } from '../registry/types.js'

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
  const tags = await registry.listTags(modelTagPrefixes(model))
  // GTO orders a version's stage events by tagger second: never share one with the previous event.
  const delay = orderingDelayMs(tags, name(0), commit, Date.now())
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay))
  let counter = nextCounter(tags, model)
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const tag = name(counter)
    if (await registry.createTag({ name: tag, commit, message })) return { tag, counter }
    counter = Math.max(counter + 1, nextCounter(await registry.listTags(modelTagPrefixes(model)), model))
  }
  throw new RegistryError(`could not find a free tag counter for ${model} after ${MAX_ATTEMPTS} attempts`)
}
