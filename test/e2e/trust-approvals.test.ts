import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { GitHubSimulator } from '../simulator/server.js'
import { MODEL, POLICY, stagingArtifacts } from './fixtures.js'
import { buildAction, Runner, type ActionRun, type RunContextEnv } from './runner.js'

/*
 * Attacks on who counts as an approver, carried out against the bundled action and the GitHub
 * simulator: the requester of a run approving it through a re-run by someone else, a requester of
 * an earlier attempt, and a reviewer who approved and then rejected.
 */

let entry: string
let sim: GitHubSimulator
let runner: Runner
let commit: string

beforeAll(async () => {
  entry = (await buildAction()).entry
}, 120_000)

afterEach(async () => {
  await sim?.stop()
  runner?.cleanup()
})

/** A repository with v1 in staging, its staging evidence uploaded by run `runId`. */
async function world(runId: number): Promise<void> {
  sim = new GitHubSimulator({ repository: 'acme/models' })
  await sim.start()
  runner = new Runner(entry, sim)
  runner.write('.github/modelgate.yml', POLICY)
  sim.state.addEnvironment('prod-owner', { reviewers: ['alice', 'dave'], canAdminsBypass: false })
  sim.state.addEnvironment('prod-reviewer', { reviewers: ['bob', 'erin'], canAdminsBypass: false })
  commit = sim.state.addCommit('train v1')
  sim.state.seedTag(`${MODEL}@v1.0.0`, commit, `Registering ${MODEL} v1.0.0`)
  sim.state.seedTag(`${MODEL}#staging#1`, commit, 'Assigning staging to v1.0.0')
  stagingArtifacts(sim, runId, commit, { latency: 61, errors: 0.002, psi: 0.05 })
}

function review(runId: number, user: string, environment: string, state: 'approved' | 'rejected'): void {
  sim.state.addReview(runId, { state, user, environments: [environment], comment: `${state} by ${user}` })
}

const promoteToProd = (context: Omit<RunContextEnv, 'sha'>): Promise<ActionRun> =>
  runner.run(
    {
      command: 'promote',
      policy: '.github/modelgate.yml',
      // These attacks are about who approves, not where the policy comes from: read the checkout.
      'policy-ref': 'workspace',
      model: MODEL,
      version: '1',
      to: 'prod'
    },
    { ...context, sha: commit }
  )

function recordOf(result: ActionRun): Record<string, any> {
  const release = sim.state.releaseByTag(result.outputs.tag!)!
  return JSON.parse(release.assets[0]!.bytes.toString('utf8'))
}

describe('approvals: nobody who asked for the run counts, on any attempt', () => {
  it('a run started by alice and re-run by carol does not count alice’s own approval', async () => {
    await world(300)
    sim.state.addWorkflowRun(300, { actor: 'alice', attempts: ['alice', 'carol'] })
    review(300, 'alice', 'prod-owner', 'approved')
    review(300, 'bob', 'prod-reviewer', 'approved')
    const result = await promoteToProd({ runId: 300, attempt: 2, actor: 'alice', triggeringActor: 'carol' })
    expect(result.outputs.decision).toBe('block')
    expect(result.code).toBe(1)
    const record = recordOf(result)
    expect(record.approvals.map((a: { user: string }) => a.user)).toEqual(['bob'])
    expect(record.run).toMatchObject({ requested_by: 'alice', rerun_by: ['carol'], actor: 'carol' })
    expect(record.approvals_summary.not_counted).toEqual([
      {
        user: 'alice',
        environment: 'prod-owner',
        reason: 'requested or re-ran the workflow run (self-approval)'
      }
    ])
    expect(sim.state.releaseByTag(result.outputs.tag!)!.body).toMatch(/\| Requested by \| alice \|/)
    expect(sim.problems).toEqual([])
  })

  it('the requester of an earlier attempt (read from the API) does not count, case-insensitively', async () => {
    await world(301)
    // dave started the run, Erin re-ran it (attempt 2), carol re-runs it now (attempt 3).
    sim.state.addWorkflowRun(301, { actor: 'dave', attempts: ['dave', 'Erin', 'carol'] })
    review(301, 'alice', 'prod-owner', 'approved')
    review(301, 'erin', 'prod-reviewer', 'approved')
    const result = await promoteToProd({ runId: 301, attempt: 3, actor: 'dave', triggeringActor: 'carol' })
    expect(result.outputs.decision).toBe('block')
    const record = recordOf(result)
    expect(record.approvals.map((a: { user: string }) => a.user)).toEqual(['alice'])
    expect(record.run).toMatchObject({ requested_by: 'dave', rerun_by: ['Erin', 'carol'] })
    expect(sim.requests.filter((r) => r.operation === 'actions/get-workflow-run-attempt')).toHaveLength(1)
    expect(sim.problems).toEqual([])
  })

  it('approvals given on an earlier attempt of the same run count (documented), from people who did not ask for it', async () => {
    await world(302)
    sim.state.addWorkflowRun(302, { actor: 'carol', attempts: ['carol', 'carol'] })
    review(302, 'alice', 'prod-owner', 'approved')
    review(302, 'bob', 'prod-reviewer', 'approved')
    const result = await promoteToProd({ runId: 302, attempt: 2, actor: 'carol', triggeringActor: 'carol' })
    expect(result.outputs.decision).toBe('promote')
    expect(recordOf(result).approvals.map((a: { user: string }) => a.user)).toEqual(['alice', 'bob'])
  })
})

describe("approvals: a reviewer's latest word counts", () => {
  it('bob approved, then rejected: his approval is withdrawn, and the record says so', async () => {
    await world(303)
    review(303, 'alice', 'prod-owner', 'approved')
    review(303, 'bob', 'prod-reviewer', 'approved')
    review(303, 'bob', 'prod-reviewer', 'rejected')
    const result = await promoteToProd({ runId: 303, actor: 'carol' })
    expect(result.outputs.decision).toBe('block')
    const record = recordOf(result)
    expect(record.approvals.map((a: { user: string }) => a.user)).toEqual(['alice'])
    expect(record.approvals_summary.not_counted).toEqual([
      { user: 'bob', environment: 'prod-reviewer', reason: 'withdrawn: rejected later in prod-reviewer' },
      { user: 'bob', environment: 'prod-reviewer', reason: 'state is rejected' }
    ])
    expect(result.summary).toMatch(
      /\| bob \| prod-reviewer \| no: withdrawn: rejected later in prod-reviewer \|/
    )
  })

  it('a rejection on an earlier attempt followed by an approval on a later one counts the approval', async () => {
    await world(304)
    review(304, 'alice', 'prod-owner', 'approved')
    review(304, 'bob', 'prod-reviewer', 'rejected')
    review(304, 'bob', 'prod-reviewer', 'approved')
    const result = await promoteToProd({ runId: 304, attempt: 2, actor: 'carol' })
    expect(result.outputs.decision).toBe('promote')
  })
})
