import { RegistryError } from '../errors.js'
import { MAX_COUNTER_DIGITS, modelTagPrefixes, parseTagName } from '../registry/gto.js'
import { orderingDelayMs } from '../registry/ordering.js'
import { highestCounter } from '../registry/state.js'
import type { RawTag, RegistryBackend, TagQuestion } from '../registry/types.js'

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
  // Names give the counter (unread tags count); the stage's latest events give the tagger
  // seconds the ordering needs.
  const parsed = parseTagName(name(0n))
  const question: TagQuestion = {
    model,
    stages: parsed && (parsed.kind === 'assign' || parsed.kind === 'unassign') ? [parsed.stage] : []
  }
  const tags = await registry.listTags(modelTagPrefixes(model), question)
  // GTO orders a version's stage events by tagger second: never share one with the previous event.
  const delay = orderingDelayMs(tags, name(0n), commit, Date.now())
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay))
  let counter = counterAfter(tags, model, 1n)
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const tag = name(counter)
    if (await registry.createTag({ name: tag, commit, message })) return { tag, counter }
    counter = counterAfter(await registry.listTags(modelTagPrefixes(model), question), model, counter + 1n)
  }
  throw new RegistryError(`could not find a free tag counter for ${model} after ${MAX_ATTEMPTS} attempts`)
}

/** One tag of a set written together: its name at a counter, the commit and the message. */
export interface CountedTagRequest {
  name: (counter: bigint) => string
  commit: string
  message: string
}

/**
 * Writes the tags `compose` asks for, all or none (`RegistryBackend.createTags`), at consecutive
 * counters after the model's highest, in the order given. `compose` is asked again from a fresh
 * read whenever another writer took one of the names, so what the set says (which versions a
 * promotion replaces) always matches the registry it lands in.
 */
export async function createCountedTagSet(
  registry: RegistryBackend,
  model: string,
  question: TagQuestion,
  compose: (tags: readonly RawTag[]) => CountedTagRequest[]
): Promise<Array<{ tag: string; counter: bigint }>> {
  if (!registry.createTags)
    throw new RegistryError(`the ${registry.description} registry cannot write several tags as one step`)
  let tags = await registry.listTags(modelTagPrefixes(model), question)
  let atLeast = 1n
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const wanted = compose(tags)
    const now = Date.now()
    const delay = Math.max(0, ...wanted.map((w) => orderingDelayMs(tags, w.name(0n), w.commit, now)))
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay))
    const first = counterAfter(tags, model, atLeast)
    const written = wanted.map((w, i) => ({ tag: w.name(first + BigInt(i)), counter: first + BigInt(i) }))
    const last = written.at(-1)
    // The set's last counter must be a valid one too: counterAfter refuses it as it would the first.
    if (last) counterAfter(tags, model, last.counter)
    if (
      await registry.createTags(
        wanted.map((w, i) => ({ name: written[i]!.tag, commit: w.commit, message: w.message }))
      )
    )
      return written
    atLeast = first + 1n
    tags = await registry.listTags(modelTagPrefixes(model), question)
  }
  throw new RegistryError(`could not find free tag counters for ${model} after ${MAX_ATTEMPTS} attempts`)
}
