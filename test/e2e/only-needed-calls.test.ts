import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { GitHubSimulator } from '../simulator/server.js'
import { buildAction, Runner } from './runner.js'

/*
 * The bundled action asks GitHub only for what the transition needs (request counts asserted in
 * the simulator): no approvals or environments calls without `approvals`, no check-runs/statuses
 * calls without a `checks` gate, no artifact listing when every evidence path is a workspace
 * file, no registry read for `evaluate` when no gate needs a baseline — and `evaluate` with
 * workspace evidence and none of those runs with no request at all.
 */
const POLICY = `version: 1
model: churn
stages: [dev, staging, prod]
baseline: prod
evidence:
  offline: { path: reports/offline.json }
  online: { path: reports/online.json }
transitions:
  - to: staging
    gates:
      - { id: auc-floor, metric: offline.auc, min: 0.8 }
  - to: prod
    gates:
      - { id: latency, metric: online.latency_p95_ms, max: 80 }
      - { id: tests, checks: [unit-tests] }
    approvals: { required: 1, environments: [prod-owner] }
`

let sim: GitHubSimulator
let runner: Runner
let commit: string

beforeAll(async () => {
  sim = new GitHubSimulator({ repository: 'acme/churn' })
  await sim.start()
  runner = new Runner((await buildAction()).entry, sim)
  runner.write('policy.yml', POLICY)
  // promote reads the policy at the default branch through the contents API (policy-ref).
  sim.state.putFile('policy.yml', POLICY)
  runner.write('reports/offline.json', '{ "auc": 0.9 }')
  runner.write('reports/online.json', '{ "latency_p95_ms": 60 }')
  sim.state.addEnvironment('prod-owner', { reviewers: ['alice'], canAdminsBypass: false })
  commit = sim.state.addCommit('train')
}, 120_000)

afterAll(async () => {
  await sim?.stop()
  runner?.cleanup()
})

const evaluate = (to: string) => ({
  command: 'evaluate',
  policy: 'policy.yml',
  model: 'churn',
  version: '1',
  to
})

describe('only the calls a transition needs', () => {
  it('evaluate with workspace evidence, no approvals, checks or baseline gates: no request at all', async () => {
    sim.resetRecording()
    const result = await runner.run(evaluate('staging'), { runId: 10, sha: commit })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.outputs.decision).toBe('promote')
    expect(sim.count()).toBe(0)
    expect(sim.requests).toHaveLength(0)
    // And with no API reachable at all (a local run, a server without the endpoints): the same.
    const offline = await runner.run(
      evaluate('staging'),
      { runId: 10, sha: commit },
      {
        env: { GITHUB_API_URL: 'http://127.0.0.1:9' }
      }
    )
    expect(offline.code).toBe(0)
    expect(offline.outputs.decision).toBe('promote')
  })

  it('promote of a transition without approvals or checks makes no approvals, environments or checks call', async () => {
    sim.state.seedTag('churn@v1.0.0', commit, 'Registering churn v1.0.0')
    sim.resetRecording()
    const result = await runner.run(
      { command: 'promote', policy: 'policy.yml', model: 'churn', version: '1', to: 'staging' },
      { runId: 12, sha: commit }
    )
    expect(result.stderr).toBe('')
    expect(result.outputs.decision).toBe('promote')
    for (const operation of [
      'actions/get-reviews-for-run',
      'repos/get-environment',
      'repos/get-all-environments',
      'checks/list-for-ref',
      'repos/get-combined-status-for-ref',
      'repos/list-commit-statuses-for-ref',
      'actions/list-workflow-run-artifacts'
    ])
      expect([operation, sim.count(operation)]).toEqual([operation, 0])
  })
  it('a transition with approvals and checks asks for exactly those, and lists no artifacts', async () => {
    sim.state.addCheckRun(commit, 'unit-tests', 'success')
    sim.state.addReview(11, { state: 'approved', user: 'alice', environments: ['prod-owner'], comment: 'ok' })
    sim.resetRecording()
    const result = await runner.run(evaluate('prod'), { runId: 11, sha: commit, actor: 'carol' })
    expect(result.stderr).toBe('')
    expect(result.outputs.decision).toBe('promote')
    expect(sim.count('actions/get-reviews-for-run')).toBe(1)
    expect(sim.count('repos/get-all-environments')).toBe(1)
    expect(sim.count('checks/list-for-ref')).toBe(1)
    expect(sim.count('actions/list-workflow-run-artifacts')).toBe(0)
  })
})
