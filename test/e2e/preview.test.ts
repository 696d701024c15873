import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { GitHubSimulator } from '../simulator/server.js'
import { MODEL, POLICY, stagingArtifacts } from './fixtures.js'
import { buildAction, Runner } from './runner.js'

/*
 * `command: preview` in the bundled action, as reviewers meet it before approving: the step passes
 * when every gate passes however few approvals there are yet, fails naming the gates when one
 * blocks, shows who approved so far and who is still needed with the link to the pending
 * deployments, names the run each artifact came from — and writes nothing at all (no tag,
 * release, asset or status: only reads reach the simulator).
 */

let sim: GitHubSimulator
let runner: Runner
let commit: string

beforeAll(async () => {
  sim = new GitHubSimulator({ repository: 'acme/models' })
  await sim.start()
  runner = new Runner((await buildAction()).entry, sim)
  runner.write('policy.yml', POLICY)
  // preview reads the policy at the default branch through the contents API, as promote does.
  sim.state.putFile('policy.yml', POLICY)
  sim.state.addEnvironment('prod-owner', { reviewers: ['alice'], canAdminsBypass: false })
  sim.state.addEnvironment('prod-reviewer', { reviewers: ['bob'], canAdminsBypass: false })
  commit = sim.state.addCommit('train v1')
  sim.state.seedTag(`${MODEL}@v1.0.0`, commit, 'Registering', new Date().toISOString())
  sim.state.seedTag(`${MODEL}#staging#1`, commit, 'Assigning staging', new Date().toISOString())
}, 180_000)

afterAll(async () => {
  await sim?.stop()
  runner?.cleanup()
})

const preview = { command: 'preview', policy: 'policy.yml', model: MODEL, version: '1', to: 'prod' }
/** Every request that is not a read (the registry query is a GraphQL POST that only reads). */
const writes = () => sim.requests.filter((r) => r.method !== 'GET' && !r.path.endsWith('/graphql'))

describe('command: preview', () => {
  it('passes on the gates with one of two approvals, shows who approved and who is still needed, writes nothing', async () => {
    // The evidence comes from the staging soak (run 7); the preview runs in run 9, where the
    // reviews are. The soak's workflow name is written by whoever can push a workflow file: it
    // reaches the summary escaped.
    sim.state.addWorkflowRun(7, { name: 'soak <img src=x onerror=alert(1)> | *x*', headSha: commit })
    stagingArtifacts(sim, 7, commit, { latency: 60, errors: 0.002, psi: 0.05 })
    sim.state.addReview(9, { state: 'approved', user: 'alice', environments: ['prod-owner'], comment: '' })
    const tags = sim.state.tagNames()
    sim.resetRecording()
    const result = await runner.run({ ...preview, 'artifacts-run-id': '7' }, { runId: 9, sha: commit })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({
      decision: 'promote',
      version: 'v1.0.0',
      stage: 'prod',
      'failed-gates': '',
      tag: '',
      'record-url': '',
      'release-url': ''
    })
    expect(result.summary).toContain('✅ **every gate passes** — the promotion now waits for approvals')
    expect(result.summary).toMatch(/^\| latency-p95 \| ✅ pass \| 60 \| max 80 \|/m)
    expect(result.summary).toContain('**Approvals:** 1 of 2 so far')
    expect(result.summary).toContain('- Approved by: alice (prod-owner)')
    expect(result.summary).toContain(
      '- ⏳ Still needed: 1 more, one from each of `prod-reviewer` (bob) — [review the pending deployments](https://github.example.invalid/acme/models/actions/runs/9/attempts/1)'
    )
    // Where each piece of evidence came from: the artifact, and the run that uploaded it.
    const online = result.summary.split('\n').find((line) => line.startsWith('| online |'))!
    expect(online).toContain('| `artifact:staging-slo/summary.json` | run 7 (soak ')
    expect(online).toContain(`of acme/models at ${commit.slice(0, 12)} |`)
    expect(result.summary).not.toContain('<img')
    expect(online.split(/(?<!\\)\|/).length).toBe(7) // five cells: the run name's `|` is escaped
    expect(result.summary).toContain('_Preview: nothing was written (no tag, release or status)._')
    expect(writes()).toEqual([])
    expect(sim.state.tagNames()).toEqual(tags)
    expect(sim.problems).toEqual([])
  })

  it('fails the step naming the gate that blocks, with every approval given, and writes nothing', async () => {
    stagingArtifacts(sim, 8, commit, { latency: 95, errors: 0.002, psi: 0.05 })
    for (const [user, environment] of [
      ['alice', 'prod-owner'],
      ['bob', 'prod-reviewer']
    ] as const)
      sim.state.addReview(8, { state: 'approved', user, environments: [environment], comment: '' })
    const tags = sim.state.tagNames()
    sim.resetRecording()
    const result = await runner.run(preview, { runId: 8, sha: commit })
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({ decision: 'block', 'failed-gates': 'latency-p95', tag: '' })
    expect(result.stdout).toMatch(/^::error title=latency-p95::95 > max 80$/m)
    expect(result.stdout).toMatch(
      /^::error::modelgate preview: fraud_detector v1\.0\.0 → prod is blocked by latency-p95: /m
    )
    expect(result.summary).toContain('❌ **blocked by `latency-p95`** — approving will not promote it')
    expect(result.summary).toContain('**Approvals:** 2 of 2 so far')
    expect(writes()).toEqual([])
    expect(sim.state.tagNames()).toEqual(tags)
  })
})

