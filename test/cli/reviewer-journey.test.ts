import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { GitRegistry } from '../../src/registry/git.js'
import { modelTagPrefixes } from '../../src/registry/gto.js'
import { runCli } from '../helpers/cli.js'
import { gitRepo } from '../helpers/git.js'

/*
 * The CLI on the reviewer's journey: `preview` before approvals, canary holds, and the
 * consistency points (history's vocabulary, rollback's exit codes and policy monitoring,
 * commander's errors, evaluate of an unregistered version, the committed bin's mode).
 */
const POLICY = `version: 1
model: fraud_detector
stages: [dev, staging, prod]
baseline: prod
evidence:
  offline: { path: offline.json }
  online: { path: online.json }
  monitoring: { path: latency.json, format: timeseries }
transitions:
  - to: staging
    gates:
      - { id: auc-floor, metric: offline.auc, min: 0.90 }
  - to: prod
    gates:
      - { id: latency-p95, metric: online.latency_p95_ms, max: 80 }
      - { id: latency-vs-prod, metric: online.latency_p95_ms, vs_baseline: { max_relative: 0.2 } }
    approvals: { required: 2, environments: [prod-owner, prod-reviewer], prevent_self_approval: true }
    rollout:
      strategy: canary
      steps: [{ weight: 10, hold: 30m }, { weight: 50, hold: 2h }, { weight: 100 }]
    rollback:
      to: previous
      when:
        - { metric: monitoring.latency_p95_ms, above: 80, for: 5m }
`
const review = (login: string, environment: string) => ({
  state: 'approved',
  comment: 'ok',
  environments: [{ name: environment }],
  user: { login }
})
// Samples start after the call: a rollback judges only what the version now in the stage served.
const series = (values: number[]) => {
  const start = Math.floor(Date.now() / 1000) + 60
  return JSON.stringify({ latency_p95_ms: values.map((v, i) => [start + i * 60, v]) })
}

let repo: ReturnType<typeof gitRepo>
beforeEach(() => {
  repo = gitRepo()
  repo.write('policy.yaml', POLICY)
  repo.write('offline.json', '{"auc": 0.95}')
  repo.write('online.json', '{"latency_p95_ms": 60}')
  repo.write('none.json', '[]')
  repo.write('one.json', JSON.stringify([review('ana', 'prod-owner')]))
  repo.write('both.json', JSON.stringify([review('ana', 'prod-owner'), review('bo', 'prod-reviewer')]))
})
afterEach(() => repo.cleanup())

const cli = (...argv: string[]) => runCli(argv, { cwd: repo.dir })
const flags = (version: string, to: string, approvals = 'both.json') => [
  '--policy',
  'policy.yaml',
  '--model',
  'fraud_detector',
  '--version',
  version,
  '--to',
  to,
  '--approvals',
  approvals,
  '--actor',
  'release-bot'
]
const tags = async () =>
  (await new GitRegistry(repo.dir).listTags(modelTagPrefixes('fraud_detector'))).map((t) => t.name)

async function v1InProdV2InStaging() {
  repo.commit('train v1')
  expect((await cli('register', '--model', 'fraud_detector', '--version', '1')).code).toBe(0)
  expect((await cli('promote', ...flags('1', 'staging'))).code).toBe(0)
  expect((await cli('promote', ...flags('1', 'prod'))).code).toBe(0)
  repo.commit('train v2')
  expect((await cli('register', '--model', 'fraud_detector', '--version', '2')).code).toBe(0)
  expect((await cli('promote', ...flags('2', 'staging'))).code).toBe(0)
}

