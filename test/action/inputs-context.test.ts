import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { readContext, runContext, runUrl } from '../../src/action/context.js'
import { ActionEvidenceSource, parseArtifactPath } from '../../src/action/evidence-source.js'
import { readInputs } from '../../src/action/inputs.js'
import { findOwnAttempt } from '../../src/action/resume.js'
import type { EvidenceSource } from '../../src/evidence/source.js'
import { UsageError } from '../../src/errors.js'
import type { PromotionRecord } from '../../src/records/types.js'
import type { RawTag } from '../../src/registry/types.js'
import { scratchDir } from '../helpers/tmp.js'

const saved = { ...process.env }
let written: string[]

beforeEach(() => {
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key]
  written = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    written.push(String(chunk))
    return true
  })
})
afterEach(() => {
  jest.restoreAllMocks()
  process.env = { ...saved }
})

const inputs = (values: Record<string, string>): void => {
  for (const [name, value] of Object.entries(values)) process.env[`INPUT_${name.toUpperCase()}`] = value
}

describe('readInputs', () => {
  it('masks the token before anything can fail, and defaults the command to promote', () => {
    inputs({ 'github-token': 'ghs_secret123', model: 'fraud', policy: 'p.yml', version: '3', to: 'prod' })
    const read = readInputs()
    expect(written[0]).toBe('::add-mask::ghs_secret123\n')
    expect(read).toMatchObject({
      command: 'promote',
      model: 'fraud',
      version: '3',
      to: 'prod',
      dryRun: false
    })
    process.env['INPUT_GITHUB-TOKEN'] = 'ghs_secret456'
    delete process.env.INPUT_MODEL
    expect(() => readInputs()).toThrow('input model is required for command promote')
    expect(written).toContain('::add-mask::ghs_secret456\n')
  })

  it('asks for what each command needs', () => {
    inputs({ model: 'fraud', command: 'evaluate', policy: 'p.yml', version: '1' })
    expect(() => readInputs()).toThrow('input to is required for command evaluate')
    inputs({ command: 'resolve' })
    expect(() => readInputs()).toThrow('input stage is required for command resolve')
    // rollback without monitoring reads the monitoring the policy declares (lifecycle/monitoring.ts).
    inputs({ command: 'rollback' })
    expect(readInputs()).toMatchObject({ command: 'rollback', monitoring: [] })
    inputs({ command: 'preview', to: '' })
    expect(() => readInputs()).toThrow('input to is required for command preview')
    inputs({ command: 'deploy' })
    expect(() => readInputs()).toThrow(UsageError)
    delete process.env.INPUT_POLICY
    inputs({ command: 'register', version: '2' })
    expect(readInputs()).toMatchObject({ command: 'register', version: '2', policy: '' })
  })

  it('reads multiline evidence, the artifacts run id and dry-run strictly', () => {
    inputs({
      model: 'fraud',
      policy: 'p.yml',
      version: '1',
      to: 'prod',
      evidence: 'online=artifact:slo/summary.json\n\n# note\ndrift=d.json',
      'artifacts-run-id': '123',
      'dry-run': 'TRUE'
    })
    expect(readInputs()).toMatchObject({
      evidence: ['online=artifact:slo/summary.json', 'drift=d.json'],
      artifactsRunId: 123,
      dryRun: true
    })
    inputs({ 'artifacts-run-id': '12a' })
    expect(() => readInputs()).toThrow('artifacts-run-id must be a workflow run id')
    inputs({ 'artifacts-run-id': '1', 'dry-run': 'maybe' })
    expect(() => readInputs()).toThrow('dry-run must be true or false')
  })

  it('refuses administrator bypass unless told to warn, and reads policy-ref as given', () => {
    inputs({ model: 'fraud', policy: 'p.yml', version: '1', to: 'prod' })
    const defaults = readInputs()
    expect(defaults.adminBypass).toBe('refuse')
    expect(defaults).not.toHaveProperty('policyRef')
    inputs({ 'admin-bypass': 'WARN', 'policy-ref': ' release/2026 ' })
    expect(readInputs()).toMatchObject({ adminBypass: 'warn', policyRef: 'release/2026' })
    inputs({ 'admin-bypass': 'allow' })
    expect(() => readInputs()).toThrow('input admin-bypass must be refuse or warn, got "allow"')
  })
})

