import { recordFromTagMessage } from '../records/record.js'
import { parseTagName, type ParsedTag } from './gto.js'
import { buildHistory, previousVersion, replacesOthers } from './state.js'
import type { RawTag, TagQuestion } from './types.js'
import { compareVersions, isVersion } from '../policy/model-version.js'

/*
 * Reading only what a question needs. A backend that must fetch each tag object on its own (the
 * GitHub API) lists the tag NAMES in one request; names already say which model, stage and
 * counter a tag is about. These pure functions pick, from names alone, the tags whose objects
 * decide the answer, and then say, from what was read, whether the pick was enough. The answer
 * computed from the picked tags is the one the whole history gives: a stage's state is decided by
 * its events since the last assignment that replaced everyone before it (`resolveStage`), and
 * events before such an assignment change nothing after it.
 */

/** The stages a question asks about: its own, and with `allStages` every stage the names show. */
function askedStages(names: readonly string[], question: TagQuestion): Set<string> {
  const stages = new Set(question.stages)
  if (question.allStages)
    for (const n of modelNames(names, question.model))
      if (n.parsed.kind === 'assign' || n.parsed.kind === 'unassign') stages.add(n.parsed.stage)
  return stages
}

/**
 * Assignments per stage read at first: enough for a canary's steps and the version before it
 * (the rollback target) in one pass, and well inside one 100-object query.
 */
export const FIRST_DEPTH = 8
/** Registrations of the highest versions read at first, so the usual window needs no second pass. */
export const REGISTRATIONS_AT_FIRST = 8

interface Named {
  name: string
  parsed: ParsedTag
}

function modelNames(names: readonly string[], model: string): Named[] {
  const result: Named[] = []
  for (const name of names) {
    const parsed = parseTagName(name)
    if (parsed && parsed.model === model) result.push({ name, parsed })
  }
  return result
}

const isStageEvent = (parsed: ParsedTag, stage: string): boolean =>
  (parsed.kind === 'assign' || parsed.kind === 'unassign') && parsed.stage === stage

/** Newest first; a tag without a counter sorts before every counted one. Counters are exact. */
const byCounterDescending = (a: Named, b: Named): number => {
  const x = a.parsed.counter
  const y = b.parsed.counter
  if (x === y) return 0
  if (x === undefined) return -1
  if (y === undefined) return 1
  return y > x ? 1 : -1
}

/**
 * A stage's events from its `depth`-th latest assignment (by counter) on; every event of the
 * stage when it has no more assignments than that. Unassignments without a counter (GTO may omit
 * it) have no place in counter order and are always taken.
 */
export function stageWindow(names: readonly string[], model: string, stage: string, depth: number): string[] {
  const events = modelNames(names, model).filter((n) => isStageEvent(n.parsed, stage))
  const assignments = events
    .filter((n) => n.parsed.kind === 'assign' && n.parsed.counter !== undefined)
    .sort(byCounterDescending)
  if (assignments.length <= depth) return events.map((n) => n.name)
  const cutoff = assignments[depth - 1]!.parsed.counter!
  return events.filter((n) => n.parsed.counter === undefined || n.parsed.counter >= cutoff).map((n) => n.name)
}

/** The first pick, from names alone: what `question` needs when history is as usual. */
export function tagsToRead(
  names: readonly string[],
  question: TagQuestion,
  depth = FIRST_DEPTH
): Set<string> {
  const model = question.model
  const mine = modelNames(names, model)
  const wanted = new Set<string>()
  for (const stage of askedStages(names, question))
    for (const name of stageWindow(names, model, stage, depth)) wanted.add(name)
  const versions = new Set(question.versions ?? [])
  const registrations = mine.filter((n) => n.parsed.kind === 'register' || n.parsed.kind === 'deregister')
  for (const n of registrations)
    if (question.allRegistrations || ('version' in n.parsed && versions.has(n.parsed.version)))
      wanted.add(n.name)
  // The versions a stage usually holds are the newest: their registrations map window commits to
  // versions without a second round trip.
  const newest = [...new Set(registrations.map((n) => (n.parsed as { version: string }).version))]
    .filter(isVersion)
    .sort((a, b) => compareVersions(b, a))
    .slice(0, REGISTRATIONS_AT_FIRST)
  for (const n of registrations)
    if (newest.includes((n.parsed as { version: string }).version)) wanted.add(n.name)
  const latest = question.latest ?? 0
  if (latest > 0) {
    const counted = mine.filter((n) => n.parsed.counter !== undefined).sort(byCounterDescending)
    for (const n of counted.slice(0, latest === Infinity ? counted.length : latest)) wanted.add(n.name)
  }
  return wanted
}

