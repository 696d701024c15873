import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { GitHubSimulator } from '../simulator/server.js'
import { buildAction, Runner, type RunContextEnv } from '../e2e/runner.js'
import {
  entries,
  evaluateValue,
  field,
  parseWorkflows,
  runWorkflow,
  type Contexts,
  type JobRecord,
  type ParsedWorkflow,
  type StepView
} from './workflow-runner.js'

/*
 * The example workflows, run as written: each file is parsed by GitHub's own parser, its jobs run
 * in `needs` order, and each modelgate step starts the bundled action (INPUT_* from its `with:`,
 * expressions evaluated by GitHub's engine) against the GitHub simulator. Approvals arrive only
 * when a job names an environment, between jobs, as GitHub's reviewers would give them: the
 * preview must pass with none, then the approval jobs run, then the promote job promotes.
 */

const FILES = [
  'docs/workflows/dev-to-staging.yml',
  'docs/workflows/staging-to-prod.yml',
  'docs/workflows/rollback.yml',
  'docs/workflows/policy-impact.yml',
  '.github/workflows/promote.yml'
]
const REPOSITORY = 'acme/models'
const MODEL = 'fraud_detector'
const REVIEWERS: Record<string, string> = { 'prod-owner': 'alice', 'prod-reviewer': 'bob' }

let sim: GitHubSimulator
let runner: Runner
let workflows: Record<string, ParsedWorkflow>
const commits: string[] = []

beforeAll(async () => {
  workflows = await parseWorkflows(FILES)
  sim = new GitHubSimulator({ repository: REPOSITORY })
  await sim.start()
  const build = await buildAction()
  runner = new Runner(build.entry, sim)
  // The one policy location every doc and example names, with the example policy in full.
  const policy = readFileSync('docs/workflows/policy/modelgate.yml', 'utf8')
  runner.write('.github/modelgate.yml', policy)
  // preview, promote and rollback read it at the default branch through the contents API.
  sim.state.putFile('.github/modelgate.yml', policy)
  for (const [environment, reviewer] of Object.entries(REVIEWERS))
    // Set up as docs/action.md says: required reviewers, administrators may not bypass.
    sim.state.addEnvironment(environment, { reviewers: [reviewer], canAdminsBypass: false })
}, 180_000)

afterAll(async () => {
  await sim?.stop()
  runner?.cleanup()
})

/** Files of an upload-artifact `path:` list, named inside the artifact as upload-artifact does (common directory dropped). */
function upload(runId: number, step: StepView): void {
  const paths = step.with
    .path!.split('\n')
    .map((p) => p.trim())
    .filter(Boolean)
  const dirs = paths.map((p) => p.split('/').slice(0, -1))
  const common = dirs.reduce((a, b) => a.filter((part, i) => b[i] === part))
  const files = Object.fromEntries(
    paths.map((p) => [
      p.split('/').slice(common.length).join('/'),
      readFileSync(join(runner.workspace, p), 'utf8')
    ])
  )
  sim.state.addArtifact(runId, step.with.name!, files)
}

interface Play {
  runId: number
  sha: string
  auc?: number
  latency?: number[]
}

/** The parts of non-modelgate steps a real runner would play: training, uploads, exports. */
function otherSteps(play: Play, contexts: Contexts) {
  return (_job: string, step: StepView): Record<string, string> | void => {
    if (step.uses?.startsWith('actions/upload-artifact@')) return upload(play.runId, step)
    if (step.run?.includes('make train')) {
      runner.write('out/metrics.json', JSON.stringify({ auc: play.auc }))
      runner.write('out/model.bin', 'weights')
      runner.write(
        'out/lineage.json',
        JSON.stringify({
          model_digest: `sha256:${'ab'.repeat(32)}`,
          data_snapshot: 's3://datasets/fraud/2026-11-01',
          code_commit: play.sha,
          environment_lock: `sha256:${'cd'.repeat(32)}`
        })
      )
      sim.state.addCheckRun(play.sha, 'unit-tests', 'success')
      return
    }
    if (step.id === 'version')
      return { version: `1.${(contexts.github as { run_number: number }).run_number}.0` }
    if (step.run?.includes('api/v1/query_range')) {
      const start = Math.floor(Date.now() / 1000) + 60
      runner.write(
        'latency.json',
        JSON.stringify({
          status: 'success',
          data: {
            resultType: 'matrix',
            result: [
              {
                metric: { __name__: 'latency_p95_ms', model: MODEL },
                values: play.latency!.map((v, i) => [start + 60 * i, String(v)])
              }
            ]
          }
        })
      )
    }
  }
}

