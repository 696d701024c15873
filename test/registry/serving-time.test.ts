import { describe, expect, it } from '@jest/globals'
import { GTO_TAG_RE } from '../../src/registry/gto.js'
import { resolveServedStage } from '../../src/registry/serving.js'
import { heldBackAt } from '../../src/registry/time.js'
import {
  AUC_POLICY,
  MODEL,
  TAG_EPOCH,
  scratchRegistry,
  isoAt,
  promoteUnderAucPolicy
} from './serving-scratch.js'

/*
 * Time travel where tagger dates are not what they should be: dates that run against the
 * counters (a runner whose clock is behind or ahead, a backdated or future-dated tag), tags that
 * share a second, and assignments GTO writes into a registry modelgate already uses.
 */

const scratch = scratchRegistry()
const { cli, tags } = scratch
const prodAt = async (seconds: number) => {
  const run = await cli(
    'resolve',
    '--model',
    MODEL,
    '--stage',
    'prod',
    '--format',
    'json',
    '--at',
    isoAt(seconds)
  )
  return {
    versions: JSON.parse(run.stdout).versions.map((v: { version: string }) => v.version),
    stderr: run.stderr
  }
}

/**
 * What `gto register` (simple: no counter) and `gto assign` / `gto unassign` write, by real git:
 * annotated tags with GTO's default messages; a stage tag's counter is one more than the largest
 * counter among the artifact's tags that GTO's regex parses (`gto/tag.py` `name_tag`).
 */
const gto = {
  register(seconds: number, version: string, commit: string) {
    scratch
      .repo()
      .tagAt(
        seconds,
        '-a',
        `${MODEL}@${version}`,
        '-m',
        `Registering artifact ${MODEL} version ${version}`,
        commit
      )
  },
  nextCounter(): number {
    let highest = 0
    for (const name of scratch.repo().git('tag', '-l').split('\n')) {
      const match = GTO_TAG_RE.exec(name)
      if (match?.groups?.artifact === MODEL && match.groups.counter !== undefined)
        highest = Math.max(highest, Number(match.groups.counter))
    }
    return highest + 1
  },
  assign(seconds: number, stage: string, version: string, commit: string): string {
    const name = `${MODEL}#${stage}#${gto.nextCounter()}`
    scratch
      .repo()
      .tagAt(
        seconds,
        '-a',
        name,
        '-m',
        `Assigning stage ${stage} to artifact ${MODEL} version ${version}`,
        commit
      )
    return name
  },
  unassign(seconds: number, stage: string, version: string, commit: string): string {
    const name = `${MODEL}#${stage}!#${gto.nextCounter()}`
    scratch
      .repo()
      .tagAt(
        seconds,
        '-a',
        name,
        '-m',
        `Unassigning stage '${stage}' to artifact '${MODEL}' version '${version}'`,
        commit
      )
    return name
  }
}

/** Three commits, each registered (GTO's way) at second 1. */
function threeVersions(): string[] {
  const commits = [scratch.repo().git('rev-parse', 'HEAD'), scratch.repo().commit(), scratch.repo().commit()]
  commits.forEach((commit, i) => gto.register(1, `v${i + 1}.0.0`, commit))
  return commits
}