describe('readContext', () => {
  const env = {
    GITHUB_REPOSITORY: 'acme/models',
    GITHUB_RUN_ID: '42',
    GITHUB_RUN_ATTEMPT: '3',
    GITHUB_ACTOR: 'pusher',
    GITHUB_TRIGGERING_ACTOR: 'rerunner',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_WORKFLOW: 'promote',
    GITHUB_SERVER_URL: 'https://github.example/',
    GITHUB_API_URL: 'https://api.github.example/',
    RUNNER_TEMP: '/runner/temp'
  }

  it('reads the run from the runner variables; the triggering actor is the one never counted', () => {
    const context = readContext(env)
    expect(context).toMatchObject({
      owner: 'acme',
      repo: 'models',
      runId: 42,
      runAttempt: 3,
      actor: 'rerunner',
      originalActor: 'pusher',
      apiUrl: 'https://api.github.example',
      tempDir: '/runner/temp',
      event: {}
    })
    expect(runUrl(context)).toBe('https://github.example/acme/models/actions/runs/42/attempts/3')
    expect(runContext(context)).toEqual({
      repository: 'acme/models',
      run_id: '42',
      attempt: '3',
      workflow: 'promote',
      actor: 'rerunner',
      requested_by: 'pusher',
      rerun_by: ['rerunner'],
      sha: 'a'.repeat(40),
      url: runUrl(context)
    })
  })

  it('refuses a malformed repository or run id', () => {
    expect(() => readContext({ ...env, GITHUB_REPOSITORY: 'acme' })).toThrow(
      'GITHUB_REPOSITORY must be owner/repo'
    )
    expect(() => readContext({ ...env, GITHUB_RUN_ID: 'x' })).toThrow(
      'GITHUB_RUN_ID must be a workflow run id'
    )
  })

  it('reads the event payload when present and survives a broken one', () => {
    const dir = scratchDir({ 'event.json': '{"sender":{"login":"x"}}', 'broken.json': '{' })
    try {
      expect(readContext({ ...env, GITHUB_EVENT_PATH: `${dir.dir}/event.json` }).event).toEqual({
        sender: { login: 'x' }
      })
      expect(readContext({ ...env, GITHUB_EVENT_PATH: `${dir.dir}/broken.json` }).event).toEqual({})
    } finally {
      dir.cleanup()
    }
  })
})

describe('ActionEvidenceSource', () => {
  it('sends artifact specs and artifact: paths to the artifacts, everything else to the workspace', async () => {
    const calls: Array<[string | undefined, string]> = []
    const artifacts: EvidenceSource = {
      read: async (_name, spec, path) => {
        calls.push([spec.artifact, path])
        return { display: `artifact:${spec.artifact}/${path}`, bytes: Buffer.from('{}') }
      }
    }
    const dir = scratchDir({ 'local.json': '{"a":1}' })
    try {
      const source = new ActionEvidenceSource(artifacts, dir.dir)
      await source.read('a', { artifact: 'eval', format: 'json' }, 'metrics.json')
      await source.read('b', { format: 'json' }, 'artifact:slo/nested/summary.json')
      expect((await source.read('c', { format: 'json' }, 'local.json')).bytes.toString()).toBe('{"a":1}')
      expect(calls).toEqual([
        ['eval', 'metrics.json'],
        ['slo', 'nested/summary.json']
      ])
      expect(() => parseArtifactPath('artifact:noslash')).toThrow('artifact:<artifact>/<file inside it>')
    } finally {
      dir.cleanup()
    }
  })
})