const github = (runNumber: number, sha: string) => ({
  repository: REPOSITORY,
  run_number: runNumber,
  sha,
  token: sim.token,
  actor: 'carol'
})

async function run(
  file: string,
  play: Play & { runNumber: number },
  inputs: Record<string, string> = {},
  approvals = true
): Promise<Record<string, JobRecord>> {
  const contexts: Contexts = { inputs, github: github(play.runNumber, play.sha), vars: {}, secrets: {} }
  const context: RunContextEnv = { runId: play.runId, sha: play.sha, actor: 'carol', workflow: file }
  return runWorkflow(workflows[file]!, {
    runner,
    context,
    contexts,
    hooks: {
      // GitHub holds a job that names an environment until one of its reviewers approves.
      beforeJob: ({ environment }) => {
        if (environment && approvals)
          sim.state.addReview(play.runId, {
            state: 'approved',
            user: REVIEWERS[environment]!,
            environments: [environment],
            comment: 'read the preview, looks good'
          })
      },
      otherStep: otherSteps(play, contexts)
    }
  })
}

const modelgateRuns = (job: JobRecord) => job.steps.filter((s) => s.run)
const prodNow = () =>
  sim.state
    .tagNames()
    .filter((t) => t.startsWith(`${MODEL}#prod#`))
    .sort()

describe('the example workflows parse with GitHub’s parser', () => {
  it.each(FILES)('%s has no errors', (file) => {
    expect(workflows[file]!.errors).toEqual([])
    expect(workflows[file]!.template.jobs.length).toBeGreaterThan(0)
  })
})

