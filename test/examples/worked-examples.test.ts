import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runCli } from '../helpers/cli.js'
import { scratchDir } from '../helpers/tmp.js'

/*
 * The two worked examples evaluate as their READMEs say, and so do the variations the
 * foundation issue names. Each variation copies the example and changes one thing.
 */

const CHURN_ARGS = [
  'evaluate',
  '--policy',
  'policy.yaml',
  '--model',
  'churn_classifier',
  '--version',
  '3',
  '--to',
  'staging',
  '--evidence',
  'offline=offline.json',
  '--evidence',
  'schema=schema.json',
  '--evidence',
  'checks=checks.json',
  '--evidence',
  'security=security.json',
  '--evidence',
  'lineage=lineage.json',
  '--baseline-evidence',
  'offline=baseline-offline.json',
  '--baseline-evidence',
  'schema=baseline-schema.json'
]
const FRAUD_ARGS = [
  'evaluate',
  '--policy',
  'policy.yaml',
  '--model',
  'fraud_detector',
  '--version',
  '7',
  '--to',
  'prod',
  '--evidence',
  'online=online.json',
  '--evidence',
  'drift=drift.json',
  '--evidence',
  'fairness=fairness.json',
  '--approvals',
  'approvals.json',
  '--actor',
  'release-bot'
]

let churn: ReturnType<typeof scratchDir>
let fraud: ReturnType<typeof scratchDir>
beforeAll(() => {
  churn = scratchDir()
  fraud = scratchDir()
  cpSync('test/fixtures/examples/churn-v3', churn.dir, { recursive: true })
  cpSync('test/fixtures/examples/fraud-v7', fraud.dir, { recursive: true })
})
afterAll(() => {
  churn.cleanup()
  fraud.cleanup()
})

const json = async (cwd: string, args: string[]) => {
  const run = await runCli([...args, '--format', 'json'], { cwd })
  return { ...run, result: run.stdout ? (JSON.parse(run.stdout) as Record<string, any>) : undefined }
}
const editJson = (dir: string, file: string, edit: (data: any) => void) => {
  const path = join(dir, file)
  const data = JSON.parse(readFileSync(path, 'utf8'))
  edit(data)
  writeFileSync(path, JSON.stringify(data))
}

