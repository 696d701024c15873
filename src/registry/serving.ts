import { LINEAGE_RULES, modelUriProblem } from '../gates/lineage.js'
import { RegistryError } from '../errors.js'
import { ARCHIVED_STAGE } from '../policy/normalize.js'
import { parseTagName } from './gto.js'
import {
  buildHistory,
  registeredVersions,
  resolveStage,
  type RegistryEvent,
  type StageOccupant
} from './state.js'
import { tagsAsOf } from './time.js'
import type { RawTag } from './types.js'
import { isVersion, normalizeVersion } from '../policy/model-version.js'

/*
 * The serving contract: what a deploy job or an auditor asks of a stage label. Built on the same
 * pure readings as `resolve` (`resolveStage`, `buildHistory`), from the tags alone, so an answer
 * "as of" a moment is the same computation over the tags that existed then.
 */

/** One version in a stage, with what a serving layer needs to load it. */
export interface ServedVersion {
  version: string
  /** The commit the version was registered on (full sha), or null when the tags name none. */
  commit: string | null
  /** `sha256:<hex>` from the lineage of the version's promotion, when it named a well-formed one. */
  model_digest: string | null
  /** Where to fetch the model, from the same lineage, when it named a well-formed URI. */
  model_uri: string | null
  /** Traffic weight in percent during a canary or shadow rollout; null otherwise. */
  weight: number | null
  /** When the version entered the stage (for `archived`: when it left its last stage). */
  since: string | null
  /** The tag that put it there (for `archived`: the tag that took it out). */
  tag: string
  /** Whether that assignment carries a modelgate promotion record for this version and stage. */
  verified: boolean
}

/** A version in the `archived` pseudo-stage: the stage it left last. */
export interface ArchivedVersion extends ServedVersion {
  from_stage: string
}

export interface StageVersions {
  stage: string
  versions: ServedVersion[]
}

export interface ResolveOptions {
  /** Answer as of this moment, from the tags whose tagger date is not after it. */
  at?: Date
  /** Only assignments that carry a modelgate record count (see RegistryEvent.verified). */
  verifiedOnly?: boolean
}

const COMMIT_SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/

/**
 * Versions come from registration tag names (checked by GTO's regex) or, for a commit nobody
 * registered, from a record someone wrote: only a canonical `v<semver>` is served, so nothing
 * else reaches a deploy job's outputs.
 */
function servable(version: string): boolean {
  return version.length <= 256 && isVersion(version) && normalizeVersion(version) === version
}

/**
 * Whether an assignment is backed by a modelgate record: the tag message holds a valid promotion
 * (or rollback) record that names this model, version and stage and says promote. GTO's own tags,
 * and tags someone wrote by hand, carry none.
 */
export function isVerifiedAssignment(
  event: RegistryEvent,
  model: string,
  version: string,
  stage: string
): boolean {
  const record = event.record
  return (
    (event.kind === 'assignment' || event.kind === 'rollback') &&
    event.verified &&
    record !== null &&
    record.decision === 'promote' &&
    record.model === model &&
    record.version === version &&
    record.to_stage === stage
  )
}

/** The lineage a version's promotion named, each field only when well-formed (they reach outputs). */
function modelLineage(
  events: readonly RegistryEvent[],
  model: string,
  version: string,
  assignmentTag: string
): { model_digest: string | null; model_uri: string | null } {
  // The promotion that put the version in this stage first; else the newest earlier promotion of
  // the version that named one (lineage gates usually sit on the way into staging, and a rollback
  // record carries monitoring, not lineage).
  const promotions = events.filter(
    (e) =>
      e.kind === 'assignment' &&
      e.record?.decision === 'promote' &&
      e.record.model === model &&
      e.record.version === version &&
      (e.record.artifacts.model_digest !== undefined || e.record.artifacts.model_uri !== undefined)
  )
  const own = promotions.find((e) => e.tag === assignmentTag)
  const artifacts = (own ?? promotions.at(-1))?.record?.artifacts ?? {}
  const digest = artifacts.model_digest
  const uri = artifacts.model_uri
  return {
    model_digest: digest !== undefined && LINEAGE_RULES.model_digest.test(digest) ? digest : null,
    model_uri: uri !== undefined && modelUriProblem(uri) === null ? uri : null
  }
}

/**
 * The events of one version's commit, oldest first. Counted tags keep their relative order in any
 * subset, so reading only these records answers as the whole history would, without parsing every
 * other version's records.
 */
function versionEvents(tags: readonly RawTag[], model: string, commit: string | null): RegistryEvent[] {
  if (commit === null) return []
  return buildHistory(
    tags.filter((tag) => tag.commit === commit),
    model
  )
}

function describeOccupant(
  tags: readonly RawTag[],
  model: string,
  stage: string,
  occupant: StageOccupant,
  registered: ReadonlyMap<string, { commit: string }>
): ServedVersion {
  const assignment = tags.find((tag) => tag.name === occupant.tag)
  const commit = registered.get(occupant.version)?.commit ?? assignment?.commit ?? null
  const events = versionEvents(tags, model, commit)
  const own = events.find((e) => e.tag === occupant.tag)
  return {
    version: occupant.version,
    commit: commit !== null && COMMIT_SHA.test(commit) ? commit : null,
    ...modelLineage(events, model, occupant.version, occupant.tag),
    weight: occupant.weight,
    since: occupant.since,
    tag: occupant.tag,
    verified: own !== undefined && isVerifiedAssignment(own, model, occupant.version, stage)
  }
}