describe('preview: what reviewers read before approving', () => {
  it('passes with no approvals yet, shows them pending, and writes nothing', async () => {
    await v1InProdV2InStaging()
    const before = await tags()
    const { code, stdout } = await cli('preview', ...flags('2', 'prod', 'none.json'))
    expect(code).toBe(0)
    expect(stdout).toContain('still needed: 2 more, one from each of prod-owner, prod-reviewer')
    expect(stdout).toContain('preview: every gate passes; nothing written')
    expect(await tags()).toEqual(before)
    const partial = await cli('preview', ...flags('2', 'prod', 'one.json'), '--format', 'markdown')
    expect(partial.code).toBe(0)
    expect(partial.stdout).toContain('**Approvals:** 1 of 2 so far')
    expect(partial.stdout).toContain('- Approved by: ana (prod-owner)')
    expect(partial.stdout).toContain('Still needed: 1 more, one from each of `prod-reviewer`')
    expect(partial.stdout).toContain('| online | `online.json` |')
    expect(partial.stdout).toContain('baseline value from v1.0.0&#39;s prod promotion record')
    expect(partial.stdout).toContain('this promotion takes step 1 of 3, 10% of traffic')
    // promote with the same pending approvals blocks, as it must.
    expect((await cli('promote', ...flags('2', 'prod', 'one.json'), '--dry-run')).code).toBe(1)
  })

  it('exits 1 and names the gate when one blocks, whatever the approvals', async () => {
    await v1InProdV2InStaging()
    repo.write('slow.json', '{"latency_p95_ms": 95}')
    const { code, stdout } = await cli(
      'preview',
      ...flags('2', 'prod', 'both.json'),
      '--evidence',
      'online=slow.json',
      '--format',
      'json'
    )
    expect(code).toBe(1)
    const json = JSON.parse(stdout)
    expect(json.preview).toMatchObject({
      gates_pass: false,
      failed_gates: ['latency-p95', 'latency-vs-prod']
    })
    expect(json.preview.approvals).toEqual({
      required: 2,
      received: 2,
      approved_by: [
        { user: 'ana', environment: 'prod-owner' },
        { user: 'bo', environment: 'prod-reviewer' }
      ],
      waiting_on: [],
      ignored: []
    })
  })
})

describe('canary holds hold (CLI)', () => {
  it('refuses step 2 before step 1 has held 30 minutes, writing nothing; resolve says when it may start', async () => {
    await v1InProdV2InStaging()
    expect((await cli('promote', ...flags('2', 'prod'))).code).toBe(0)
    const before = await tags()
    const refused = await cli('promote', ...flags('2', 'prod'))
    expect(refused.code).toBe(2)
    expect(refused.stdout).toBe('')
    expect(refused.stderr).toMatch(
      /^modelgate: fraud_detector v2\.0\.0 is at 10% in prod since .*, held for 30m: step 2 \(50%\) may start at \d\d:\d\d UTC, in (29|30) minutes; nothing was written\n$/
    )
    expect(await tags()).toEqual(before)
    const resolved = await cli('resolve', '--model', 'fraud_detector', '--stage', 'prod')
    expect(resolved.stdout).toBe('v2.0.0 10%\nv1.0.0 90%\n')
    expect(resolved.stderr).toMatch(/step 2 \(50%\) may start at \d\d:\d\d UTC, in (29|30) minutes/)
    const json = JSON.parse(
      (await cli('resolve', '--model', 'fraud_detector', '--stage', 'prod', '--format', 'json')).stdout
    )
    expect(json.rollout).toMatchObject({
      version: 'v2.0.0',
      step: 1,
      weight: 10,
      next_step: 2,
      next_weight: 50
    })
    expect(Date.parse(json.rollout.next_step_at) - Date.parse(json.versions[0].since)).toBe(30 * 60 * 1000)
  })
})

describe('history speaks one vocabulary', () => {
  it('rollback events say rollback in every column and in JSON; details are cut at a word, with an ellipsis', async () => {
    await v1InProdV2InStaging()
    repo.write('policy.yaml', POLICY.replace(/, hold: \w+/g, ''))
    for (let i = 0; i < 3; i++) expect((await cli('promote', ...flags('2', 'prod'))).code).toBe(0)
    repo.write('latency.json', series([60, 95, 96, 97, 98, 99, 99, 99]))
    expect((await cli('rollback', '--policy', 'policy.yaml', '--model', 'fraud_detector')).code).toBe(0)
    const text = (await cli('history', '--model', 'fraud_detector')).stdout
    const rows = text
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(/\s{2,}/))
    const rollbackRow = rows.find((row) => row[1] === 'rollback')!
    expect(rollbackRow[4]).toBe('rollback')
    expect(rows.filter((row) => row[1] === 'promotion').every((row) => row[4] === 'promote')).toBe(true)
    expect(rows.map((row) => row[1])).not.toContain('assignment')
    const detail = rollbackRow[7]!
    expect(detail.length).toBeLessThanOrEqual(90)
    expect(detail).toMatch(/^rollback trigger: .*\S…$/)
    // The full reason, to compare the cut against: it ends on a whole word.
    const json = JSON.parse((await cli('history', '--model', 'fraud_detector', '--format', 'json')).stdout)
    const event = json.events.find((e: any) => e.kind === 'rollback')
    expect(event.decision).toBe('rollback')
    const full: string = event.reasons[0]
    expect(full.startsWith(detail.slice(0, -1))).toBe(true)
    expect(full[detail.length - 1]).toBe(' ')
    expect(json.events.map((e: any) => e.kind)).toEqual(
      expect.arrayContaining(['registration', 'promotion', 'archival', 'rollback'])
    )
    expect(json.events.map((e: any) => e.kind)).not.toContain('assignment')
  })
})

