import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { GitHubSimulator } from '../simulator/server.js'
import { buildAction, Runner, type RunContextEnv } from '../e2e/runner.js'
import { parseMarkdown, readPage } from '../docs/markdown.js'
import {
  entries,
  evaluateValue,
  field,
  parseWorkflows,
  runWorkflow,
  sequence,
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
/** The README's "In a workflow" example, written out as a workflow file. */
const README_WORKFLOW = join(mkdtempSync(join(tmpdir(), 'modelgate-readme-workflow-')), 'promote.yml')
function writeReadmeWorkflow(): void {
  const readme = readPage('README.md')
  const section = readme.slice(readme.indexOf('\n## In a workflow\n'))
  const block = parseMarkdown(section.slice(0, section.indexOf('\n## ', 1))).blocks.find(
    (b) => b.lang === 'yaml'
  )
  writeFileSync(README_WORKFLOW, block!.text)
}
const REPOSITORY = 'acme/models'
const MODEL = 'fraud_detector'
const REVIEWERS: Record<string, string> = { 'prod-owner': 'alice', 'prod-reviewer': 'bob' }

let sim: GitHubSimulator
let runner: Runner
let workflows: Record<string, ParsedWorkflow>
const commits: string[] = []

beforeAll(async () => {
  writeReadmeWorkflow()
  workflows = await parseWorkflows([...FILES, README_WORKFLOW])
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
  it.each([...FILES.map((file) => [file, file]), ['README.md “In a workflow”', README_WORKFLOW]])(
    '%s has no errors',
    (_name, file) => {
      expect(workflows[file]!.errors).toEqual([])
      expect(workflows[file]!.template.jobs.length).toBeGreaterThan(0)
    }
  )
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
    sim.state.addWorkflowRun(300, { name: 'staging load test', path: '.github/workflows/load-test.yml' })
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
      'Still needed: 2 more, one from each of `prod-owner` (alice), `prod-reviewer` (bob)'
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

  it('the README’s workflow runs as written: its preview blocks on the slow soak, so nobody is asked to approve', async () => {
    const before = sim.state.tagNames().length
    const inputs = { version: '1.2.0', 'evidence-run-id': '301' }
    const jobs = await run(README_WORKFLOW, { runId: 403, runNumber: 10, sha: commits[1]! }, inputs, false)
    const [preview] = modelgateRuns(jobs.preview!)
    expect(preview!.run!.stderr).toBe('')
    expect(preview!.run!.code).toBe(1)
    expect(preview!.run!.outputs).toMatchObject({ decision: 'block', 'failed-gates': 'latency-p95' })
    expect(preview!.run!.summary).toContain('❌ **blocked by `latency-p95`**')
    expect(jobs['approve-owner']!.status).toBe('skipped')
    expect(jobs.promote!.status).toBe('skipped')
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
    // Where the evidence came from: the artifact and the run that uploaded it (the staging soak).
    expect(preview!.run!.summary).toMatch(
      /^\| online \| `artifact:staging-slo\/summary\.json` \| run 300 \(staging load test\) of acme\/models at [0-9a-f]{12} \|/m
    )
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
    for (const file of [
      'docs/workflows/dev-to-staging.yml',
      'docs/workflows/staging-to-prod.yml',
      README_WORKFLOW
    ]) {
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

/**
 * GitHub's rule for a concurrency group (cancel-in-progress: false): at most one running and one
 * pending job per group; a job queued while one is pending cancels the pending one and takes its
 * place. Returns, per queued job, whether it ran, waits, or was cancelled.
 */
function queue(jobs: ReadonlyArray<{ name: string; group: string }>): Record<string, string> {
  const running = new Map<string, string>()
  const pending = new Map<string, string>()
  const fate: Record<string, string> = {}
  for (const { name, group } of jobs) {
    if (!running.has(group)) {
      running.set(group, name)
      fate[name] = 'running'
      continue
    }
    const displaced = pending.get(group)
    if (displaced) fate[displaced] = 'cancelled'
    pending.set(group, name)
    fate[name] = 'pending'
  }
  return fate
}

describe('a scheduled rollback watch never displaces a queued promotion', () => {
  it('with the groups the examples declare, the approved promotion still waits after every watch queues', () => {
    const contexts = { github: { repository: REPOSITORY }, inputs: {} }
    const promoteJob = field(
      field(workflows['docs/workflows/staging-to-prod.yml']!.tokens, 'jobs'),
      'promote-prod'
    )
    const promoteGroup = evaluateValue(field(field(promoteJob, 'concurrency'), 'group'), contexts)
    const watchGroup = evaluateValue(
      field(field(workflows['docs/workflows/rollback.yml']!.tokens, 'concurrency'), 'group'),
      contexts
    )
    const day = [
      { name: 'promote v1.1.0', group: promoteGroup },
      { name: 'promote v1.2.0 (approved, queued)', group: promoteGroup },
      { name: 'watch 10:00', group: watchGroup },
      { name: 'watch 10:10', group: watchGroup },
      { name: 'watch 10:20', group: watchGroup }
    ]
    expect(queue(day)).toEqual({
      'promote v1.1.0': 'running',
      'promote v1.2.0 (approved, queued)': 'pending',
      'watch 10:00': 'running',
      'watch 10:10': 'cancelled', // replaced by a newer watch reading the same monitoring
      'watch 10:20': 'pending'
    })
    // What the separate group prevents: a watch in the promotions' group cancels the approved promotion.
    expect(
      queue(day.map((job) => ({ ...job, group: promoteGroup })))['promote v1.2.0 (approved, queued)']
    ).toBe('cancelled')
  })
})

describe('the reusable workflow exposes the whole action', () => {
  const action = parseYaml(readFileSync('action.yml', 'utf8')) as {
    inputs: Record<string, { default?: string }>
    outputs: Record<string, unknown>
  }
  const reusable = () => workflows['.github/workflows/promote.yml']!.tokens
  const call = () => field(field(reusable(), 'on'), 'workflow_call')
  const job = () => field(field(reusable(), 'jobs'), 'modelgate')
  /** The step that runs the action (`uses: ./.modelgate`), and its id. */
  const actionStep = () => {
    const step = sequence(field(job(), 'steps')).find((s) => field(s, 'uses') === './.modelgate')
    expect(step).toBeDefined()
    return step
  }
  /** A `${{ … }}` value's expression, whitespace trimmed; a literal as itself. */
  const expression = (token: ReturnType<typeof field>) =>
    token && typeof token === 'object' && token.expr !== undefined ? token.expr.trim() : token

  it('declares every input and output of action.yml, and no output the action lacks', () => {
    const inputs = entries(field(call(), 'inputs')).map(([k]) => k)
    const secrets = entries(field(call(), 'secrets')).map(([k]) => k)
    const outputs = entries(field(call(), 'outputs')).map(([k]) => k)
    expect(Object.keys(action.inputs).filter((input) => ![...inputs, ...secrets].includes(input))).toEqual([])
    expect(outputs.sort()).toEqual(Object.keys(action.outputs).sort())
  })

  it('hands every input to the action step unchanged, and every output back from it', () => {
    const id = field(actionStep(), 'id') as string
    const secrets = entries(field(call(), 'secrets')).map(([k]) => k)
    const given = Object.fromEntries(
      entries(field(actionStep(), 'with')).map(([key, value]) => [key, expression(value)])
    )
    // Each action input is passed as the reusable workflow's own input (a secret for the token).
    const wiring = Object.fromEntries(
      Object.keys(action.inputs).map((input) => [
        input,
        secrets.includes(input) ? `secrets.${input} || github.token` : `inputs.${input}`
      ])
    )
    expect(given).toEqual(wiring)
    for (const output of Object.keys(action.outputs)) {
      expect(expression(field(field(field(call(), 'outputs'), output), 'value'))).toBe(
        `jobs.modelgate.outputs.${output}`
      )
      expect(expression(field(field(job(), 'outputs'), output))).toBe(`steps.${id}.outputs.${output}`)
    }
  })

  it('defaults each input as the action does', () => {
    const declared = Object.fromEntries(entries(field(call(), 'inputs')))
    const differing = Object.entries(action.inputs).flatMap(([input, spec]) => {
      if (spec.default === undefined || !(input in declared)) return []
      const own = field(declared[input], 'default')
      return String(own) === spec.default ? [] : [`${input}: ${String(own)} (action: ${spec.default})`]
    })
    expect(differing).toEqual([])
  })
})
