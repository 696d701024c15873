import { afterEach, beforeEach, expect } from '@jest/globals'
import { recordFromTagMessage } from '../../src/records/record.js'
import type { PromotionRecord } from '../../src/records/types.js'
import { buildHistory, resolveStage } from '../../src/registry/state.js'
import type { RawTag } from '../../src/registry/types.js'
import { MODEL, POLICY, stagingArtifacts } from '../e2e/fixtures.js'
import { GitHubSimulator } from '../simulator/server.js'
import { TIMEOUT_MS } from './fault-matrix.js'
import { InProcessRunner } from './in-process-action.js'

/**
 * One repository in the middle of its life, for the fault matrix: v1 in prod, v2 registered and
 * in staging, a workflow run (RUN) with v2's staging evidence as artifacts, its unit tests green
 * and both prod environments approved. The promote under test moves v2 to prod, which writes an
 * assignment with its record, archives v1, publishes the record as a release and sets a status.
 */

export const RUN = 300
/** Who starts the run; the tagger of every tag it writes. */
export const ACTOR = 'carol'
export const V1 = 'v1.0.0'
export const V2 = 'v2.0.0'

/** The e2e policy with a `checks` gate on prod too, so the promote reads checks and statuses. */
export const MATRIX_POLICY = POLICY.replace(
  '      - { id: latency-p95,',
  '      - { id: tests, checks: [unit-tests] }\n      - { id: latency-p95,'
)

export const promoteInputs = {
  command: 'promote',
  policy: '.github/modelgate.yml',
  model: MODEL,
  version: '2',
  to: 'prod'
}

export interface World {
  commits: { v1: string; v2: string }
  /** Tag names present before the promote. */
  seeded: Set<string>
}

export function seedWorld(sim: GitHubSimulator): World {
  const v1 = sim.state.addCommit('train v1')
  const v2 = sim.state.addCommit('train v2')
  // An hour ago: the registry never needs to wait for GTO's one-second ordering.
  const at = (second: number): string => new Date(Date.now() - 3_600_000 + second * 1000).toISOString()
  sim.state.seedTag(`${MODEL}@${V1}`, v1, `Registering ${MODEL} ${V1}`, at(0))
  sim.state.seedTag(`${MODEL}#staging#1`, v1, `Assigning staging to ${V1}`, at(1))
  sim.state.seedTag(`${MODEL}#prod#2`, v1, `Assigning prod to ${V1}`, at(2))
  sim.state.seedTag(`${MODEL}@${V2}`, v2, `Registering ${MODEL} ${V2}`, at(3))
  sim.state.seedTag(`${MODEL}#staging#3`, v2, `Assigning staging to ${V2}`, at(4))
  sim.state.addEnvironment('prod-owner', { reviewers: ['alice'], canAdminsBypass: false })
  sim.state.addEnvironment('prod-reviewer', { reviewers: ['bob'], canAdminsBypass: false })
  stagingArtifacts(sim, RUN, v2, { latency: 58, errors: 0.001, psi: 0.04 })
  sim.state.addCheckRun(v2, 'unit-tests', 'success')
  sim.state.addReview(RUN, { state: 'approved', user: 'alice', environments: ['prod-owner'], comment: 'ok' })
  sim.state.addReview(RUN, { state: 'approved', user: 'bob', environments: ['prod-reviewer'], comment: 'ok' })
  return { commits: { v1, v2 }, seeded: new Set(sim.state.tagNames()) }
}

export interface FaultRig {
  sim: GitHubSimulator
  runner: InProcessRunner
  world: World
}

/**
 * A fresh simulator, seeded world and in-process runner (fast retries, TIMEOUT_MS per attempt)
 * for each test; the simulator must have seen no problem when the test ends.
 */
export function useFaultRig(): FaultRig {
  const rig = {} as FaultRig
  beforeEach(async () => {
    rig.sim = new GitHubSimulator({ repository: 'acme/models' })
    await rig.sim.start()
    rig.runner = new InProcessRunner(rig.sim, { pacing: false, delayUnitMs: 1, timeoutMs: TIMEOUT_MS })
    rig.runner.write('.github/modelgate.yml', MATRIX_POLICY)
    rig.sim.state.putFile('.github/modelgate.yml', MATRIX_POLICY)
    rig.world = seedWorld(rig.sim)
  })
  afterEach(async () => {
    expect(rig.sim.problems).toEqual([])
    await rig.sim.stop()
    rig.runner.cleanup()
  })
  return rig
}

export function registryTags(sim: GitHubSimulator): RawTag[] {
  return sim.state
    .tagNames()
    .filter((name) => name.startsWith(MODEL))
    .map((name) => {
      const tag = sim.state.tag(name)!
      return { name, commit: tag.commit, message: tag.message, tagger: tag.tagger }
    })
}

/**
 * What must hold after ANY attempt, failed or not: every tag this run wrote is readable and an
 * assignment carries its record (no pointer moved without it); v2 is assigned to prod at most
 * once; no release is published without its record, and no tag has two releases.
 */
