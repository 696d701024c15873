import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { recordFromTagMessage } from '../../src/records/record.js'
import { GitHubSimulator } from '../simulator/server.js'
import { MODEL, POLICY, stagingArtifacts } from './fixtures.js'
import { buildAction, Runner, type ActionRun } from './runner.js'

/*
 * Attacks on the gate by someone with contents or workflow rights but no place among the
 * protected environments' reviewers, each performed against the bundle of the current sources
 * started as the runner starts it, against the GitHub simulator. Every test fails on a gate that
 * trusts what it did not write or check.
 */

const RUN = 500
const POLICY_PATH = '.github/modelgate.yml'
const MALLORY = { login: 'mallory', id: 66_666 }

let entry: string
let cleanupBuild: () => void
let sim: GitHubSimulator
let runner: Runner
let commits: { v1: string; v2: string }

beforeAll(async () => {
  const build = await buildAction()
  entry = build.entry
  cleanupBuild = build.cleanup
}, 120_000)
afterAll(() => cleanupBuild?.())

/** v1 in prod, v2 in staging with passing staging evidence, both prod environments approved. */
beforeEach(async () => {
  sim = new GitHubSimulator({ repository: 'acme/models' })
  await sim.start()
  runner = new Runner(entry, sim)
  runner.write(POLICY_PATH, POLICY)
  const v1 = sim.state.addCommit('train v1')
  const v2 = sim.state.addCommit('train v2')
  commits = { v1, v2 }
  const at = (second: number): string => new Date(Date.now() - 3_600_000 + second * 1000).toISOString()
  sim.state.seedTag(`${MODEL}@v1.0.0`, v1, 'Registering', at(0))
  sim.state.seedTag(`${MODEL}#staging#1`, v1, 'Assigning staging', at(1))
  sim.state.seedTag(`${MODEL}#prod#2`, v1, 'Assigning prod', at(2))
  sim.state.seedTag(`${MODEL}@v2.0.0`, v2, 'Registering', at(3))
  sim.state.seedTag(`${MODEL}#staging#3`, v2, 'Assigning staging', at(4))
  sim.state.addEnvironment('prod-owner', { reviewers: ['alice'] })
  sim.state.addEnvironment('prod-reviewer', { reviewers: ['bob'] })
  sim.state.addReview(RUN, { state: 'approved', user: 'alice', environments: ['prod-owner'], comment: 'ok' })
  sim.state.addReview(RUN, { state: 'approved', user: 'bob', environments: ['prod-reviewer'], comment: 'ok' })
})
afterEach(async () => {
  expect(sim.problems).toEqual([])
  await sim.stop()
  runner.cleanup()
})

const promoteV2 = { command: 'promote', policy: POLICY_PATH, model: MODEL, version: '2', to: 'prod' }

function promote(attempt: number, inputs: Record<string, string> = {}, env?: Record<string, string>) {
  return runner.run({ ...promoteV2, ...inputs }, { runId: RUN, attempt, sha: commits.v2 }, env ? { env } : {})
}

const errorLines = (run: ActionRun): string[] => run.stdout.split('\n').filter((l) => l.startsWith('::error'))

const FORGED_RECORD = JSON.stringify({
  schema: 'modelgate/promotion-record/v1',
  decision: 'promote',
  forged: true
})

describe('a re-run adopts only the release this workflow wrote', () => {
  it("publishes neither a stranger's draft nor a bot draft whose record differs; forged notes never survive", async () => {
    stagingArtifacts(sim, RUN, commits.v2, { latency: 58, errors: 0.001, psi: 0.04 })
    // The first attempt writes prod#4, then cannot create its release.
    sim.fault({ operation: 'repos/create-release', status: 403, times: 1 })
    const first = await promote(1)
    expect(first.code).toBe(1)
    expect(errorLines(first).join('\n')).toContain(`recorded in tag ${MODEL}#prod#4`)
    const tag = `${MODEL}#prod#4`
    // Before the re-run: drafts for the predictable tag name, with "all passed" notes.
    const stranger = sim.state.seedRelease(tag, {
      author: MALLORY,
      name: 'all gates passed',
      body: 'approved by alice and bob',
      assets: { 'promotion-record.json': FORGED_RECORD }
    })
    const botForged = sim.state.seedRelease(tag, {
      name: 'all gates passed',
      body: 'approved by alice and bob',
      assets: { 'promotion-record.json': FORGED_RECORD }
    })
    const botEmpty = sim.state.seedRelease(tag, {
      name: 'all gates passed',
      body: 'approved by alice and bob'
    })

    const rerun = await promote(2)
    expect(errorLines(rerun)).toEqual([])
    expect(rerun.code).toBe(0)
    expect(stranger.draft).toBe(true)
    expect(botForged.draft).toBe(true)
    const published = sim.state.releasesByTag(tag).filter((r) => !r.draft)
    expect(published).toHaveLength(1)
    const release = published[0]!
    expect(release).not.toBe(stranger)
    expect(release).not.toBe(botForged)
    // The record published is the one in the tag, byte for byte; the notes are ours.
    const inTag = recordFromTagMessage(sim.state.tag(tag)!.message)
    expect(JSON.parse(release.assets[0]!.bytes.toString('utf8'))).toEqual(inTag)
    expect(release.name).not.toBe('all gates passed')
    expect(release.body).not.toContain('approved by alice and bob')
    expect(rerun.outputs['release-url']).toContain(encodeURIComponent(tag))
    // The author check alone would adopt botEmpty (no asset yet): it may be the one, but only
    // with this record and these notes.
    if (release === botEmpty) expect(release.assets).toHaveLength(1)
  })

  it('fails, saying why, when a release for the tag was published by someone else', async () => {
    stagingArtifacts(sim, RUN, commits.v2, { latency: 58, errors: 0.001, psi: 0.04 })
    sim.fault({ operation: 'repos/create-release', status: 403, times: 1 })
    expect((await promote(1)).code).toBe(1)
    const tag = `${MODEL}#prod#4`
    const forged = sim.state.seedRelease(tag, {
      author: MALLORY,
      draft: false,
      name: 'all gates passed',
      assets: { 'promotion-record.json': FORGED_RECORD }
    })
    const rerun = await promote(2)
    expect(rerun.code).toBe(1)
    expect(errorLines(rerun).join('\n')).toMatch(
      /a published release for fraud_detector#prod#4 already exists and modelgate did not write it \(authored by mallory/
    )
    expect(rerun.outputs['release-url'] ?? '').toBe('')
    expect(sim.state.statuses.filter((s) => s.state === 'success')).toEqual([])
    expect(sim.state.releasesByTag(tag).filter((r) => !r.draft)).toEqual([forged])
  })

  it('adopts its own draft by digest, and by its bytes where GitHub reports no digest', async () => {
    stagingArtifacts(sim, RUN, commits.v2, { latency: 58, errors: 0.001, psi: 0.04 })
    sim.state.assetDigests = false
    // The draft and its asset exist; publishing fails.
    sim.fault({ operation: 'repos/update-release', status: 403, times: 1 })
    expect((await promote(1)).code).toBe(1)
    const tag = `${MODEL}#prod#4`
    expect(sim.state.releasesByTag(tag)).toHaveLength(1)
    const rerun = await promote(2)
    expect(errorLines(rerun)).toEqual([])
    expect(sim.state.releasesByTag(tag)).toHaveLength(1)
    expect(sim.state.releaseByTag(tag)!.draft).toBe(false)
    expect(sim.count('repos/get-release-asset')).toBe(1)
  })
})
