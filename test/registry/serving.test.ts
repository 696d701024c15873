import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { GitRegistry } from '../../src/registry/git.js'
import { modelTagPrefixes } from '../../src/registry/gto.js'
import { archivedVersions, resolveAllStages, resolveServedStage } from '../../src/registry/serving.js'
import { recordFromTagMessage } from '../../src/records/record.js'
import { runCli } from '../helpers/cli.js'
import { gitRepo } from '../helpers/git.js'

/*
 * The serving contract on a scratch registry with real git. Each step runs at a chosen tagger
 * time (GIT_COMMITTER_DATE, which git reads for the tag's tagger line), so `--at` can ask about
 * the moments in between: before the first promotion, between a canary's steps, after a rollback.
 */

const MODEL = 'fraud_detector'
const DAY = Date.UTC(2026, 5, 1) / 1000 // 2026-06-01T00:00:00Z
const iso = (offset: number): string => new Date((DAY + offset) * 1000).toISOString()
const DIGEST = (n: number): string => `sha256:${String(n).repeat(64)}`

const POLICY = `version: 1
model: ${MODEL}
stages: [dev, staging, prod]
baseline: prod
transitions:
  - to: staging
    gates:
      - { id: auc-floor, metric: offline.auc, min: 0.90 }
      - { id: lineage, lineage: [model_digest, model_uri] }
  - to: prod
    gates:
      - { id: latency-p95, metric: online.latency_p95_ms, max: 80 }
    rollout:
      strategy: canary
      steps: [{ weight: 10 }, { weight: 50 }, { weight: 100 }]
    rollback:
      to: previous
      when:
        - { metric: online.latency_p95_ms, above: 80, for: 5m }
`

let repo: ReturnType<typeof gitRepo>
const commits: Record<string, string> = {}
const cli = (...argv: string[]) => runCli(argv, { cwd: repo.dir })
const tags = () => new GitRegistry(repo.dir).listTags(modelTagPrefixes(MODEL))

/** Runs a CLI step with the tagger clock at DAY + offset seconds. */
async function at(offset: number, ...argv: string[]) {
  process.env.GIT_COMMITTER_DATE = `${DAY + offset} +0000`
  try {
    return await cli(...argv)
  } finally {
    delete process.env.GIT_COMMITTER_DATE
  }
}
const register = (offset: number, version: string) =>
  at(offset, 'register', '--model', MODEL, '--version', version)
const toStaging = (offset: number, version: string, lineage: string) =>
  at(
    offset,
    'promote',
    '--policy',
    'policy.yaml',
    '--model',
    MODEL,
    '--version',
    version,
    '--to',
    'staging',
    '--evidence',
    'offline=good.json',
    '--evidence',
    `lineage=${lineage}`
  )
const toProd = (offset: number, version: string) =>
  at(
    offset,
    'promote',
    '--policy',
    'policy.yaml',
    '--model',
    MODEL,
    '--version',
    version,
    '--to',
    'prod',
    '--evidence',
    'online=online.json'
  )
const resolveJson = async (...argv: string[]) => {
  const run = await cli('resolve', '--model', MODEL, '--format', 'json', ...argv)
  return { code: run.code, stderr: run.stderr, json: JSON.parse(run.stdout || 'null') }
}
const prodAt = async (offset: number) =>
  (await resolveJson('--stage', 'prod', '--at', iso(offset))).json.versions.map(
    (v: { version: string; weight: number | null }) => `${v.version} ${v.weight ?? '-'}`
  )