export function consistencyProblems(sim: GitHubSimulator, world: World): string[] {
  const problems: string[] = []
  const tags = registryTags(sim)
  // Tags this run wrote (a competing job's, seeded by a fault, are not ours to judge).
  const fresh = tags.filter((tag) => !world.seeded.has(tag.name) && tag.tagger?.name === ACTOR)
  for (const tag of fresh) {
    if (/#prod#\d+$/.test(tag.name) || tag.name.includes('@blocked#')) {
      const record = recordOf(tag)
      if (!record) problems.push(`${tag.name} carries no readable promotion record`)
    }
  }
  const assignments = fresh.filter((tag) => /#prod#\d+$/.test(tag.name) && recordOf(tag)?.version === V2)
  if (assignments.length > 1)
    problems.push(
      `v2 assigned to prod ${assignments.length} times: ${assignments.map((t) => t.name).join(', ')}`
    )
  try {
    buildHistory(tags, MODEL)
    resolveStage(tags, MODEL, 'prod')
  } catch (error) {
    problems.push(`the registry no longer reads: ${(error as Error).message}`)
  }
  const byTag = new Map<string, number>()
  for (const release of sim.state.releases) {
    byTag.set(release.tagName, (byTag.get(release.tagName) ?? 0) + 1)
    if (!release.draft && !release.assets.some((asset) => asset.name === 'promotion-record.json'))
      problems.push(`release ${release.tagName} is published without its record`)
  }
  for (const [tag, count] of byTag) if (count > 1) problems.push(`${count} releases for ${tag}`)
  return problems
}

/**
 * What must hold once the promotion is done: prod is v2 through exactly one assignment written by
 * RUN, v1 archived once, one published release for that tag holding exactly the tag's record, no
 * draft anywhere, and one success status linking to the release.
 */
export function completionProblems(sim: GitHubSimulator, world: World): string[] {
  const problems = consistencyProblems(sim, world)
  const tags = registryTags(sim)
  const fresh = tags.filter((tag) => !world.seeded.has(tag.name))
  const ours = new Set(fresh.filter((tag) => tag.tagger?.name === ACTOR).map((tag) => tag.name))
  const events = buildHistory(tags, MODEL).filter((event) => ours.has(event.tag))
  const assignments = events.filter((event) => event.kind === 'assignment')
  if (assignments.length !== 1 || assignments[0]!.version !== V2)
    return [
      ...problems,
      `expected one assignment of v2, found ${assignments.map((e) => e.tag).join(', ') || 'none'}`
    ]
  const assignment = fresh.find((tag) => tag.name === assignments[0]!.tag)!
  const record = recordOf(assignment)!
  if (record.decision !== 'promote' || record.run.run_id !== String(RUN))
    problems.push(`${assignment.name} records ${record.decision} by run ${record.run.run_id}`)
  const prod = resolveStage(tags, MODEL, 'prod')
  if (prod[0]?.version !== V2) problems.push(`prod resolves to ${prod[0]?.version ?? 'nothing'}`)
  // Every version v2 replaced is archived exactly once; nothing else was written.
  const archived = events.filter((event) => event.kind === 'archival').map((event) => event.version)
  if (new Set(archived).size !== archived.length || !archived.includes(V1))
    problems.push(`archived: ${archived.join(', ') || 'nothing'}`)
  const other = events.filter((event) => event.kind !== 'assignment' && event.kind !== 'archival')
  if (other.length > 0) problems.push(`unexpected writes: ${other.map((e) => e.tag).join(', ')}`)
  const blocked = fresh.filter((tag) => tag.name.includes('@blocked#'))
  if (blocked.length > 0) problems.push(`blocked attempts left: ${blocked.map((t) => t.name).join(', ')}`)
  const releases = sim.state.releasesByTag(assignment.name)
  const release = releases[0]
  if (releases.length !== 1 || !release) problems.push(`${releases.length} releases for ${assignment.name}`)
  else {
    if (release.draft) problems.push(`the release of ${assignment.name} is still a draft`)
    if (release.assets.length !== 1) problems.push(`the release holds ${release.assets.length} assets`)
    const asset = release.assets.find((a) => a.name === 'promotion-record.json')
    if (!asset || JSON.stringify(JSON.parse(asset.bytes.toString('utf8'))) !== JSON.stringify(record))
      problems.push('the release asset is not the record of the tag')
  }
  const drafts = sim.state.releases.filter((r) => r.draft)
  if (drafts.length > 0) problems.push(`${drafts.length} draft releases left behind`)
  const statuses = sim.state.statuses.filter(
    (s) => s.sha === world.commits.v2 && s.context === `modelgate/${MODEL}/prod`
  )
  if (statuses.length !== 1) problems.push(`${statuses.length} prod statuses on v2's commit`)
  else if (statuses[0]!.state !== 'success' || !statuses[0]!.targetUrl?.includes('/releases/tag/'))
    problems.push(`the status is ${statuses[0]!.state} → ${statuses[0]!.targetUrl ?? 'nowhere'}`)
  return problems
}

function recordOf(tag: RawTag): PromotionRecord | undefined {
  return recordFromTagMessage(tag.message) ?? undefined
}