describe('the example workflows run as written', () => {
  async function devToStaging(i: number, auc: number) {
    const sha = sim.state.addCommit(`train ${i + 1}`)
    commits.push(sha)
    const jobs = await run('docs/workflows/dev-to-staging.yml', {
      runId: 200 + i,
      runNumber: i + 1,
      sha,
      auc
    })
    expect(jobs.train!.status).toBe('success')
    expect(jobs.train!.outputs.version).toBe(`1.${i + 1}.0`)
    const promote = jobs['promote-staging']!
    const [register, gate] = modelgateRuns(promote)
    expect(register!.run!.outputs).toMatchObject({ decision: 'registered', version: `v1.${i + 1}.0` })
    expect(gate!.run!.stderr).toBe('')
    expect(gate!.run!.outputs).toMatchObject({ decision: 'promote', stage: 'staging', 'failed-gates': '' })
    expect(promote.status).toBe('success')
    return gate!.run!
  }

  it('dev-to-staging: trains, uploads evidence, registers v1.1.0 and promotes it to staging', async () => {
    const gate = await devToStaging(0, 0.86)
    // Nothing is in prod yet: the comparison with prod has nothing to compare with.
    expect(gate.summary).toMatch(/auc-vs-prod \| ⏭️ skipped/)
  })

  it('staging-to-prod: the preview passes before anyone approved, approvals arrive, the promote job promotes', async () => {
    sim.state.addArtifact(300, 'staging-slo', {
      'summary.json': JSON.stringify({ latency_p95_ms: 62, error_rate: 0.002 })
    })
    sim.state.addArtifact(300, 'drift', { 'drift.json': JSON.stringify({ psi: 0.05 }) })
    const inputs = { version: '1.1.0', 'evidence-run-id': '300' }
    const jobs = await run(
      'docs/workflows/staging-to-prod.yml',
      { runId: 400, runNumber: 7, sha: commits[0]! },
      inputs
    )
    const [preview] = modelgateRuns(jobs.preview!)
    // No review existed when the preview ran: it passed on the gates and shows both approvals pending.
    expect(preview!.run!.code).toBe(0)
    expect(preview!.run!.outputs).toMatchObject({ decision: 'promote', 'failed-gates': '', tag: '' })
    expect(preview!.run!.summary).toContain('**Approvals:** 0 of 2 so far')
    expect(preview!.run!.summary).toContain(
      'Still needed: 2 more, one from each of `prod-owner`, `prod-reviewer`'
    )
    expect(preview!.run!.summary).toContain('/actions/runs/400/attempts/1')
    expect(jobs['approve-owner']!.status).toBe('success')
    expect(jobs['approve-reviewer']!.status).toBe('success')
    const [gate] = modelgateRuns(jobs['promote-prod']!)
    expect(gate!.run!.stderr).toBe('')
    expect(gate!.run!.outputs).toMatchObject({ decision: 'promote', version: 'v1.1.0', stage: 'prod' })
    expect(jobs['promote-prod']!.concurrency).toEqual({
      group: `modelgate-${REPOSITORY}-${MODEL}-promote`,
      cancelInProgress: false
    })
    expect(prodNow()).toHaveLength(1)
  })

  it('dev-to-staging for v1.2.0 compares its AUC with the value v1.1.0’s own record holds', async () => {
    const gate = await devToStaging(1, 0.87)
    expect(gate.summary).toMatch(
      /auc-vs-prod \| ✅ pass \| 0\.87 .*vs baseline 0\.86 \(v1\.1\.0&#39;s staging promotion record, \d{4}-\d\d-\d\d\)/
    )
  })

  it('a preview whose gate blocks fails its job, so nobody is asked to approve', async () => {
    sim.state.addArtifact(301, 'staging-slo', {
      'summary.json': JSON.stringify({ latency_p95_ms: 140, error_rate: 0.002 })
    })
    sim.state.addArtifact(301, 'drift', { 'drift.json': JSON.stringify({ psi: 0.05 }) })
    const before = sim.state.tagNames().length
    const inputs = { version: '1.2.0', 'evidence-run-id': '301' }
    const jobs = await run(
      'docs/workflows/staging-to-prod.yml',
      { runId: 402, runNumber: 9, sha: commits[1]! },
      inputs,
      false
    )
    const [preview] = modelgateRuns(jobs.preview!)
    expect(preview!.run!.code).toBe(1)
    expect(preview!.run!.outputs).toMatchObject({ decision: 'block', 'failed-gates': 'latency-p95' })
    expect(jobs['approve-owner']!.status).toBe('skipped')
    expect(jobs['promote-prod']!.status).toBe('skipped')
    expect(sim.state.tagNames().length).toBe(before)
  })

  it('staging-to-prod for v1.2.0: the preview shows the canary plan and the baseline from v1.1.0’s record', async () => {
    const inputs = { version: '1.2.0', 'evidence-run-id': '300' }
    const jobs = await run(
      'docs/workflows/staging-to-prod.yml',
      { runId: 401, runNumber: 8, sha: commits[1]! },
      inputs
    )
    const [preview] = modelgateRuns(jobs.preview!)
    expect(preview!.run!.code).toBe(0)
    expect(preview!.run!.summary).toContain('this promotion takes step 1 of 3, 10% of traffic')
    expect(preview!.run!.summary).toContain('**Baseline:** `v1.1.0` (in prod)')
    expect(preview!.run!.summary).toContain('| online | `artifact:staging-slo/summary.json` |')
    if (process.env.MODELGATE_PREVIEW_SUMMARY)
      writeFileSync(process.env.MODELGATE_PREVIEW_SUMMARY, preview!.run!.summary)
    const [gate] = modelgateRuns(jobs['promote-prod']!)
    expect(gate!.run!.outputs).toMatchObject({
      decision: 'promote',
      version: 'v1.2.0',
      stage: 'prod'
    })
  })

  it('rollback: the scheduled watch reads the monitoring the policy declares and returns prod to v1.1.0', async () => {
    const jobs = await run('docs/workflows/rollback.yml', {
      runId: 500,
      runNumber: 3,
      sha: commits[1]!,
      latency: [95, 96, 97, 98, 99, 99, 99, 99]
    })
    const [watch] = modelgateRuns(jobs.watch!)
    expect(watch!.run!.stderr).toBe('')
    expect(watch!.run!.outputs).toMatchObject({
      decision: 'rollback',
      'rollback-to': 'v1.1.0',
      stage: 'prod'
    })
    expect(jobs.watch!.steps.at(-1)!.outcome).toBe('success') // its `if:` on the output held
  })

  it('policy-impact: a pull request raising the AUC floor sees which past promotions it would have blocked; nothing is written', async () => {
    const policy = readFileSync('docs/workflows/policy/modelgate.yml', 'utf8')
    // The pull request's checkout holds the proposed policy; the default branch keeps the old one.
    runner.write('.github/modelgate.yml', policy.replace('min: 0.80 }', 'min: 0.865 }'))
    const tags = sim.state.tagNames()
    sim.resetRecording()
    try {
      const jobs = await run('docs/workflows/policy-impact.yml', {
        runId: 600,
        runNumber: 11,
        sha: commits[1]!
      })
      const [replay] = modelgateRuns(jobs.replay!)
      expect(replay!.run!.stderr).toBe('')
      expect(replay!.run!.code).toBe(0)
      const counts = JSON.parse(replay!.run!.outputs['replay-counts']!)
      // v1.1.0 went to staging with AUC 0.86; v1.2.0 with 0.87 still would.
      expect(counts).toMatchObject({ would_block: 1, would_pass: 0, cannot_tell: 0, no_transition: 0 })
      expect(replay!.run!.summary).toMatch(/^## Impact of this policy change\n/)
      expect(replay!.run!.summary).toContain('| **would block** | auc-floor: 0.86 &lt; min 0.865 |')
      expect(sim.requests.filter((r) => r.method !== 'GET' && !r.path.endsWith('/graphql'))).toEqual([])
      expect(sim.state.tagNames()).toEqual(tags)
    } finally {
      runner.write('.github/modelgate.yml', policy)
    }
  })
})

describe('one concurrency convention', () => {
  const group = (token: unknown, contexts: Contexts) =>
    evaluateValue(field(field(token as never, 'concurrency'), 'group'), contexts)

  it('examples and the reusable workflow name the same groups; a rollback watch has its own', () => {
    const contexts = { github: { repository: REPOSITORY }, inputs: {} }
    const rollback = group(workflows['docs/workflows/rollback.yml']!.tokens, contexts)
    expect(rollback).toBe(`modelgate-${REPOSITORY}-${MODEL}-rollback`)
    const reusable = field(field(workflows['.github/workflows/promote.yml']!.tokens, 'jobs'), 'modelgate')
    for (const command of ['promote', 'preview', 'register', 'evaluate'])
      expect(group(reusable, { ...contexts, inputs: { model: MODEL, command } })).toBe(
        `modelgate-${REPOSITORY}-${MODEL}-promote`
      )
    expect(group(reusable, { ...contexts, inputs: { model: MODEL, command: 'rollback' } })).toBe(rollback)
    for (const file of ['docs/workflows/dev-to-staging.yml', 'docs/workflows/staging-to-prod.yml']) {
      const jobs = entries(field(workflows[file]!.tokens, 'jobs')).filter(([, job]) =>
        field(job, 'concurrency')
      )
      expect(jobs.length).toBe(1)
      expect(group(jobs[0]![1], contexts)).toBe(`modelgate-${REPOSITORY}-${MODEL}-promote`)
      expect(evaluateValue(field(field(jobs[0]![1], 'concurrency'), 'cancel-in-progress'), contexts)).toBe(
        'false'
      )
    }
  })
})

describe('the reusable workflow exposes the whole action', () => {
  it('every input and output of action.yml', () => {
    const action = parseYaml(readFileSync('action.yml', 'utf8')) as {
      inputs: Record<string, unknown>
      outputs: Record<string, unknown>
    }
    const call = field(field(workflows['.github/workflows/promote.yml']!.tokens, 'on'), 'workflow_call')
    const inputs = entries(field(call, 'inputs')).map(([k]) => k)
    const secrets = entries(field(call, 'secrets')).map(([k]) => k)
    const outputs = entries(field(call, 'outputs')).map(([k]) => k)
    for (const input of Object.keys(action.inputs)) expect([...inputs, ...secrets]).toContain(input)
    expect(outputs.sort()).toEqual(Object.keys(action.outputs).sort())
    const step = entries(
      field(field(workflows['.github/workflows/promote.yml']!.tokens, 'jobs'), 'modelgate')
    )
    expect(step.length).toBeGreaterThan(0)
  })
})
