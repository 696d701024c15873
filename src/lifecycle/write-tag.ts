import { RegistryError } from '../errors.js'
import { MAX_COUNTER_DIGITS, modelTagPrefixes } from '../registry/gto.js'
import { orderingDelayMs } from '../registry/ordering.js'
import { highestCounter } from '../registry/state.js'
import type { RawTag, RegistryBackend } from '../registry/types.js'

const MAX_ATTEMPTS = 20

/**
 * The counter after the model's highest one. Exact at any size, so a hostile tag with a huge
 * counter only moves the next tag's number (which `resolve` reads like any other). A counter
 * past MAX_COUNTER_DIGITS is refused with the tag to delete named, never written as a tag no
 * reader would see.
 */
function counterAfter(tags: readonly RawTag[], model: string, atLeast: bigint): bigint {
  const highest = highestCounter(tags, model)
  const next = highest.counter + 1n > atLeast ? highest.counter + 1n : atLeast
  if (String(next).length > MAX_COUNTER_DIGITS) {
    throw new RegistryError(
      `${model}'s tag counters are exhausted: tag ${highest.tag ?? '?'} holds counter ${highest.counter}, and counters past ${MAX_COUNTER_DIGITS} digits are not valid; delete that tag (it was not written by modelgate) and run again`
    )
  }
  return next
}

/**
 * Creates `name(counter)` with the next free counter. Tag creation is atomic, so two writers
 * racing for one counter cannot both win: the loser re-reads the tags and takes the next one.
 */
export async function createCountedTag(
  registry: RegistryBackend,
  model: string,
  name: (counter: bigint) => string,
  commit: string,
  message: string
): Promise<{ tag: string; counter: bigint }> {
  const tags = await registry.listTags(modelTagPrefixes(model))
  // GTO orders a version's stage events by tagger second: never share one with the previous event.
  const delay = orderingDelayMs(tags, name(0n), commit, Date.now())
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay))
  let counter = counterAfter(tags, model, 1n)
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const tag = name(counter)
    if (await registry.createTag({ name: tag, commit, message })) return { tag, counter }
    counter = counterAfter(await registry.listTags(modelTagPrefixes(model)), model, counter + 1n)
  }
  throw new RegistryError(`could not find a free tag counter for ${model} after ${MAX_ATTEMPTS} attempts`)
}