describe('re-runs find their own attempt', () => {
  const record = (over: Partial<PromotionRecord> & { run: PromotionRecord['run'] }): PromotionRecord =>
    ({
      schema: 'modelgate/promotion-record/v1',
      event: 'promotion',
      model: 'm',
      version: 'v1.0.0',
      from_stage: 'staging',
      to_stage: 'prod',
      decision: 'promote',
      gates: [],
      approvals: [{ user: 'alice', environment: 'prod-owner', comment: '' }],
      rollout: null,
      rollback_to: null,
      baseline: { version: null },
      evidence: [],
      artifacts: {},
      policy: null,
      reasons: [],
      created_at: '2026-11-22T10:00:00Z',
      ...over
    }) as PromotionRecord
  const tag = (name: string, r: PromotionRecord | null, second: number): RawTag => ({
    name,
    commit: 'c'.repeat(40),
    message: r ? `summary\n\n${JSON.stringify(r)}\n` : 'register',
    tagger: {
      name: 't',
      email: 't@example.invalid',
      date: new Date(Date.UTC(2026, 10, 22, 10, 0, second)).toISOString()
    }
  })
  const query = { model: 'm', version: 'v1.0.0', stage: 'prod', runId: 7, attempt: 2 }

  it('reuses a promotion from any attempt of the run, a block only from the same attempt', () => {
    const promoted = [
      tag('m@v1.0.0', null, 0),
      tag('m#prod#1', record({ run: { run_id: '7', attempt: '1' } }), 1)
    ]
    expect(findOwnAttempt(promoted, query)?.tag).toBe('m#prod#1')
    const blockedEarlier = [
      tag('m@v1.0.0', null, 0),
      tag(
        'm@blocked#1',
        record({ event: 'blocked', decision: 'block', run: { run_id: '7', attempt: '1' } }),
        1
      )
    ]
    expect(findOwnAttempt(blockedEarlier, query)).toBeUndefined()
    expect(findOwnAttempt(blockedEarlier, { ...query, attempt: 1 })?.tag).toBe('m@blocked#1')
    expect(findOwnAttempt(promoted, { ...query, runId: 8 })).toBeUndefined()
    expect(findOwnAttempt(promoted, { ...query, stage: 'staging' })).toBeUndefined()
  })
})

describe('records name workspace files as the repository has them', () => {
  const POLICY =
    'version: 1\nmodel: fraud\nstages: [dev, prod]\ntransitions:\n  - to: prod\n    gates: [{ id: t, checks: [tests] }]\n'

  it('a policy read from the workspace is recorded by its path in the repository, with its blob id', async () => {
    const { readPolicy } = await import('../../src/action/shared.js')
    const { gitBlobId } = await import('../../src/policy/load.js')
    const workspace = scratchDir({ '.github/modelgate.yml': POLICY })
    try {
      for (const given of ['.github/modelgate.yml', './.github/modelgate.yml'])
        expect(
          (
            await readPolicy(
              { policy: given, command: 'evaluate' } as Parameters<typeof readPolicy>[0],
              workspace.dir
            )
          ).source
        ).toEqual({
          path: '.github/modelgate.yml',
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
          git_blob: gitBlobId(Buffer.from(POLICY))
        })
    } finally {
      workspace.cleanup()
    }
  })

  it('local evidence is recorded relative to the workspace, even when given by its absolute path', async () => {
    const { loadEvidence } = await import('../../src/evidence/load.js')
    const workspace = scratchDir({ 'reports/online.json': '{"p95": 62}' })
    const never: EvidenceSource = { read: () => Promise.reject(new Error('no artifact read expected')) }
    try {
      const source = new ActionEvidenceSource(never, workspace.dir)
      for (const path of ['reports/online.json', `${workspace.dir}/reports/online.json`]) {
        const loaded = await loadEvidence('online', { path, format: 'json' }, source)
        expect(loaded.source).toBe('reports/online.json')
      }
    } finally {
      workspace.cleanup()
    }
  })
})