describe('rollback: exit codes and monitoring from the policy', () => {
  beforeEach(async () => {
    repo.write('policy.yaml', POLICY.replace(/, hold: \w+/g, ''))
    await v1InProdV2InStaging()
    for (let i = 0; i < 3; i++) expect((await cli('promote', ...flags('2', 'prod'))).code).toBe(0)
  })

  it('reads the monitoring the policy declares: 0 when quiet, 0 when it rolls back', async () => {
    repo.write('latency.json', series([60, 61, 62, 60, 61, 60, 62, 61]))
    const quiet = await cli('rollback', '--policy', 'policy.yaml', '--model', 'fraud_detector')
    expect(quiet).toMatchObject({ code: 0, stderr: '' })
    expect(quiet.stdout).toContain('no trigger fired: nothing to do')
    repo.write('latency.json', series([60, 95, 96, 97, 98, 99, 99, 99]))
    const fired = await cli('rollback', '--policy', 'policy.yaml', '--model', 'fraud_detector')
    expect(fired.code).toBe(0)
    expect(fired.stdout).toMatch(/rolled back prod to v1\.0\.0/)
  })

  it('exits 1 when a trigger cannot be judged (its series is shorter than its baseline window), writing nothing', async () => {
    repo.write(
      'policy.yaml',
      POLICY.replace(/, hold: \w+/g, '').replace(
        '        - { metric: monitoring.latency_p95_ms, above: 80, for: 5m }\n',
        '        - { metric: monitoring.latency_p95_ms, above: 80, for: 5m }\n        - { metric: monitoring.throughput, drop_relative: 0.5, for: 5m, baseline_window: 1h }\n'
      )
    )
    repo.write(
      'latency.json',
      JSON.stringify({
        latency_p95_ms: [60, 61, 60].map((v, i) => [1_763_800_000 + i * 60, v]),
        throughput: [100, 20, 20].map((v, i) => [1_763_800_000 + i * 60, v])
      })
    )
    const before = await tags()
    const result = await cli('rollback', '--policy', 'policy.yaml', '--model', 'fraud_detector')
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(
      'no trigger fired, but not every trigger could be judged: nothing written'
    )
    expect(await tags()).toEqual(before)
  })

  it('exits 2 when the policy declares no monitoring the triggers can read, saying what to give', async () => {
    repo.write(
      'policy.yaml',
      POLICY.replace('  monitoring: { path: latency.json, format: timeseries }\n', '')
    )
    const result = await cli('rollback', '--policy', 'policy.yaml', '--model', 'fraud_detector')
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(
      /^modelgate: \S*policy\.yaml evidence\.monitoring: rollback trigger monitoring\.latency_p95_ms reads monitoring "monitoring", which the policy does not declare .* or give --monitoring monitoring=FILE\n$/
    )
  })
})

describe('errors keep the modelgate: form', () => {
  it.each([
    [['resolve', '--model', 'm', '--stage', 's', '--bogus'], /^modelgate: unknown option '--bogus'\n/],
    [['promote', '--policy', 'policy.yaml'], /^modelgate: required option '--model <name>' not specified\n/],
    [['nonsense'], /^modelgate: unknown command 'nonsense'\n/]
  ])('%j', async (argv, pattern) => {
    const { code, stderr } = await cli(...argv)
    expect(code).toBe(2)
    expect(stderr).toMatch(pattern)
    expect(stderr).not.toMatch(/^error:/m)
  })
})

describe('evaluate of an unregistered version', () => {
  it('says it is unregistered, as promote does, instead of PROMOTE', async () => {
    const viaRegistry = await cli('evaluate', ...flags('9', 'staging'), '--registry', '.')
    expect(viaRegistry.code).toBe(2)
    expect(viaRegistry.stdout).toBe('')
    expect(viaRegistry.stderr).toMatch(/fraud_detector v9\.0\.0 is not registered; run: modelgate register/)
    // A baseline gate reads the registry of the current repository by default, as promote does.
    const byDefault = await cli('evaluate', ...flags('9', 'prod'))
    expect(byDefault.code).toBe(2)
    expect(byDefault.stderr).toMatch(/fraud_detector v9\.0\.0 is not registered/)
    const promote = await cli('promote', ...flags('9', 'prod'), '--dry-run')
    expect(promote.stderr).toBe(byDefault.stderr)
  })
})

describe('the committed CLI bundle', () => {
  it('dist/cli.js is executable in the git index, so the first npx run does not dirty a clone', () => {
    const entry = execFileSync('git', ['ls-files', '-s', 'dist/cli.js'], { encoding: 'utf8' })
    expect(entry).toMatch(/^100755 /)
  })
})
