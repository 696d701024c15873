import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { GitHubSimulator } from '../simulator/server.js'
import { latencySeries, MODEL, POLICY, stagingArtifacts, trainingArtifacts } from './fixtures.js'
import { buildAction, Runner, type ActionRun } from './runner.js'

/*
 * The action as users meet it: the bundle of the current sources, started as the runner starts
 * it, against the local GitHub simulator (which checks every request and its own every response
 * against GitHub's OpenAPI description). One repository lives through a whole lifecycle:
 * register → staging → prod behind two approval environments, a second version replacing the
 * first, a blocked attempt, an unprotected environment, a rollback, re-runs and a dry run.
 */

let sim: GitHubSimulator
let runner: Runner
const runs: ActionRun[] = []
const commits: Record<string, string> = {}

async function act(
  inputs: Record<string, string>,
  context: Parameters<Runner['run']>[1],
  env?: Record<string, string>
): Promise<ActionRun> {
  const result = await runner.run(inputs, context, env ? { env } : {})
  runs.push(result)
  return result
}

const promoteInputs = (version: string, to: string): Record<string, string> => ({
  command: 'promote',
  policy: '.github/modelgate.yml',
  model: MODEL,
  version,
  to
})

function approve(runId: number): void {
  sim.state.addReview(runId, {
    state: 'approved',
    user: 'alice',
    environments: ['prod-owner'],
    comment: 'metrics look good'
  })
  sim.state.addReview(runId, {
    state: 'approved',
    user: 'bob',
    environments: ['prod-reviewer'],
    comment: 'risk ok'
  })
}

