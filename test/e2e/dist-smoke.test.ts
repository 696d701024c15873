import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { resolve } from 'node:path'
import { GitHubSimulator } from '../simulator/server.js'
import { MODEL, POLICY, stagingArtifacts } from './fixtures.js'
import { Runner } from './runner.js'

/*
 * The COMMITTED bundle (what `uses: <owner>/modelgate@v1` runs) against the simulator. The
 * lifecycle test builds the current sources; this one fails when dist/ was not rebuilt after a
 * change to the action, as CI's check-dist does.
 */

let sim: GitHubSimulator
let runner: Runner

beforeAll(async () => {
  sim = new GitHubSimulator()
  await sim.start()
  runner = new Runner(resolve('dist/index.js'), sim)
  runner.write('policy.yml', POLICY)
})
afterAll(async () => {
  await sim?.stop()
  runner?.cleanup()
})

describe('committed dist/index.js', () => {
  it('evaluates prod evidence from artifacts with approvals from the API, writing nothing', async () => {
    const commit = sim.state.addCommit('train v1')
    sim.state.seedTag(`${MODEL}@v1.0.0`, commit, 'Registering', new Date().toISOString())
    sim.state.seedTag(`${MODEL}#staging#1`, commit, 'Assigning staging', new Date().toISOString())
    sim.state.addEnvironment('prod-owner', { reviewers: ['alice'], canAdminsBypass: false })
    sim.state.addEnvironment('prod-reviewer', { reviewers: ['bob'], canAdminsBypass: false })
    sim.state.addReview(7, { state: 'approved', user: 'alice', environments: ['prod-owner'], comment: '' })
    sim.state.addReview(7, { state: 'approved', user: 'bob', environments: ['prod-reviewer'], comment: '' })
    stagingArtifacts(sim, 7, commit, { latency: 60, errors: 0, psi: 0.01 })
    const result = await runner.run(
      { command: 'evaluate', policy: 'policy.yml', model: MODEL, version: '1', to: 'prod' },
      { runId: 7, sha: commit }
    )
    expect(result.stdout.split('\n').filter((l) => l.startsWith('::error'))).toEqual([])
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({ decision: 'promote', version: 'v1.0.0', stage: 'prod' })
    expect(result.summary).toContain('2 of 2 required')
    expect(sim.count('actions/get-reviews-for-run')).toBe(1)
    expect(sim.requests.some((r) => r.method !== 'GET')).toBe(false)
    expect(sim.problems).toEqual([])
  })
})
