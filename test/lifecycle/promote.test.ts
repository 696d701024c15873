import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { completeArchival } from '../../src/lifecycle/promote.js'
import { GitRegistry } from '../../src/registry/git.js'
import { modelTagPrefixes } from '../../src/registry/gto.js'
import { buildHistory, resolveStage } from '../../src/registry/state.js'
import { recordFromTagMessage } from '../../src/records/record.js'
import { runCli } from '../helpers/cli.js'
import { gitRepo } from '../helpers/git.js'

const POLICY = `version: 1
model: fraud_detector
stages: [dev, staging, prod]
baseline: prod
transitions:
  - to: staging
    gates:
      - { id: auc-floor, metric: offline.auc, min: 0.90 }
      - { id: auc-vs-prod, metric: offline.auc, vs_baseline: { min_delta: 0.0 } }
  - to: prod
    gates:
      - { id: latency-p95, metric: online.latency_p95_ms, max: 80 }
    approvals: { required: 1, environments: [prod-owner] }
    rollout:
      strategy: canary
      steps: [{ weight: 10 }, { weight: 50 }, { weight: 100 }]
    rollback:
      to: previous
      when:
        - { metric: online.latency_p95_ms, above: 80, for: 5m }
`
const APPROVALS = JSON.stringify([
  { state: 'approved', comment: 'ok', environments: [{ name: 'prod-owner' }], user: { login: 'owner' } }
])

let repo: ReturnType<typeof gitRepo>
beforeEach(() => {
  repo = gitRepo()
  repo.write('policy.yaml', POLICY)
  repo.write('good.json', '{"auc": 0.95}')
  repo.write('weak.json', '{"auc": 0.80}')
  repo.write('online.json', '{"latency_p95_ms": 60}')
  repo.write('approvals.json', APPROVALS)
})
afterEach(() => repo.cleanup())

const cli = (...argv: string[]) => runCli(argv, { cwd: repo.dir })
const registerVersion = async (version: string) => {
  repo.commit(`train ${version}`)
  expect((await cli('register', '--model', 'fraud_detector', '--version', version)).code).toBe(0)
}
const toStaging = (version: string, evidence = 'good.json', ...extra: string[]) =>
  cli(
    'promote',
    '--policy',
    'policy.yaml',
    '--model',
    'fraud_detector',
    '--version',
    version,
    '--to',
    'staging',
    '--evidence',
    `offline=${evidence}`,
    '--baseline-evidence',
    'offline=weak.json',
    ...extra
  )
const toProd = (version: string) =>
  cli(
    'promote',
    '--policy',
    'policy.yaml',
    '--model',
    'fraud_detector',
    '--version',
    version,
    '--to',
    'prod',
    '--evidence',
    'online=online.json',
    '--approvals',
    'approvals.json',
    '--actor',
    'bot'
  )
const registryTags = () => new GitRegistry(repo.dir).listTags(modelTagPrefixes('fraud_detector'))
const inStage = async (stage: string) =>
  (await cli('resolve', '--model', 'fraud_detector', '--stage', stage)).stdout.trim()