const CANARY = `version: 1
model: churn
stages: [dev, staging, prod]
evidence:
  online: { path: online.json }
transitions:
  - to: staging
    gates: [{ id: latency, metric: online.latency_p95_ms, max: 80 }]
  - to: prod
    gates: [{ id: latency, metric: online.latency_p95_ms, max: 80 }]
    rollout:
      strategy: canary
      steps: [{ weight: 10, hold: 30m }, { weight: 100 }]
`

describe('canary holds in the action', () => {
  it('refuses the next step before the hold has elapsed, in promote and preview alike, writing nothing; resolve says when it may start', async () => {
    runner.write('canary.yml', CANARY)
    runner.write('online.json', '{ "latency_p95_ms": 60 }')
    sim.state.putFile('canary.yml', CANARY)
    const v1 = sim.state.addCommit('train churn v1')
    const v2 = sim.state.addCommit('train churn v2')
    const at = new Date().toISOString()
    sim.state.seedTag('churn@v1.0.0', v1, 'Registering', at)
    sim.state.seedTag('churn#prod#1', v1, 'Assigning prod', at)
    sim.state.seedTag('churn@v2.0.0', v2, 'Registering', at)
    sim.state.seedTag('churn#staging#2', v2, 'Assigning staging', at)
    const promote = { command: 'promote', policy: 'canary.yml', model: 'churn', version: '2', to: 'prod' }
    const first = await runner.run(promote, { runId: 20, sha: v2 })
    expect(first.code).toBe(0)
    expect(first.outputs).toMatchObject({ decision: 'promote', tag: 'churn#prod#3' })

    const tags = sim.state.tagNames()
    sim.resetRecording()
    // `%` is `%25` in a workflow command.
    const hold =
      /^::error::modelgate: churn v2\.0\.0 is at 10%25 in prod since \S+, held for 30m: step 2 \(100%25\) may start at \d\d:\d\d UTC, in (29|30) minutes; nothing was written$/m
    for (const command of ['promote', 'preview']) {
      const refused = await runner.run({ ...promote, command }, { runId: 21, sha: v2 })
      expect(refused.code).toBe(1)
      expect(refused.stdout).toMatch(hold)
      expect(refused.outputs.tag ?? '').toBe('')
    }
    expect(writes()).toEqual([])
    expect(sim.state.tagNames()).toEqual(tags)

    const resolved = await runner.run(
      { command: 'resolve', model: 'churn', stage: 'prod' },
      { runId: 22, sha: v2 }
    )
    expect(resolved.code).toBe(0)
    expect(resolved.summary).toMatch(
      /^\*\*Canary:\*\* `v2\.0\.0` at step 1 \(10%\); step 2 \(100%\) may start at \d\d:\d\d UTC, in (29|30) minutes$/m
    )
  })
})