/**
 * Whether the read window holds an assignment that replaced every version before it in `stage`,
 * judged as `resolveStage` judges it: only a valid event counts (its record agrees with its name
 * and with the version its commit is registered as; unread tags are no events at all), and only
 * when its record says the others leave (a completed promotion or a rollback). A record that
 * merely claims to complete a promotion but contradicts its tag is `invalid` and ends nothing,
 * so the window keeps reaching back past it.
 */
function windowReplacesAll(
  tags: readonly RawTag[],
  model: string,
  stage: string,
  window: ReadonlySet<string>
): boolean {
  return buildHistory(tags, model).some(
    (event) =>
      window.has(event.tag) &&
      event.stage === stage &&
      (event.kind === 'assignment' || event.kind === 'rollback') &&
      replacesOthers(event.record)
  )
}

export interface StillNeeded {
  /** Tag names to read next. */
  names: Set<string>
  /** The stage windows were not enough: read them deeper. */
  deeper: boolean
}

/**
 * What must still be read before the tags read so far (`unread` marks the rest) answer
 * `question` as the whole history would:
 * - each asked stage's window must reach back to an assignment that replaced everyone before it
 *   (a completed promotion or a rollback, by its record) and to a version before the current one
 *   (`previousVersion`), or to the stage's first event;
 * - every commit a window event points at must be mapped to its version: the registration the
 *   event's record names, else (a tag without a record, as GTO writes them) every registration.
 */
export function tagsStillNeeded(tags: readonly RawTag[], question: TagQuestion, depth: number): StillNeeded {
  const model = question.model
  const byName = new Map(tags.map((tag) => [tag.name, tag]))
  const names = tags.map((tag) => tag.name)
  const needed = new Set<string>()
  let deeper = false
  const registrations = modelNames(names, model).filter((n) => n.parsed.kind === 'register')
  const mapped = new Set(
    registrations
      .map((n) => byName.get(n.name)!)
      .filter((t) => !t.unread)
      .map((t) => t.commit)
  )
  for (const stage of askedStages(names, question)) {
    const window = stageWindow(names, model, stage, depth)
    const all = modelNames(names, model).filter((n) => isStageEvent(n.parsed, stage))
    const read = window.map((name) => byName.get(name)!).filter((tag) => !tag.unread)
    if (read.length < window.length) for (const name of window) needed.add(name)
    // Every commit the window points at mapped to its version first: until then an assignment
    // counts as invalid (no registered version), and whether the window reaches far enough is not
    // known yet. Lightweight tags (no tagger) are no events and need no version.
    let unmapped = false
    for (const tag of read) {
      if (!tag.tagger || mapped.has(tag.commit)) continue
      const version = recordFromTagMessage(tag.message)?.version
      const registration = registrations.find(
        (n) => (n.parsed as { version: string }).version === version && byName.get(n.name)!.unread
      )
      const pending = registration ? [registration] : registrations.filter((n) => byName.get(n.name)!.unread)
      for (const n of pending) needed.add(n.name)
      if (pending.length > 0) unmapped = true
    }
    // The window must reach back past the current occupants (an assignment that replaced everyone
    // before it) and to the version before them (the rollback target `previous`).
    if (
      !unmapped &&
      window.length < all.length &&
      read.length === window.length &&
      (!windowReplacesAll(tags, model, stage, new Set(window)) ||
        previousVersion(tags, model, stage) === null)
    )
      deeper = true
  }
  return { names: needed, deeper }
}