/** Tags as `modelgate register` / GTO would have pushed them from another machine. */
function seedRegistration(version: string, commit: string): void {
  sim.state.seedTag(
    `${MODEL}@${version}`,
    commit,
    `Registering ${MODEL} ${version}`,
    new Date().toISOString()
  )
}
function seedStaging(version: string, commit: string): void {
  seedRegistration(version, commit)
  const counter = Math.max(0, ...tagsOf().map((t) => Number(/#(\d+)$/.exec(t)?.[1] ?? 0))) + 1
  sim.state.seedTag(
    `${MODEL}#staging#${counter}`,
    commit,
    `Assigning staging to ${version}`,
    new Date().toISOString()
  )
}

const tagsOf = (): string[] => sim.state.tagNames().filter((t) => t.startsWith(MODEL))
const statusesOn = (commit: string) => sim.state.statuses.filter((s) => s.sha === commit)

beforeAll(async () => {
  sim = new GitHubSimulator({ repository: 'acme/models' })
  await sim.start()
  const build = await buildAction()
  runner = new Runner(build.entry, sim)
  runner.write('.github/modelgate.yml', POLICY)
  // promote and rollback read the policy at the default branch, as committed there.
  sim.state.putFile('.github/modelgate.yml', POLICY)
  sim.state.addEnvironment('prod-owner', { reviewers: ['alice'], canAdminsBypass: false })
  sim.state.addEnvironment('prod-reviewer', { reviewers: ['bob'], canAdminsBypass: false })
  for (const v of ['v1', 'v2', 'v3']) commits[v] = sim.state.addCommit(`train ${v}`)
}, 120_000)

afterAll(async () => {
  await sim?.stop()
  runner?.cleanup()
})

describe('the action end to end against the GitHub simulator', () => {
  it('registers v1 on its commit, and a re-run registers nothing twice', async () => {
    const first = await act(
      { command: 'register', model: MODEL, version: '1' },
      { runId: 100, sha: commits.v1! }
    )
    expect(first.code).toBe(0)
    expect(first.outputs).toMatchObject({ decision: 'registered', version: 'v1.0.0', tag: `${MODEL}@v1.0.0` })
    const again = await act(
      { command: 'register', model: MODEL, version: '1' },
      { runId: 100, attempt: 2, sha: commits.v1! }
    )
    expect(again.code).toBe(0)
    expect(tagsOf()).toEqual([`${MODEL}@v1.0.0`])
    expect(sim.state.tag(`${MODEL}@v1.0.0`)?.commit).toBe(commits.v1)
  })

  it('promotes v1 dev → staging with artifact evidence and check runs, publishing the record', async () => {
    trainingArtifacts(sim, 101, commits.v1!, 0.86)
    const result = await act(promoteInputs('1', 'staging'), { runId: 101, sha: commits.v1! })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({
      decision: 'promote',
      version: 'v1.0.0',
      stage: 'staging',
      'failed-gates': ''
    })
    expect(tagsOf()).toContain(`${MODEL}#staging#1`)
    const release = sim.state.releaseByTag(`${MODEL}#staging#1`)!
    expect(release.draft).toBe(false)
    expect(release.assets.map((a) => a.name)).toEqual(['promotion-record.json'])
    const record = JSON.parse(release.assets[0]!.bytes.toString('utf8'))
    expect(record).toMatchObject({
      schema: 'modelgate/promotion-record/v1',
      decision: 'promote',
      to_stage: 'staging'
    })
    expect(record.evidence[0]).toMatchObject({
      name: 'offline',
      source: 'artifact:offline-eval/metrics.json'
    })
    expect(record.evidence[0].artifact_digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(result.outputs['release-url']).toBe(
      `${sim.url}/acme/models/releases/tag/${encodeURIComponent(`${MODEL}#staging#1`)}`
    )
    expect(result.outputs['record-url']).toContain('promotion-record.json')
    expect(statusesOn(commits.v1!)).toEqual([
      expect.objectContaining({
        context: `modelgate/${MODEL}/staging`,
        state: 'success',
        targetUrl: result.outputs['release-url']
      })
    ])
    expect(result.summary).toContain('| auc-floor | ✅ pass | 0.86 |')
    expect(result.summary).toContain('| tests | ✅ pass |')
  })

  it('promotes v1 staging → prod behind two approval environments at the request floor, reading kilobytes of a 2 GB artifact', async () => {
    stagingArtifacts(sim, 102, commits.v1!, { latency: 61, errors: 0.002, psi: 0.05 })
    approve(102)
    const annotatedBefore = tagsOf().length
    sim.resetRecording()
    const result = await act(promoteInputs('1', 'prod'), { runId: 102, sha: commits.v1!, actor: 'carol' })
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({ decision: 'promote', stage: 'prod' })
    // List artifacts, 3 downloads, approvals, the environments list, the tag names, one GraphQL
    // query for the tag objects that decide and the policy at the default branch, tag object,
    // ref, draft release, asset, publish, status = 14, whatever the number of tags
    // (test/e2e/request-budget.test.ts grows it; nothing is archived here).
    const byOperation = sim.requests.reduce<Record<string, number>>((acc, r) => {
      if (r.area !== 'storage') acc[r.operation ?? r.path] = (acc[r.operation ?? r.path] ?? 0) + 1
      return acc
    }, {})
    expect(byOperation).toEqual({
      'actions/list-workflow-run-artifacts': 1,
      'actions/download-artifact': 3,
      'actions/get-reviews-for-run': 1,
      'repos/get-all-environments': 1,
      'git/list-matching-refs': 1,
      graphql: 1,
      'git/create-tag': 1,
      'git/create-ref': 1,
      'repos/create-release': 1,
      'repos/upload-release-asset': 1,
      'repos/update-release': 1,
      'repos/create-commit-status': 1
    })
    expect(annotatedBefore).toBeGreaterThan(0)
    expect(sim.count()).toBe(14)
    // The lineage file inside the 2 GB model artifact costs kilobytes of storage reads.
    const modelReads = sim.requests.filter((r) => r.area === 'storage').map((r) => r.bytes)
    expect(sim.storageBytes()).toBeLessThanOrEqual(3 * 256 * 1024)
    expect(Math.max(...modelReads)).toBeLessThanOrEqual(256 * 1024)
    expect(sim.requests.filter((r) => r.area === 'storage').every((r) => r.headers.range)).toBe(true)

    expect(result.outputs.tag).toMatch(new RegExp(`^${MODEL}#prod#\\d+$`))
    const release = sim.state.releaseByTag(result.outputs.tag!)!
    const record = JSON.parse(release.assets[0]!.bytes.toString('utf8'))
    expect(record.approvals).toEqual([
      expect.objectContaining({ user: 'alice', environment: 'prod-owner', comment: 'metrics look good' }),
      expect.objectContaining({ user: 'bob', environment: 'prod-reviewer', comment: 'risk ok' })
    ])
    expect(record.artifacts).toMatchObject({
      code_commit: commits.v1,
      data_snapshot: 's3://datasets/fraud/2026-11-01'
    })
    expect(record.run).toMatchObject({
      repository: 'acme/models',
      run_id: '102',
      attempt: '1',
      actor: 'carol'
    })
    expect(release.body).toContain('alice')
    expect(result.summary).toMatch(/\| alice \| prod-owner \| yes \| metrics look good \|/)
    expect(result.summary).toMatch(/\| bob \| prod-reviewer \| yes \| risk ok \|/)
    expect(result.summary).toContain('[release](')
  })

  it('replaces v1 in prod with v2, archiving v1, with its own reviewers', async () => {
    // v2 was registered and put in staging by the CLI elsewhere (plain GTO tags, no records).
    seedStaging('v2.0.0', commits.v2!)
    stagingArtifacts(sim, 105, commits.v2!, { latency: 58, errors: 0.001, psi: 0.04 })
    approve(105)
    const result = await act(promoteInputs('2', 'prod'), { runId: 105, sha: commits.v2! })
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({ decision: 'promote', version: 'v2.0.0', 'rollback-to': 'v1.0.0' })
    expect(result.summary).toContain('**Archived:** `v1.0.0`')
    // The release notes and the summary chart prod's gates over v1 (read back from its record) and v2.
    const notes = sim.state.releaseByTag(result.outputs.tag!)!.body
    for (const markdown of [notes, result.summary]) {
      expect(markdown).toContain('### Recent versions')
      expect(markdown).toMatch(/```mermaid\nxychart-beta\n[^`]*x-axis \["v1\.0\.0", "v2\.0\.0"\]/)
      expect(markdown).toMatch(/```mermaid\ntimeline\n[^`]*v1\.0\.0 to prod[^`]*v2\.0\.0 to prod/)
    }
    const archival = tagsOf().filter((t) => t.startsWith(`${MODEL}#prod!#`))
    expect(archival).toHaveLength(1)
    expect(sim.state.tag(archival[0]!)?.commit).toBe(commits.v1)
    const resolved = await act(
      { command: 'resolve', model: MODEL, stage: 'prod' },
      { runId: 106, sha: commits.v2! }
    )
    // What a deploy step loads: the commit, and the digest and URI the lineage of its promotion named.
    expect(resolved.outputs).toMatchObject({
      decision: 'found',
      version: 'v2.0.0',
      commit: commits.v2,
      'model-digest': `sha256:${'ab'.repeat(32)}`,
      'model-uri': 's3://models/fraud/model.bin',
      // A completed promotion: v2 holds prod alone.
      weight: ''
    })
    expect(resolved.summary).toContain('verified (modelgate record)')
  })

  it('re-running the promotion (next attempt of the same run) duplicates nothing', async () => {
    const before = {
      tags: tagsOf(),
      releases: sim.state.releases.length,
      statuses: sim.state.statuses.length
    }
    const assets = sim.state.releases.reduce((n, r) => n + r.assets.length, 0)
    const rerun = await act(promoteInputs('2', 'prod'), { runId: 105, attempt: 2, sha: commits.v2! })
    expect(rerun.code).toBe(0)
    expect(rerun.outputs).toMatchObject({ decision: 'promote', version: 'v2.0.0' })
    expect(tagsOf()).toEqual(before.tags)
    expect(sim.state.releases).toHaveLength(before.releases)
    expect(sim.state.releases.reduce((n, r) => n + r.assets.length, 0)).toBe(assets)
    expect(sim.state.statuses).toHaveLength(before.statuses)
  })

  it('a re-run completes what a failed attempt left undone (publish failed after the asset)', async () => {
    seedRegistration('v3.0.0', commits.v3!)
    trainingArtifacts(sim, 111, commits.v3!, 0.88)
    const fault = sim.fault({ operation: 'repos/update-release', status: 422, times: 1 })
    const failed = await act(promoteInputs('3', 'staging'), { runId: 111, sha: commits.v3! })
    expect(fault.hits).toBe(1)
    expect(failed.code).toBe(1)
    expect(failed.stdout).toMatch(
      /::error::modelgate: the promotion is recorded in tag fraud_detector#staging#\d+, but its release and status are not complete: publishing the release for fraud_detector#staging#\d+ failed \(HTTP 422\).*Re-run this job/
    )
    const tag = tagsOf().find(
      (t) => t.startsWith(`${MODEL}#staging#`) && sim.state.tag(t)?.commit === commits.v3
    )!
    expect(sim.state.releaseByTag(tag)?.draft).toBe(true)
    const retried = await act(promoteInputs('3', 'staging'), { runId: 111, attempt: 2, sha: commits.v3! })
    expect(retried.code).toBe(0)
    const release = sim.state.releaseByTag(tag)!
    expect(release.draft).toBe(false)
    expect(release.assets).toHaveLength(1)
    expect(
      tagsOf().filter((t) => t.startsWith(`${MODEL}#staging#`) && sim.state.tag(t)?.commit === commits.v3)
    ).toEqual([tag])
    expect(statusesOn(commits.v3!).filter((s) => s.context === `modelgate/${MODEL}/staging`)).toHaveLength(1)
  })

  it('blocks v3 on latency, records the blocked attempt, annotates the gate and fails the step', async () => {
    stagingArtifacts(sim, 112, commits.v3!, { latency: 95, errors: 0.002, psi: 0.05 })
    approve(112)
    const prodBefore = tagsOf().filter((t) => t.includes('#prod#'))
    const result = await act(promoteInputs('3', 'prod'), { runId: 112, sha: commits.v3! })
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({
      decision: 'block',
      version: 'v3.0.0',
      'failed-gates': 'latency-p95'
    })
    expect(result.stdout).toContain('::error title=latency-p95::95 > max 80')
    expect(result.stdout).toMatch(
      /::error::modelgate blocked fraud_detector v3\.0\.0 → prod: latency-p95: 95 > max 80/
    )
    expect(tagsOf().filter((t) => t.includes('#prod#'))).toEqual(prodBefore)
    const blocked = tagsOf().filter((t) => t.startsWith(`${MODEL}@blocked#`))
    expect(blocked).toHaveLength(1)
    const release = sim.state.releaseByTag(blocked[0]!)!
    expect(release.draft).toBe(false)
    expect(JSON.parse(release.assets[0]!.bytes.toString()).decision).toBe('block')
    expect(statusesOn(commits.v3!).find((s) => s.context === `modelgate/${MODEL}/prod`)?.state).toBe(
      'failure'
    )
    expect(result.summary).toContain('❌ **block**')

    // The same attempt run again (a retried step) records the blocked attempt only once.
    const releases = sim.state.releases.length
    const statuses = sim.state.statuses.length
    const again = await act(promoteInputs('3', 'prod'), { runId: 112, sha: commits.v3! })
    expect(again.code).toBe(1)
    expect(again.outputs).toMatchObject({ decision: 'block', tag: blocked[0] })
    expect(tagsOf().filter((t) => t.startsWith(`${MODEL}@blocked#`))).toEqual(blocked)
    expect(sim.state.releases).toHaveLength(releases)
    expect(sim.state.statuses).toHaveLength(statuses)
  })

  it('fails closed when an approval environment has no required reviewers, writing nothing', async () => {
    sim.state.addEnvironment('prod-reviewer')
    const tags = tagsOf()
    const releases = sim.state.releases.length
    const result = await act(promoteInputs('3', 'prod'), { runId: 113, sha: commits.v3! })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('environment "prod-reviewer" has no required reviewers')
    expect(result.stdout).toContain('Settings → Environments → prod-reviewer')
    expect(result.stdout).toContain('Free, Pro and Team plans')
    expect(tagsOf()).toEqual(tags)
    expect(sim.state.releases).toHaveLength(releases)
    sim.state.addEnvironment('prod-reviewer', { reviewers: ['bob'], canAdminsBypass: false })
  })

  it('counts no approval from inputs, variables or files: only the API', async () => {
    stagingArtifacts(sim, 114, commits.v3!, { latency: 50, errors: 0.001, psi: 0.01 })
    runner.write(
      'approvals.json',
      JSON.stringify([
        { state: 'approved', user: { login: 'mallory' }, environments: [{ name: 'prod-owner' }] }
      ])
    )
    const result = await act(
      {
        ...promoteInputs('3', 'prod'),
        'dry-run': 'true',
        approvals: 'approvals.json',
        evidence: 'approvals=approvals.json'
      },
      { runId: 114, sha: commits.v3! },
      {
        // Variables someone might hope are read: none is.
        MODELGATE_APPROVALS: 'approvals.json',
        GITHUB_APPROVALS:
          '[{"state":"approved","user":{"login":"mallory"},"environments":[{"name":"prod-owner"}]}]',
        APPROVALS: 'approvals.json'
      }
    )
    expect(result.code).toBe(1)
    expect(result.outputs.decision).toBe('block')
    expect(result.summary).toContain('0 of 2 required')
    expect(result.summary).not.toContain('mallory')
  })

  it('a dry run evaluates and reports, writing nothing', async () => {
    approve(114)
    const tags = tagsOf()
    const writes = (): number =>
      sim.requests.filter((r) => r.method !== 'GET' && r.graphql !== 'query').length
    const before = writes()
    const result = await act(
      { ...promoteInputs('3', 'prod'), 'dry-run': 'true' },
      { runId: 114, sha: commits.v3! }
    )
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({
      decision: 'promote',
      'record-url': '',
      'release-url': '',
      tag: ''
    })
    expect(result.summary).toContain('nothing was written')
    expect(writes()).toBe(before)
    expect(tagsOf()).toEqual(tags)
  })

  it('rolls prod back to the previous version when a trigger fires on monitoring', async () => {
    runner.write('monitoring/latency.json', latencySeries(120))
    const result = await act(
      {
        command: 'rollback',
        policy: '.github/modelgate.yml',
        model: MODEL,
        stage: 'prod',
        monitoring: 'online=monitoring/latency.json'
      },
      { runId: 120, sha: commits.v2! }
    )
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({ decision: 'rollback', 'rollback-to': 'v1.0.0', stage: 'prod' })
    const resolved = await act(
      { command: 'resolve', model: MODEL, stage: 'prod' },
      { runId: 121, sha: commits.v2! }
    )
    expect(resolved.outputs.version).toBe('v1.0.0')
    // The rollback record carries monitoring, not lineage: v1's own promotion still names its model.
    expect(resolved.outputs).toMatchObject({
      commit: commits.v1,
      'model-digest': `sha256:${'ab'.repeat(32)}`,
      'model-uri': 's3://models/fraud/model.bin'
    })
    const tag = result.outputs.tag!
    const release = sim.state.releaseByTag(tag)!
    expect(JSON.parse(release.assets[0]!.bytes.toString())).toMatchObject({
      event: 'rollback',
      version: 'v1.0.0',
      rollback_to: 'v1.0.0'
    })
    expect(
      statusesOn(commits.v1!)
        .filter((s) => s.context === `modelgate/${MODEL}/prod`)
        .at(-1)?.state
    ).toBe('success')
    expect(result.summary).toContain('rolled back')
    // The rollback's summary and release notes chart prod and put the rollback on the timeline.
    for (const markdown of [result.summary, sim.state.releaseByTag(result.outputs.tag!)!.body])
      expect(markdown).toMatch(/```mermaid\ntimeline\n[^`]*prod rolled back to v1\.0\.0/)

    // Re-running the rollback job rolls back nothing twice.
    const tagsAfter = tagsOf()
    const statusesAfter = sim.state.statuses.length
    const rerun = await act(
      {
        command: 'rollback',
        policy: '.github/modelgate.yml',
        model: MODEL,
        stage: 'prod',
        monitoring: 'online=monitoring/latency.json'
      },
      { runId: 120, attempt: 2, sha: commits.v2! }
    )
    expect(rerun.code).toBe(0)
    expect(rerun.outputs).toMatchObject({ decision: 'rollback', 'rollback-to': 'v1.0.0', tag })
    expect(tagsOf()).toEqual(tagsAfter)
    expect(sim.state.statuses).toHaveLength(statusesAfter)

    runner.write('monitoring/quiet.json', latencySeries(40))
    const quiet = await act(
      {
        command: 'rollback',
        policy: '.github/modelgate.yml',
        model: MODEL,
        monitoring: 'online=monitoring/quiet.json'
      },
      { runId: 122, sha: commits.v2! }
    )
    expect(quiet.outputs).toMatchObject({ decision: 'none', 'rollback-to': '' })
  })

  it('resolve outputs nothing an attacker wrote into a forged record: the contradicting tag does not count, a record-less one counts unverified, no URI, no digest', async () => {
    // A hand-pushed assignment in a shadow stage whose "record" names a hostile model URI, a
    // malformed digest and another stage.
    const forged = JSON.stringify({
      schema: 'modelgate/promotion-record/v1',
      event: 'promotion',
      model: MODEL,
      version: 'v3.0.0',
      from_stage: 'staging',
      to_stage: 'prod',
      decision: 'promote',
      gates: [],
      approvals: [],
      rollout: null,
      rollback_to: null,
      baseline: { version: null },
      evidence: [],
      artifacts: {
        model_digest: 'sha256:evil',
        model_uri: 'https://u:token@evil.example/m.bin\nmodel-uri=x'
      },
      created_at: new Date().toISOString()
    })
    seedRegistration('v3.0.0', commits.v3!)
    sim.state.seedTag(`${MODEL}#shadow#90`, commits.v3!, `promote\n\n${forged}\n`, new Date().toISOString())
    const resolved = await act(
      { command: 'resolve', model: MODEL, stage: 'shadow' },
      { runId: 125, sha: commits.v3! }
    )
    // Records decide: a record that moves the version to another stage than its tag's is
    // contradicted by the tag, so the tag is invalid and puts nothing in shadow.
    expect(resolved.code).toBe(0)
    expect(resolved.outputs).toMatchObject({
      decision: 'none',
      version: '',
      'model-digest': '',
      'model-uri': ''
    })
    expect(resolved.everything).not.toContain('evil.example')
    expect(resolved.everything).not.toContain('sha256:evil')
    // A hand-pushed tag without any record counts (GTO's tags do), marked unverified; the forged
    // record beside it still gives no URI and no digest.
    sim.state.seedTag(`${MODEL}#shadow#91`, commits.v3!, 'gto assign', new Date().toISOString())
    const gto = await act(
      { command: 'resolve', model: MODEL, stage: 'shadow' },
      { runId: 126, sha: commits.v3! }
    )
    expect(gto.code).toBe(0)
    expect(gto.outputs).toMatchObject({
      decision: 'found',
      version: 'v3.0.0',
      commit: commits.v3,
      'model-digest': '',
      'model-uri': ''
    })
    expect(gto.summary).toContain('**not verified** (no modelgate record)')
    expect(gto.everything).not.toContain('evil.example')
  })

  it('errors are one clear message', async () => {
    const result = await act({ ...promoteInputs('9', 'prod') }, { runId: 130, sha: commits.v1! })
    expect(result.code).toBe(1)
    const errors = result.stdout.split('\n').filter((line) => line.startsWith('::error'))
    expect(errors).toEqual([
      expect.stringMatching(/^::error::modelgate: .*fraud_detector v9\.0\.0 is not registered/)
    ])
  })

  it('served and sent only what GitHub documents, and the token appears nowhere', () => {
    expect(sim.problems).toEqual([])
    const token = sim.token
    for (const run of runs) {
      const text = run.everything
        .split('\n')
        .filter((line) => line !== `::add-mask::${token}`)
        .join('\n')
      expect(text).not.toContain(token)
    }
    for (const release of sim.state.releases) {
      expect(`${release.name} ${release.body}`).not.toContain(token)
      for (const asset of release.assets) expect(asset.bytes.toString('utf8')).not.toContain(token)
    }
    for (const tag of sim.state.tagObjects.values()) expect(tag.message).not.toContain(token)
    for (const status of sim.state.statuses)
      expect(`${status.description} ${status.targetUrl}`).not.toContain(token)
    for (const request of sim.requests)
      expect(
        `${request.path}${request.query}${request.body}${JSON.stringify(request.headers)}`
      ).not.toContain(token)
  })
})