describe('the serving contract over a whole lifecycle (real git)', () => {
  beforeAll(async () => {
    repo = gitRepo()
    repo.write('policy.yaml', POLICY)
    repo.write('good.json', '{"auc": 0.95}')
    repo.write('online.json', '{"latency_p95_ms": 60}')
    repo.write(
      'lineage-v1.json',
      JSON.stringify({ model_digest: DIGEST(1), model_uri: 's3://models/fraud/v1/model.onnx' })
    )
    repo.write(
      'lineage-v2.json',
      JSON.stringify({ model_digest: DIGEST(2), model_uri: 'hf://acme/fraud-detector@v2' })
    )
    commits.v1 = repo.commit('train v1')
    expect((await register(100, '1')).code).toBe(0)
    expect((await toStaging(200, '1', 'lineage-v1.json')).code).toBe(0)
    expect((await toProd(300, '1')).code).toBe(0)
    commits.v2 = repo.commit('train v2')
    expect((await register(400, '2')).code).toBe(0)
    expect((await toStaging(500, '2', 'lineage-v2.json')).code).toBe(0)
    for (const offset of [600, 700, 800]) expect((await toProd(offset, '2')).code).toBe(0)
    // A rollback judges only the samples taken after v2 took prod (its record's time): the breach
    // starts now.
    const start = Math.ceil(Date.now() / 1000) + 1
    repo.write(
      'breach.json',
      JSON.stringify({ latency_p95_ms: [95, 96, 97, 95, 94, 99].map((v, i) => [start + i * 60, v]) })
    )
    const rollback = await at(
      900,
      'rollback',
      '--policy',
      'policy.yaml',
      '--model',
      MODEL,
      '--monitoring',
      'online=breach.json'
    )
    expect(rollback.stdout).toContain('rolled back prod to v1.0.0')
  }, 60_000)
  afterAll(() => repo.cleanup())

  it('resolve --format json gives what a deploy job loads: commit, digest, URI, weight, since, tag, verified', async () => {
    const { code, json } = await resolveJson('--stage', 'staging')
    expect(code).toBe(0)
    expect(json).toEqual({
      model: MODEL,
      stage: 'staging',
      at: null,
      verified_only: false,
      // No canary in progress in staging.
      rollout: null,
      versions: [
        {
          version: 'v2.0.0',
          commit: commits.v2,
          model_digest: DIGEST(2),
          model_uri: 'hf://acme/fraud-detector@v2',
          weight: null,
          since: expect.any(String),
          tag: 'fraud_detector#staging#3',
          verified: true
        }
      ]
    })
  })

  it('a version put back by a rollback keeps the digest and URI of the promotion that named them', async () => {
    const { json } = await resolveJson('--stage', 'prod')
    expect(json.versions).toHaveLength(1)
    expect(json.versions[0]).toMatchObject({
      version: 'v1.0.0',
      commit: commits.v1,
      model_digest: DIGEST(1),
      model_uri: 's3://models/fraud/v1/model.onnx',
      verified: true
    })
    const record = recordFromTagMessage((await tags()).find((t) => t.name === json.versions[0].tag)!.message)
    expect(record?.event).toBe('rollback')
  })

  it('--at before the first promotion: the stage is empty (exit 1), as before the first registration', async () => {
    for (const offset of [50, 150]) {
      const { code, json } = await resolveJson('--stage', 'prod', '--at', iso(offset))
      expect(code).toBe(1)
      expect(json).toEqual({
        model: MODEL,
        stage: 'prod',
        at: iso(offset),
        verified_only: false,
        rollout: null,
        versions: []
      })
    }
    const text = await cli('resolve', '--model', MODEL, '--stage', 'staging', '--at', iso(150))
    expect(text.code).toBe(1)
    expect(text.stderr).toContain(`no version of ${MODEL} is in staging at ${iso(150)}`)
  })

  it('--at answers each moment of the canary, then the rollback, from the tags alone', async () => {
    expect(await prodAt(350)).toEqual(['v1.0.0 -'])
    expect(await prodAt(650)).toEqual(['v2.0.0 10', 'v1.0.0 90'])
    expect(await prodAt(750)).toEqual(['v2.0.0 50', 'v1.0.0 50'])
    expect(await prodAt(850)).toEqual(['v2.0.0 -'])
    expect(await prodAt(950)).toEqual(['v1.0.0 -'])
    // Between the canary's steps both versions carry what a router needs.
    const { json } = await resolveJson('--stage', 'prod', '--at', iso(650))
    expect(json.versions.map((v: { commit: string }) => v.commit)).toEqual([commits.v2, commits.v1])
    expect(json.versions[0]).toMatchObject({ model_digest: DIGEST(2), verified: true })
    // The same moment written with another zone is the same answer.
    expect((await resolveJson('--stage', 'prod', '--at', '2026-06-01T02:10:50+02:00')).json.versions).toEqual(
      json.versions
    )
  })

  it('archived: versions once assigned and in no stage now, as of any moment', async () => {
    expect((await resolveJson('--stage', 'archived', '--at', iso(450))).json.versions).toEqual([])
    const afterStaging = await resolveJson('--stage', 'archived', '--at', iso(550))
    // v1 left staging when v2 replaced it, but is still in prod: not archived.
    expect(afterStaging.json.versions).toEqual([])
    const afterCanary = await resolveJson('--stage', 'archived', '--at', iso(850))
    expect(afterCanary.json.versions).toEqual([
      expect.objectContaining({
        version: 'v1.0.0',
        from_stage: 'prod',
        commit: commits.v1,
        model_uri: 's3://models/fraud/v1/model.onnx',
        verified: true,
        weight: null
      })
    ])
    expect(afterCanary.json.versions[0].tag).toMatch(/^fraud_detector#prod!#\d+$/)
    // After the rollback v1 serves again and v2 is still in staging: nothing is archived.
    const now = await resolveJson('--stage', 'archived')
    expect(now.code).toBe(1)
    expect(now.json.versions).toEqual([])
  })

  it('resolve --all (and resolve without --stage) lists every stage, in order of first use', async () => {
    const all = await resolveJson('--all')
    expect(all.code).toBe(0)
    expect(
      all.json.stages.map((s: { stage: string; versions: Array<{ version: string }> }) => [
        s.stage,
        s.versions.map((v) => v.version)
      ])
    ).toEqual([
      ['staging', ['v2.0.0']],
      ['prod', ['v1.0.0']]
    ])
    expect((await resolveJson()).json).toEqual(all.json)
    const canary = await resolveJson('--all', '--at', iso(650))
    expect(canary.json.stages[1].versions.map((v: { weight: number }) => v.weight)).toEqual([10, 90])
    expect((await resolveJson('--all', '--at', iso(50))).code).toBe(1)
    const table = await cli('resolve', '--model', MODEL, '--at', iso(650))
    expect(table.stdout).toMatch(/^STAGE\s+VERSION\s+WEIGHT\s+SINCE\s+VERIFIED\n/)
    expect(table.stdout).toMatch(/prod\s+v2\.0\.0\s+10%/)
    expect(table.stdout).toMatch(/prod\s+v1\.0\.0\s+90%/)
  })

  it('the library answers as the CLI does', async () => {
    const all = await tags()
    const at = new Date(iso(650))
    expect(resolveServedStage(all, MODEL, 'prod', { at })).toEqual(
      (await resolveJson('--stage', 'prod', '--at', iso(650))).json.versions
    )
    expect(resolveAllStages(all, MODEL).map((s) => s.stage)).toEqual(['staging', 'prod'])
    expect(archivedVersions(all, MODEL, { at: new Date(iso(850)) }).map((v) => v.version)).toEqual(['v1.0.0'])
  })

  it('history --since/--until keeps the events inside the window, ends included', async () => {
    const run = await cli(
      'history',
      '--model',
      MODEL,
      '--format',
      'json',
      '--since',
      iso(600),
      '--until',
      iso(950)
    )
    expect(run.code).toBe(0)
    const kinds = JSON.parse(run.stdout).events.map(
      (e: { kind: string; version: string }) => `${e.kind} ${e.version}`
    )
    expect(kinds).toEqual([
      // A stage assignment is a `promotion` in history's vocabulary (the records' `event`).
      'promotion v2.0.0',
      'promotion v2.0.0',
      'promotion v2.0.0',
      'archival v1.0.0',
      'rollback v1.0.0',
      'archival v2.0.0'
    ])
    // Up to a moment: exactly the tags `resolve --at` stands on at that moment.
    const before = await cli('history', '--model', MODEL, '--format', 'json', '--until', iso(550))
    const windowTags = JSON.parse(run.stdout).events.map((e: { tag: string }) => e.tag)
    const beforeTags = JSON.parse(before.stdout).events.map((e: { tag: string }) => e.tag)
    expect(beforeTags).toHaveLength(6)
    expect(beforeTags.filter((tag: string) => windowTags.includes(tag))).toEqual([])
  })
})

describe('time flags are validated strictly', () => {
  beforeAll(() => {
    repo = gitRepo()
  })
  afterAll(() => repo.cleanup())

  it.each([
    ['2026-06-01', 'a date alone has no time and no zone'],
    ['2026-06-01T12:00:00', 'no zone (Z or ±HH:MM): a local time is a different instant on every runner'],
    ['2026-06-01 12:00', 'no zone'],
    ['2026-06-01 12:00:00Z', 'joined by "T", not a space'],
    ['2026-06-01T12:00:00+0200', 'write the zone offset as ±HH:MM'],
    ['yesterday', 'ISO 8601 with a date, a time and a zone'],
    ['1780000000', 'ISO 8601 with a date, a time and a zone'],
    ['2026-02-30T00:00:00Z', 'no such date'],
    ['2026-06-01T24:00:00Z', 'no such time of day'],
    ['2026-06-01T12:00:00+25:00', 'no such zone offset']
  ])('--at %s is refused (%s)', async (value, why) => {
    const run = await cli('resolve', '--model', MODEL, '--stage', 'prod', '--at', value)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--at: expected a moment such as 2026-06-01T12:00:00Z')
    expect(run.stderr).toContain(why)
    expect(run.stdout).toBe('')
  })

  it('history refuses a malformed --since and a window that ends before it starts', async () => {
    const bad = await cli('history', '--model', MODEL, '--since', '1 June')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--since: expected a moment')
    const inverted = await cli(
      'history',
      '--model',
      MODEL,
      '--since',
      '2026-06-02T00:00:00Z',
      '--until',
      '2026-06-01T00:00:00Z'
    )
    expect(inverted.code).toBe(2)
    expect(inverted.stderr).toContain('is after --until')
  })

  it('--stage and --all together are refused', async () => {
    const run = await cli('resolve', '--model', MODEL, '--stage', 'prod', '--all')
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('give one')
  })
})