describe('churn-v3: dev -> staging, expected promote', () => {
  it('promotes: AUC 0.88 vs baseline 0.85 passes +0.02; one optional feature added', async () => {
    const { code, result } = await json(churn.dir, CHURN_ARGS)
    expect(code).toBe(0)
    expect(result).toMatchObject({
      model: 'churn_classifier',
      version: 'v3.0.0',
      from: 'dev',
      to: 'staging',
      decision: 'promote',
      reasons: []
    })
    const byId = Object.fromEntries(result!.gates.map((g: any) => [g.id, g]))
    expect(byId['auc-vs-baseline']).toMatchObject({
      status: 'pass',
      metric: 'offline.auc',
      observed: 0.88,
      threshold: 'vs baseline min_delta +0.02'
    })
    expect(byId.schema).toMatchObject({
      status: 'pass',
      message: 'compatible; added optional "support_tickets_90d"'
    })
    expect(Object.values(byId).map((g: any) => g.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass'])
  })

  it('prints the decision JSON of docs/cli.md#json-output', async () => {
    const { result } = await json(churn.dir, CHURN_ARGS)
    expect(Object.keys(result!).slice(0, 8)).toEqual([
      'model',
      'version',
      'from',
      'to',
      'decision',
      'gates',
      'approvals',
      'reasons'
    ])
    for (const gate of result!.gates)
      expect(Object.keys(gate).slice(0, 6)).toEqual([
        'id',
        'status',
        'metric',
        'observed',
        'threshold',
        'message'
      ])
    expect(Object.keys(result!.approvals).slice(0, 4)).toEqual([
      'required',
      'received',
      'status',
      'approvers'
    ])
  })

  it('variation: a removed feature fails schema', async () => {
    const dir = scratchDir()
    try {
      cpSync(churn.dir, dir.dir, { recursive: true })
      editJson(dir.dir, 'schema.json', (s) => s.features.splice(2, 1))
      const { code, result } = await json(dir.dir, CHURN_ARGS)
      expect(code).toBe(1)
      expect(result!.gates.find((g: any) => g.id === 'schema')).toMatchObject({
        status: 'fail',
        message: 'incompatible: removed feature "contract_type"'
      })
    } finally {
      dir.cleanup()
    }
  })

  it('variation: +0.01 AUC against the +0.02 rule blocks, naming value and threshold', async () => {
    const dir = scratchDir()
    try {
      cpSync(churn.dir, dir.dir, { recursive: true })
      editJson(dir.dir, 'offline.json', (o) => (o.auc = 0.86))
      const { code, result } = await json(dir.dir, CHURN_ARGS)
      expect(code).toBe(1)
      expect(result!.reasons).toEqual(['auc-vs-baseline: 0.86: +0.01 vs baseline 0.85 < min_delta +0.02'])
    } finally {
      dir.cleanup()
    }
  })

  it('variation: a failed check blocks', async () => {
    const dir = scratchDir()
    try {
      cpSync(churn.dir, dir.dir, { recursive: true })
      editJson(dir.dir, 'checks.json', (c) => (c['integration-tests'] = 'failure'))
      const { code, result } = await json(dir.dir, CHURN_ARGS)
      expect(code).toBe(1)
      expect(result!.reasons).toEqual(['tests: integration-tests: failure'])
    } finally {
      dir.cleanup()
    }
  })

  it('variation: without the baseline version at all, vs_baseline and schema are skipped', async () => {
    const args = CHURN_ARGS.filter(
      (arg, i) => !(arg.startsWith('--baseline') || CHURN_ARGS[i - 1]?.startsWith('--baseline'))
    )
    const { code, result } = await json(churn.dir, [...args, '--no-baseline'])
    expect(code).toBe(0)
    expect(result!.gates.filter((g: any) => g.status === 'skipped').map((g: any) => g.id)).toEqual([
      'auc-vs-baseline',
      'schema'
    ])
  })
})

describe('fraud-v7: staging -> prod, expected promote with a canary plan', () => {
  it('promotes with two distinct approvers and the 10% -> 50% -> 100% plan', async () => {
    const { code, result } = await json(fraud.dir, FRAUD_ARGS)
    expect(code).toBe(0)
    expect(result).toMatchObject({ decision: 'promote', from: 'staging', to: 'prod' })
    expect(result!.approvals).toMatchObject({ required: 2, received: 2, status: 'pass' })
    expect(result!.approvals.approvers.map((a: any) => [a.user, a.environment])).toEqual([
      ['maria-owner', 'prod-owner'],
      ['li-reviewer', 'prod-reviewer']
    ])
    expect(result!.rollout).toMatchObject({
      strategy: 'canary',
      steps: [{ weight: 10 }, { weight: 50 }, { weight: 100 }]
    })
  })

  it('the text table shows the decision and the plan', async () => {
    const { code, stdout } = await runCli(FRAUD_ARGS, { cwd: fraud.dir })
    expect(code).toBe(0)
    expect(stdout).toContain('rollout: canary 10% (hold 30m) -> 50% (hold 2h) -> 100%')
    expect(stdout).toMatch(/decision: PROMOTE\n$/)
    expect(stdout).not.toContain('\u001b[')
  })

  it('variation: no approvals blocks', async () => {
    const args = FRAUD_ARGS.filter((arg, i) => arg !== '--approvals' && FRAUD_ARGS[i - 1] !== '--approvals')
    const { code, result } = await json(fraud.dir, args)
    expect(code).toBe(1)
    expect(result!.approvals).toMatchObject({ received: 0, status: 'fail' })
    expect(result!.reasons).toEqual([
      'approvals: 0 of 2 required approvals from environments prod-owner, prod-reviewer'
    ])
  })

  it('variation: an approver who triggered the run does not count', async () => {
    const args = FRAUD_ARGS.map((arg) => (arg === 'release-bot' ? 'maria-owner' : arg))
    const { code, result } = await json(fraud.dir, args)
    expect(code).toBe(1)
    expect(result!.approvals).toMatchObject({ received: 1, status: 'fail' })
    expect(result!.approvals.ignored).toEqual([
      {
        user: 'maria-owner',
        environment: 'prod-owner',
        reason: 'requested or re-ran the workflow run (self-approval)'
      }
    ])
  })

  it('markdown output is the auditor table', async () => {
    const { stdout } = await runCli([...FRAUD_ARGS, '--format', 'markdown'], { cwd: fraud.dir })
    expect(stdout).toContain('| Gate | Status | Observed | Threshold | Detail |')
    expect(stdout).toContain('| latency-p95 | ✅ pass | 62 | max 80 | 62 within max 80 |')
    expect(stdout).toContain('| maria-owner | prod-owner | yes | Shadow SLOs met; fairness within policy. |')
  })
})

describe('evaluate errors exit 2 with one located line and no stack', () => {
  it('a malformed policy', async () => {
    const dir = scratchDir({
      'p.yaml':
        'version: 1\nmodel: m\nstages: [a, b]\ntransitions:\n  - to: b\n    gates: [{ id: g, metric: x.y, max: high }]\n'
    })
    try {
      const { code, stderr, stdout } = await runCli(
        ['evaluate', '--policy', 'p.yaml', '--model', 'm', '--version', '1', '--to', 'b'],
        { cwd: dir.dir }
      )
      expect(code).toBe(2)
      expect(stdout).toBe('')
      expect(stderr).toMatch(
        /^modelgate: .*p\.yaml:6:40 transitions\[0\]\.gates\[0\]\.max: expected a number, got "high"\n$/
      )
    } finally {
      dir.cleanup()
    }
  })

  it('an evidence file that is named but absent', async () => {
    const { code, stderr } = await runCli([...FRAUD_ARGS.slice(0, 9), '--evidence', 'online=nope.json'], {
      cwd: fraud.dir
    })
    expect(code).toBe(2)
    expect(stderr).toBe('modelgate: nope.json: evidence "online": cannot read: no such file\n')
  })

  it('a version that is not semver, and --debug adds the stack', async () => {
    const bad = FRAUD_ARGS.map((arg) => (arg === '7' ? 'seven' : arg))
    const plain = await runCli(bad, { cwd: fraud.dir })
    expect(plain).toMatchObject({
      code: 2,
      stderr: 'modelgate: expected a version such as 7, v7.0.0 or 1.2.3, got "seven"\n'
    })
    const debug = await runCli(['--debug', ...bad], { cwd: fraud.dir })
    expect(debug.stderr).toMatch(/\n\s+at /)
  })
})