/** Stages that appear in the model's assignment or unassignment tags, in order of first use. */
export function stagesOf(tags: readonly RawTag[], model: string): string[] {
  // Counters order the registry (they are claimed in write order; tagger dates can be skewed).
  const firstUse = new Map<string, bigint>()
  for (const tag of tags) {
    const parsed = parseTagName(tag.name)
    if (!parsed || parsed.model !== model || !tag.tagger) continue
    if (parsed.kind !== 'assign' && parsed.kind !== 'unassign') continue
    const counter = BigInt(parsed.counter ?? 0)
    const seen = firstUse.get(parsed.stage)
    if (seen === undefined || counter < seen) firstUse.set(parsed.stage, counter)
  }
  return [...firstUse.entries()].sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([stage]) => stage)
}

/**
 * The version(s) in a stage with everything a deploy job needs (commit, digest, URI, weight,
 * verified), latest first. `stage` may be `archived`: versions once assigned and in no stage now.
 */
export function resolveServedStage(
  tags: readonly RawTag[],
  model: string,
  stage: string,
  options: ResolveOptions = {}
): ServedVersion[] {
  const visible = options.at ? tagsAsOf(tags, options.at) : tags
  if (stage === ARCHIVED_STAGE) return archivedVersions(visible, model)
  const registered = registeredVersions(visible, model)
  return resolveStage(visible, model, stage, { verifiedOnly: options.verifiedOnly ?? false })
    .filter((occupant) => servable(occupant.version))
    .map((occupant) => describeOccupant(visible, model, stage, occupant, registered))
}

/** Every stage the model has used, each with its version(s); a stage emptied since lists none. */
export function resolveAllStages(
  tags: readonly RawTag[],
  model: string,
  options: ResolveOptions = {}
): StageVersions[] {
  const visible = options.at ? tagsAsOf(tags, options.at) : tags
  const registered = registeredVersions(visible, model)
  return stagesOf(visible, model).map((stage) => ({
    stage,
    versions: resolveStage(visible, model, stage, { verifiedOnly: options.verifiedOnly ?? false })
      .filter((occupant) => servable(occupant.version))
      .map((occupant) => describeOccupant(visible, model, stage, occupant, registered))
  }))
}

/**
 * Versions that were assigned to a stage once and are in none now, most recently archived first.
 * Archiving is "no longer active", never deletion: such a version can be promoted again, and the
 * promotion is recorded as a restore (`from_stage: "archived"`).
 */
export function archivedVersions(
  tags: readonly RawTag[],
  model: string,
  options: ResolveOptions = {}
): ArchivedVersion[] {
  const visible = options.at ? tagsAsOf(tags, options.at) : tags
  const stages = stagesOf(visible, model)
  if (stages.includes(ARCHIVED_STAGE)) {
    throw new RegistryError(
      `${model} has tags in a stage literally named "${ARCHIVED_STAGE}" (${model}#${ARCHIVED_STAGE}#N), which modelgate reserves for versions in no stage; list them with history`
    )
  }
  const active = new Set(stages.flatMap((stage) => resolveStage(visible, model, stage).map((o) => o.version)))
  const history = buildHistory(
    visible.filter((tag) => parseTagName(tag.name)?.kind !== 'blocked'),
    model
  )
  // Per version: its last assignment, then the first event after it that took it out of that
  // stage (its unassignment, or a completed promotion of another version into the stage).
  const lastAssignment = new Map<string, number>()
  history.forEach((event, i) => {
    if ((event.kind === 'assignment' || event.kind === 'rollback') && event.version !== null)
      lastAssignment.set(event.version, i)
  })
  const registered = registeredVersions(visible, model)
  const archived: Array<ArchivedVersion & { order: number }> = []
  for (const [version, index] of lastAssignment) {
    if (active.has(version) || !servable(version)) continue
    const assignment = history[index]!
    const stage = assignment.stage!
    const after = (e: RegistryEvent, i: number): boolean => i > index && e.stage === stage
    let leftAt = history.findIndex((e, i) => after(e, i) && e.kind === 'archival' && e.version === version)
    // No unassignment tag (a crash cut it off): the next assignment of another version replaced it.
    if (leftAt < 0)
      leftAt = history.findIndex(
        (e, i) => after(e, i) && (e.kind === 'assignment' || e.kind === 'rollback') && e.version !== version
      )
    const left = leftAt >= 0 ? history[leftAt]! : null
    const commit = registered.get(version)?.commit ?? assignment.commit
    const events = versionEvents(visible, model, commit)
    archived.push({
      version,
      commit: COMMIT_SHA.test(commit) ? commit : null,
      ...modelLineage(events, model, version, assignment.tag),
      weight: null,
      since: left?.at ?? null,
      tag: left?.tag ?? assignment.tag,
      verified: isVerifiedAssignment(assignment, model, version, stage),
      from_stage: stage,
      order: leftAt >= 0 ? leftAt : index
    })
  }
  return archived.sort((a, b) => b.order - a.order).map(({ order: _order, ...version }) => version)
}

/**
 * Whether a version is archived: assigned to some stage once and in none now. Cheaper than
 * `archivedVersions` and never throws (a stage literally named "archived" counts as a stage).
 */
export function isArchivedVersion(tags: readonly RawTag[], model: string, version: string): boolean {
  const inAStage = stagesOf(tags, model).some((stage) =>
    resolveStage(tags, model, stage).some((occupant) => occupant.version === version)
  )
  if (inAStage) return false
  const assignmentsAndRegistrations = tags.filter((tag) => {
    const kind = parseTagName(tag.name)?.kind
    return kind === 'assign' || kind === 'register'
  })
  return buildHistory(assignmentsAndRegistrations, model).some(
    (event) => (event.kind === 'assignment' || event.kind === 'rollback') && event.version === version
  )
}