describe('promote', () => {
  it('refuses an unregistered version with the command that fixes it', async () => {
    const { code, stderr } = await toStaging('1')
    expect(code).toBe(2)
    expect(stderr).toMatch(
      /fraud_detector v1.0.0 is not registered; run: modelgate register --model fraud_detector --version v1.0.0/
    )
  })

  it('writes the record into the assignment tag and moves the pointer', async () => {
    await registerVersion('1')
    const { code, stdout } = await toStaging('1')
    expect(code).toBe(0)
    expect(stdout).toContain('recorded in tag fraud_detector#staging#1')
    expect(await inStage('staging')).toBe('v1.0.0')
    const tag = (await registryTags()).find((t) => t.name === 'fraud_detector#staging#1')!
    expect(tag.message.split('\n')[0]).toBe('promote fraud_detector v1.0.0 dev -> staging')
    const record = recordFromTagMessage(tag.message)!
    expect(record).toMatchObject({
      schema: 'modelgate/promotion-record/v1',
      decision: 'promote',
      to_stage: 'staging',
      baseline: { version: null }
    })
    expect(record.gates.find((g) => g.id === 'auc-vs-prod')!.status).toBe('skipped')
    expect(record.policy!.sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('records a blocked attempt where history shows it, and moves nothing (exit 1)', async () => {
    await registerVersion('1')
    const { code } = await toStaging('1', 'weak.json')
    expect(code).toBe(1)
    expect(await inStage('staging')).toBe('')
    const events = buildHistory(await registryTags(), 'fraud_detector')
    expect(events.map((e) => [e.kind, e.tag])).toEqual([
      ['registration', 'fraud_detector@v1.0.0'],
      ['blocked', 'fraud_detector@blocked#1']
    ])
    expect(events[1]!.record!.reasons).toEqual(['auc-floor: 0.8 < min 0.9'])
  })

  it('--dry-run evaluates and writes nothing', async () => {
    await registerVersion('1')
    const { code, stdout } = await toStaging('1', 'good.json', '--dry-run')
    expect(code).toBe(0)
    expect(stdout).toContain('dry run: nothing written')
    expect((await registryTags()).map((t) => t.name)).toEqual(['fraud_detector@v1.0.0'])
  })

  it('runs a canary: both versions with weights, advancing by re-promoting, archiving at 100%', async () => {
    await registerVersion('1')
    await toStaging('1')
    expect((await toProd('1')).code).toBe(0)
    expect(await inStage('prod')).toBe('v1.0.0') // the first version has no champion: straight to 100%
    await registerVersion('2')
    await toStaging('2')
    await toProd('2')
    expect(await inStage('prod')).toBe('v2.0.0 10%\nv1.0.0 90%')
    await toProd('2')
    expect(await inStage('prod')).toBe('v2.0.0 50%\nv1.0.0 50%')
    const last = await toProd('2')
    expect(last.stdout).toMatch(/archived v1.0.0 from prod/)
    expect(await inStage('prod')).toBe('v2.0.0')
    const again = await toProd('2')
    expect(again).toMatchObject({ code: 2 })
    expect(again.stderr).toMatch(/already fully rolled out/)
  })

  it('compares with the version in the baseline stage, read from the registry', async () => {
    await registerVersion('1')
    await toStaging('1')
    await toProd('1')
    await registerVersion('2')
    const { stdout } = await cli(
      'promote',
      '--policy',
      'policy.yaml',
      '--model',
      'fraud_detector',
      '--version',
      '2',
      '--to',
      'staging',
      '--evidence',
      'offline=good.json',
      '--format',
      'json'
    )
    const result = JSON.parse(stdout)
    // v1 is in prod; its own staging promotion record observed offline.auc = 0.95: that is the
    // baseline, with no baseline evidence handed in, and the gate says where it came from.
    const day = new Date().toISOString().slice(0, 10)
    expect(result.gates.find((g: any) => g.id === 'auc-vs-prod')).toMatchObject({
      status: 'pass',
      baseline: 0.95,
      baseline_source: `v1.0.0's staging promotion record, ${day}`
    })
    expect(result.gates.find((g: any) => g.id === 'auc-vs-prod').message).toBe(
      `0.95, 0 vs baseline 0.95 (v1.0.0's staging promotion record, ${day})`
    )
    // The record of the promotion carries the same source.
    const tag = (await registryTags()).find((t) => t.name === result.tag)!
    expect(recordFromTagMessage(tag.message)!.gates.find((g) => g.id === 'auc-vs-prod')).toMatchObject({
      baseline: 0.95,
      baseline_source: `v1.0.0's staging promotion record, ${day}`
    })
  })

  it('falls back to baseline evidence only when the records lack the value, and otherwise says what to give', async () => {
    await registerVersion('1')
    // v1 reached prod through a policy without the offline gate: none of its records observed offline.auc.
    repo.write(
      'plain.yaml',
      POLICY.replace(/ {6}- \{ id: auc-floor.*\n/, '').replace(
        / {6}- \{ id: auc-vs-prod.*\n/,
        '      - { id: slo, metric: online.latency_p95_ms, max: 80 }\n'
      )
    )
    const plain = (to: string) =>
      cli(
        'promote',
        '--policy',
        'plain.yaml',
        '--model',
        'fraud_detector',
        '--version',
        '1',
        '--to',
        to,
        '--evidence',
        'offline=good.json',
        '--evidence',
        'online=online.json',
        '--approvals',
        'approvals.json',
        '--actor',
        'bot'
      )
    expect((await plain('staging')).code).toBe(0)
    expect((await plain('prod')).code).toBe(0)
    await registerVersion('2')
    const noEvidence = JSON.parse(
      (
        await cli(
          'promote',
          '--policy',
          'policy.yaml',
          '--model',
          'fraud_detector',
          '--version',
          '2',
          '--to',
          'staging',
          '--evidence',
          'offline=good.json',
          '--format',
          'json',
          '--dry-run'
        )
      ).stdout
    )
    expect(noEvidence.decision).toBe('block')
    expect(noEvidence.gates.find((g: any) => g.id === 'auc-vs-prod')).toMatchObject({
      status: 'error',
      message:
        'baseline v1.0.0 has no promotion record that observed offline.auc; give its evidence with --baseline-evidence offline=FILE (action input baseline-evidence)'
    })
    const withEvidence = await toStaging('2', 'good.json', '--format', 'json', '--dry-run')
    expect(JSON.parse(withEvidence.stdout).gates.find((g: any) => g.id === 'auc-vs-prod')).toMatchObject({
      status: 'pass',
      baseline: 0.8,
      baseline_source: 'baseline v1.0.0 evidence weak.json'
    })
  })

  it('reads correctly after a crash between the assignment and the archival, and the next promote repairs it', async () => {
    await registerVersion('1')
    await toStaging('1')
    await registerVersion('2')
    await toStaging('2')
    // Simulate the crash: delete the archival tag the promote wrote after its assignment.
    const archival = (await registryTags()).find((t) => t.name.startsWith('fraud_detector#staging!'))!
    repo.git('tag', '-d', archival.name)
    expect(resolveStage(await registryTags(), 'fraud_detector', 'staging').map((o) => o.version)).toEqual([
      'v2.0.0'
    ])
    await registerVersion('3')
    await toStaging('3')
    const unassigned = (await registryTags())
      .filter((t) => t.name.startsWith('fraud_detector#staging!'))
      .map((t) => t.message.split('\n')[0])
    expect(unassigned.sort()).toEqual([
      'archive fraud_detector v1.0.0 from staging: replaced by v3.0.0',
      'archive fraud_detector v2.0.0 from staging: replaced by v3.0.0'
    ])
  })
})

describe('completeArchival (a re-run of an interrupted promotion)', () => {
  it('archives what the interrupted attempt left assigned, once, and nothing when it was done', async () => {
    await registerVersion('1')
    await toStaging('1')
    await registerVersion('2')
    await toStaging('2')
    const registry = new GitRegistry(repo.dir)
    const ownEvent = async () =>
      buildHistory(await registryTags(), 'fraud_detector').find(
        (e) => e.kind === 'assignment' && e.version === 'v2.0.0'
      )!
    // Nothing was cut off: nothing to do.
    expect(await completeArchival(registry, await ownEvent(), await registryTags())).toEqual([])
    const archival = (await registryTags()).find((t) => t.name.startsWith('fraud_detector#staging!'))!
    repo.git('tag', '-d', archival.name)
    expect(await completeArchival(registry, await ownEvent(), await registryTags())).toEqual(['v1.0.0'])
    expect(await completeArchival(registry, await ownEvent(), await registryTags())).toEqual([])
    const archivals = (await registryTags()).filter((t) => t.name.startsWith('fraud_detector#staging!'))
    expect(archivals.map((t) => t.message.split('\n')[0])).toEqual([
      'archive fraud_detector v1.0.0 from staging: replaced by v2.0.0'
    ])
    // A blocked attempt or a registration is not a promotion to complete.
    const registration = buildHistory(await registryTags(), 'fraud_detector').find(
      (e) => e.kind === 'registration'
    )!
    expect(await completeArchival(registry, registration, await registryTags())).toEqual([])
  })
})

describe('rollback', () => {
  // Samples after the promotions (triggers judge only the current version's own samples).
  const start = () => Math.floor(Date.now() / 1000) + 60
  const series = (values: number[]) =>
    JSON.stringify({ latency_p95_ms: values.map((v, i) => [start() + i * 60, v]) })

  beforeEach(async () => {
    await registerVersion('1')
    await toStaging('1')
    await toProd('1')
    await registerVersion('2')
    await toStaging('2')
    for (let i = 0; i < 3; i++) await toProd('2')
  })

  it('a short spike does not fire', async () => {
    repo.write('spike.json', series([60, 61, 120, 130, 60, 62, 61]))
    const { code, stdout } = await cli(
      'rollback',
      '--policy',
      'policy.yaml',
      '--model',
      'fraud_detector',
      '--monitoring',
      'online=spike.json'
    )
    expect(code).toBe(0)
    expect(stdout).toContain('no trigger fired: nothing to do')
    expect(await inStage('prod')).toBe('v2.0.0')
  })

  it('a sustained breach moves prod back to the previous version and records why', async () => {
    repo.write('breach.json', series([60, 61, 95, 96, 97, 95, 94, 99, 98]))
    const { code, stdout } = await cli(
      'rollback',
      '--policy',
      'policy.yaml',
      '--model',
      'fraud_detector',
      '--monitoring',
      'online=breach.json'
    )
    expect(code).toBe(0)
    expect(stdout).toMatch(/rolled back prod to v1.0.0 \(tag fraud_detector#prod#\d+\); v2.0.0 archived/)
    expect(await inStage('prod')).toBe('v1.0.0')
    const rollbackEvent = buildHistory(await registryTags(), 'fraud_detector').find(
      (e) => e.kind === 'rollback'
    )!
    expect(rollbackEvent.record).toMatchObject({
      event: 'rollback',
      rollback_to: 'v1.0.0',
      baseline: { version: 'v2.0.0' }
    })
    expect(rollbackEvent.record!.reasons[0]).toMatch(
      /^rollback trigger: online.latency_p95_ms above 80 for 5m: held from/
    )
  })

  it('reads Prometheus query_range results, named by __name__', async () => {
    const values = [60, 95, 96, 97, 95, 94, 99].map((v, i) => [start() + i * 60, String(v)])
    repo.write(
      'prom.json',
      JSON.stringify({
        status: 'success',
        data: {
          resultType: 'matrix',
          result: [{ metric: { __name__: 'latency_p95_ms', job: 'fraud' }, values }]
        }
      })
    )
    const { stdout } = await cli(
      'rollback',
      '--policy',
      'policy.yaml',
      '--model',
      'fraud_detector',
      '--monitoring',
      'online=prom.json'
    )
    expect(stdout).toContain('rolled back prod to v1.0.0')
  })
})
