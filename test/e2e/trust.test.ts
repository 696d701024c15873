import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { recordAssetBytes } from '../../src/github/releases.js'
import { recordFromTagMessage, recordToTagMessage } from '../../src/records/record.js'
import type { PromotionRecord } from '../../src/records/types.js'
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
let sim: GitHubSimulator
let runner: Runner
let commits: { v1: string; v2: string }

beforeAll(async () => {
  entry = (await buildAction()).entry
}, 120_000)

/** v1 in prod, v2 in staging with passing staging evidence, both prod environments approved. */
beforeEach(async () => {
  sim = new GitHubSimulator({ repository: 'acme/models' })
  await sim.start()
  runner = new Runner(entry, sim)
  runner.write(POLICY_PATH, POLICY)
  sim.state.putFile(POLICY_PATH, POLICY)
  const v1 = sim.state.addCommit('train v1')
  const v2 = sim.state.addCommit('train v2')
  commits = { v1, v2 }
  const at = (second: number): string => new Date(Date.now() - 3_600_000 + second * 1000).toISOString()
  sim.state.seedTag(`${MODEL}@v1.0.0`, v1, 'Registering', at(0))
  sim.state.seedTag(`${MODEL}#staging#1`, v1, 'Assigning staging', at(1))
  sim.state.seedTag(`${MODEL}#prod#2`, v1, 'Assigning prod', at(2))
  sim.state.seedTag(`${MODEL}@v2.0.0`, v2, 'Registering', at(3))
  sim.state.seedTag(`${MODEL}#staging#3`, v2, 'Assigning staging', at(4))
  sim.state.addEnvironment('prod-owner', { reviewers: ['alice'], canAdminsBypass: false })
  sim.state.addEnvironment('prod-reviewer', { reviewers: ['bob'], canAdminsBypass: false })
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
  /*
   * One foreign draft per world, so it is the newest release of the tag: a gate that adopted the
   * first release listed (GitHub lists the newest first) would publish it.
   */
  const FOREIGN_DRAFTS: Array<
    [string, (genuine: string) => Parameters<GitHubSimulator['state']['seedRelease']>[1]]
  > = [
    [
      "a stranger's draft with a forged record",
      () => ({ author: MALLORY, assets: { 'promotion-record.json': FORGED_RECORD } })
    ],
    // The genuine record is public in the tag: a copy of it, byte for byte, proves no authorship.
    [
      "a stranger's draft with a copy of the genuine record",
      (genuine) => ({ author: MALLORY, assets: { 'promotion-record.json': genuine } })
    ],
    [
      'a draft by another workflow (github-actions[bot]) with a forged record',
      () => ({ assets: { 'promotion-record.json': FORGED_RECORD } })
    ],
    [
      'a draft by another workflow with the genuine record and a file modelgate never attaches',
      (genuine) => ({ assets: { 'promotion-record.json': genuine, 'sign-off.pdf': 'approved by the board' } })
    ]
  ]

  it.each(FOREIGN_DRAFTS)('never publishes %s; forged notes never survive', async (_, draft) => {
    stagingArtifacts(sim, RUN, commits.v2, { latency: 58, errors: 0.001, psi: 0.04 })
    // The first attempt writes prod#4, then cannot create its release.
    sim.fault({ operation: 'repos/create-release', status: 403, times: 1 })
    const first = await promote(1)
    expect(first.code).toBe(1)
    const tag = `${MODEL}#prod#4`
    expect(errorLines(first).join('\n')).toContain(`recorded in tag ${tag}`)
    const genuine = recordAssetBytes(recordFromTagMessage(sim.state.tag(tag)!.message)!)
    // Before the re-run: a draft for the predictable tag name, with "all passed" notes.
    const foreign = sim.state.seedRelease(tag, {
      name: 'all gates passed',
      body: 'approved by alice and bob',
      ...draft(genuine)
    })

    const rerun = await promote(2)
    expect(errorLines(rerun)).toEqual([])
    expect(rerun.code).toBe(0)
    expect(foreign.draft).toBe(true)
    const published = sim.state.releasesByTag(tag).filter((r) => !r.draft)
    expect(published).toHaveLength(1)
    const release = published[0]!
    // The record published is the one in the tag, byte for byte, alone; the notes are ours.
    expect(release.assets.map((asset) => asset.name)).toEqual(['promotion-record.json'])
    expect(release.assets[0]!.bytes.toString('utf8')).toBe(genuine)
    expect(release.name).not.toBe('all gates passed')
    expect(release.body).not.toContain('approved by alice and bob')
    expect(rerun.outputs['release-url']).toContain(encodeURIComponent(tag))
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

/** A record as an attacker writes it into a tag: this run, decision promote, gates "passed". */
function forgedRecord(overrides: Partial<PromotionRecord> = {}): PromotionRecord {
  return {
    schema: 'modelgate/promotion-record/v1',
    event: 'promotion',
    model: MODEL,
    version: 'v2.0.0',
    from_stage: 'staging',
    to_stage: 'prod',
    decision: 'promote',
    gates: [],
    approvals: [
      { user: 'alice', environment: 'prod-owner', comment: 'ok' },
      { user: 'bob', environment: 'prod-reviewer', comment: 'ok' }
    ],
    approvals_summary: { required: 2, received: 2, status: 'pass' },
    rollout: null,
    rollback_to: 'v1.0.0',
    baseline: { version: 'v1.0.0', stage: 'prod' },
    evidence: [],
    artifacts: {},
    policy: null,
    run: { repository: 'acme/models', run_id: String(RUN), attempt: '1', actor: 'carol' },
    reasons: [],
    created_at: new Date().toISOString(),
    ...overrides
  }
}

describe("a tag claiming this run is checked against this attempt's own decision", () => {
  it('fails, naming the tag, when a pushed tag says promote while the evidence fails', async () => {
    // Latency 95 > max 80: the gate must block.
    stagingArtifacts(sim, RUN, commits.v2, { latency: 95, errors: 0.001, psi: 0.04 })
    // While the run waits for approval, someone pushes the next assignment tag claiming this run.
    sim.state.seedTag(`${MODEL}#prod#4`, commits.v2, recordToTagMessage(forgedRecord()))
    const run = await promote(1)
    expect(run.code).toBe(1)
    const errors = errorLines(run).join('\n')
    expect(errors).toContain(`tag ${MODEL}#prod#4 claims to be this workflow run's (run ${RUN})`)
    expect(errors).toContain('decision: tag says "promote", this attempt "block"')
    expect(run.stdout).not.toContain('PROMOTE')
    expect(run.outputs.decision ?? '').not.toBe('promote')
    expect(sim.state.releases).toEqual([])
    expect(sim.state.statuses.filter((s) => s.state === 'success')).toEqual([])
  })

  it('fails when the tag agrees on the decision but not on the evidence it decided on', async () => {
    stagingArtifacts(sim, RUN, commits.v2, { latency: 58, errors: 0.001, psi: 0.04 })
    const forged = forgedRecord({
      evidence: [{ name: 'online', source: 'artifact:staging-slo/summary.json', sha256: '0'.repeat(64) }]
    })
    sim.state.seedTag(`${MODEL}#prod#4`, commits.v2, recordToTagMessage(forged))
    const run = await promote(2)
    expect(run.code).toBe(1)
    expect(errorLines(run).join('\n')).toMatch(/evidence "online" sha256: tag says "0{64}"/)
    expect(sim.state.releases).toEqual([])
    expect(sim.state.statuses).toEqual([])
  })

  it('fails when the tag agrees on decision and digests but invents an approver or a gate result, or is not of this attempt or repository', async () => {
    // Everything the decision rests on is readable while the run waits (artifacts, the policy at
    // main, the review history), so a forger can match every digest; what a resumed attempt
    // publishes and signs is the tag's record, so its approvals and gates must be this attempt's.
    stagingArtifacts(sim, RUN, commits.v2, { latency: 58, errors: 0.001, psi: 0.04 })
    sim.fault({ operation: 'repos/create-release', status: 403, times: 1 })
    expect((await promote(1)).code).toBe(1)
    const tag = `${MODEL}#prod#4`
    const genuine = recordFromTagMessage(sim.state.tag(tag)!.message)!
    const forgeries: Array<[PromotionRecord, RegExp]> = [
      [
        {
          ...genuine,
          approvals: [...genuine.approvals, { user: 'ceo', environment: 'prod-owner', comment: 'ship it' }]
        },
        /approval: tag says "ceo" approved in "prod-owner", this attempt does not count it/
      ],
      [
        { ...genuine, gates: genuine.gates.filter((gate) => gate.id !== genuine.gates[0]!.id) },
        new RegExp(`gate "${genuine.gates[0]!.id}" status: tag says null, this attempt "pass"`)
      ],
      // An attempt the run has not reached, or another repository's run with this id.
      [
        { ...genuine, run: { ...genuine.run, attempt: '9' } },
        /run attempt: tag says "9", not an attempt up to this one \(2\)/
      ],
      [
        { ...genuine, run: { ...genuine.run, repository: 'evil/models' } },
        /run repository: tag says "evil\/models", this attempt "acme\/models"/
      ]
    ]
    for (const [forged, why] of forgeries) {
      // The forger replaces the tag before the re-run (or pushed it before the first attempt).
      sim.state.seedTag(tag, commits.v2, recordToTagMessage(forged))
      const rerun = await promote(2)
      expect(rerun.code).toBe(1)
      const errors = errorLines(rerun).join('\n')
      expect(errors).toContain(`tag ${tag} claims to be this workflow run's (run ${RUN})`)
      expect(errors).toMatch(why)
      expect(sim.state.releases).toEqual([])
      expect(sim.state.statuses.filter((s) => s.state === 'success')).toEqual([])
    }
    // The genuine record completes: the check compares decisions, not run details.
    sim.state.seedTag(tag, commits.v2, recordToTagMessage(genuine))
    const rerun = await promote(3)
    expect(errorLines(rerun)).toEqual([])
    expect(sim.state.releaseByTag(tag)!.draft).toBe(false)
  }, 180_000)
})

describe('the environments prove the promotion was guarded', () => {
  const passing = (): void =>
    stagingArtifacts(sim, RUN, commits.v2, { latency: 58, errors: 0.001, psi: 0.04 })
  const written = (): string[] => sim.state.tagNames().filter((t) => t.startsWith(`${MODEL}#prod#`))

  it("counts no approval from someone who is not among the environment's reviewers", async () => {
    passing()
    sim.state.reviews.set(RUN, [
      { state: 'approved', user: 'alice', environments: ['prod-owner'], comment: 'ok' },
      // An administrator bypassing prod-reviewer's rules, or anyone GitHub let approve.
      { state: 'approved', user: 'mallory', environments: ['prod-reviewer'], comment: 'lgtm' }
    ])
    sim.state.addEnvironment('prod-reviewer', { reviewers: ['bob'], canAdminsBypass: true })
    const run = await promote(1, { 'admin-bypass': 'warn' })
    expect(run.code).toBe(1)
    expect(run.outputs.decision).toBe('block')
    expect(run.stdout).toContain(
      '::warning::modelgate: administrators may bypass the protection rules of environment "prod-reviewer"'
    )
    expect(run.summary).toContain('1 of 2 required')
    expect(run.summary).toMatch(/mallory.*not a required reviewer of environment prod-reviewer/)
    expect(written()).toEqual([`${MODEL}#prod#2`])
  })

  it("refuses environments whose rules administrators may bypass (GitHub's default), writing nothing", async () => {
    passing()
    sim.state.addEnvironment('prod-owner', { reviewers: ['alice'] })
    const run = await promote(1)
    expect(run.code).toBe(1)
    expect(errorLines(run).join('\n')).toContain(
      'administrators may bypass the protection rules of environment "prod-owner", so a job can run there without its reviewers: untick "Allow administrators to bypass configured protection rules"'
    )
    expect(written()).toEqual([`${MODEL}#prod#2`])
    expect(sim.state.releases).toEqual([])
  })

  it("refuses a run whose ref the environment's deployment branch rules do not admit", async () => {
    passing()
    sim.state.addEnvironment('prod-owner', {
      reviewers: ['alice'],
      canAdminsBypass: false,
      deploymentBranches: [{ name: 'main' }, { name: 'release/*' }]
    })
    sim.state.addEnvironment('prod-reviewer', {
      reviewers: ['bob'],
      canAdminsBypass: false,
      deploymentBranches: 'protected'
    })
    sim.state.protectedBranches.add('main')
    const feature = await runner.run(promoteV2, { runId: RUN, sha: commits.v2, ref: 'refs/heads/feature/x' })
    expect(feature.code).toBe(1)
    const errors = errorLines(feature).join('\n')
    expect(errors).toContain('environment "prod-owner" does not admit ref refs/heads/feature/x')
    expect(errors).toContain(
      'environment "prod-reviewer" admits protected branches only, and ref refs/heads/feature/x is not one'
    )
    expect(written()).toEqual([`${MODEL}#prod#2`])
    const onMain = await runner.run(promoteV2, { runId: RUN, sha: commits.v2, ref: 'refs/heads/main' })
    expect(errorLines(onMain)).toEqual([])
    expect(onMain.outputs.decision).toBe('promote')
  })

  it('reads the policy at the default branch: a checkout without approvals changes nothing', async () => {
    passing()
    sim.state.reviews.set(RUN, [])
    // The job checked out a branch whose copy of the policy drops the approvals.
    runner.write(POLICY_PATH, POLICY.replace(/ {4}approvals:\n(?: {6}.*\n)+/, ''))
    const run = await promote(1)
    expect(run.code).toBe(1)
    expect(run.outputs.decision).toBe('block')
    expect(run.summary).toContain('0 of 2 required')
    expect(run.stdout).toContain(
      `::warning::modelgate: the checked-out ${POLICY_PATH} differs from ${POLICY_PATH}@main`
    )
    expect(written()).toEqual([`${MODEL}#prod#2`])
    // Opting out explicitly reads the checkout (and says where the policy came from in the record).
    const optedOut = await promote(1, { 'policy-ref': 'workspace', 'dry-run': 'true' })
    expect(optedOut.outputs.decision).toBe('promote')
  })
})