describe('resolve --at when tagger dates run against the counters', () => {
  it('a tag dated before a tag with a lower counter is counted from when its predecessor was written: never a state the registry did not pass through', async () => {
    const [c1, c2, c3] = threeVersions()
    gto.assign(10, 'prod', 'v1.0.0', c1!) // #1
    gto.assign(20, 'prod', 'v2.0.0', c2!) // #2
    gto.unassign(20, 'prod', 'v1.0.0', c1!) // #3, the same second as #2
    // #4 comes from a runner whose clock is behind (or someone backdated it): dated 15.
    const skewed = gto.assign(15, 'prod', 'v3.0.0', c3!)
    expect(skewed).toBe(`${MODEL}#prod#4`)
    // Read by its own date, #4 would stand beside #1 without #2 and #3 at 15..19: v3 next to v1,
    // a pair prod never held. Counters are claimed in write order, so #4 exists from 20.
    for (const seconds of [15, 19]) expect((await prodAt(seconds)).versions).toEqual(['v1.0.0'])
    // Tags sharing a second are in or out together, and a tag written at exactly --at counts.
    expect((await prodAt(20)).versions).toEqual(['v3.0.0', 'v2.0.0'])
    expect((await prodAt(9)).versions).toEqual([])
    expect((await prodAt(10)).versions).toEqual(['v1.0.0'])
    // The live answer orders by counter too: the same pair.
    expect(resolveServedStage(await tags(), MODEL, 'prod').map((v) => v.version)).toEqual([
      'v3.0.0',
      'v2.0.0'
    ])
    // The answer at 15 stands on a correction, and says so.
    const at15 = await prodAt(15)
    expect(at15.stderr).toContain(`1 tag(s) dated at or before ${isoAt(15)} (${skewed}) are counted later`)
    expect((await prodAt(20)).stderr).not.toContain('counted later')
    expect(heldBackAt(await tags(), new Date(isoAt(15))).map((tag) => tag.name)).toEqual([skewed])
    // history --until stands on the same tags as resolve --at.
    const history = await cli('history', '--model', MODEL, '--format', 'json', '--until', isoAt(19))
    expect(JSON.parse(history.stdout).events.map((e: { tag: string }) => e.tag)).not.toContain(skewed)
  })

  it('a tag dated in the future holds the tags after it back until its date; the live answer counts them', async () => {
    const [c1, c2, c3] = threeVersions()
    gto.assign(10, 'prod', 'v1.0.0', c1!) // #1
    // #2 claims to be written a year from now.
    const future = gto.assign(10 + 365 * 86400, 'prod', 'v2.0.0', c2!)
    gto.unassign(30, 'prod', 'v1.0.0', c1!) // #3
    gto.assign(40, 'prod', 'v3.0.0', c3!) // #4
    expect(resolveServedStage(await tags(), MODEL, 'prod').map((v) => v.version)).toEqual([
      'v3.0.0',
      'v2.0.0'
    ])
    const at40 = await prodAt(40)
    expect(at40.versions).toEqual(['v1.0.0'])
    expect(at40.stderr).toContain('2 tag(s) dated at or before')
    expect(at40.stderr).toContain('tagger dates disagree with counters')
    expect((await prodAt(10 + 365 * 86400)).versions).toEqual(['v3.0.0', 'v2.0.0'])
    // history flags the dates that run backwards.
    const history = JSON.parse((await cli('history', '--model', MODEL, '--format', 'json')).stdout)
    const flagged = history.events.filter((e: { problems: string[] }) =>
      e.problems.some((p) => p.includes(`earlier than that of ${future}`))
    )
    expect(flagged.map((e: { tag: string }) => e.tag)).toEqual([`${MODEL}#prod!#3`, `${MODEL}#prod#4`])
  })
})

describe('GTO writing into a registry modelgate promotes through', () => {
  const POLICY = AUC_POLICY
  const promote = (version: string, to: string) => promoteUnderAucPolicy(cli, version, to)

  it('gto assign after modelgate promotions: read as GTO reads it (both in prod, newest first), unverified, counted after the promotions', async () => {
    scratch.repo().write('policy.yaml', POLICY)
    scratch.repo().write('offline.json', '{"auc": 0.95}')
    const c1 = scratch.repo().commit('train v1')
    process.env.GIT_COMMITTER_DATE = `${TAG_EPOCH + 100} +0000`
    try {
      expect((await cli('register', '--model', MODEL, '--version', '1')).code).toBe(0)
      expect((await promote('1', 'staging')).code).toBe(0)
      expect((await promote('1', 'prod')).code).toBe(0)
    } finally {
      delete process.env.GIT_COMMITTER_DATE
    }
    const c2 = scratch.repo().commit('train v2')
    gto.register(200, 'v2.0.0', c2)
    const assigned = gto.assign(300, 'prod', 'v2.0.0', c2)
    // GTO numbered after modelgate's own tags.
    expect(assigned).toBe(`${MODEL}#prod#3`)
    const run = await cli('resolve', '--model', MODEL, '--stage', 'prod', '--format', 'json')
    const versions = JSON.parse(run.stdout).versions
    // `gto assign` unassigns nothing: GTO itself now has both active in prod, and the newest
    // assignment first (what `gto show churn#prod` prints with its defaults).
    expect(versions).toEqual([
      expect.objectContaining({
        version: 'v2.0.0',
        commit: c2,
        tag: assigned,
        verified: false,
        weight: null
      }),
      expect.objectContaining({ version: 'v1.0.0', commit: c1, verified: true, weight: null })
    ])
    expect((await prodAt(299)).versions).toEqual(['v1.0.0'])
    expect((await prodAt(300)).versions).toEqual(['v2.0.0', 'v1.0.0'])
    // A deploy job that ships only gated versions keeps v1.
    const verified = await cli(
      'resolve',
      '--model',
      MODEL,
      '--stage',
      'prod',
      '--verified',
      '--format',
      'json'
    )
    expect(JSON.parse(verified.stdout).versions.map((v: { version: string }) => v.version)).toEqual([
      'v1.0.0'
    ])
    // gto unassign takes v1 out of prod (it stays in staging, so it is not archived).
    gto.unassign(400, 'prod', 'v1.0.0', c1)
    const after = JSON.parse((await cli('resolve', '--model', MODEL, '--format', 'json')).stdout)
    expect(
      after.stages.map((s: { stage: string; versions: Array<{ version: string }> }) => [
        s.stage,
        s.versions.map((v) => v.version)
      ])
    ).toEqual([
      ['staging', ['v1.0.0']],
      ['prod', ['v2.0.0']]
    ])
  })
})
