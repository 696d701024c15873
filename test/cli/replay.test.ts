import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runDemo } from '../../src/demo/demo.js'
import { runCli } from '../helpers/cli.js'
import { gitRepo } from '../helpers/git.js'

/*
 * `modelgate replay` on real git registries: the one `modelgate demo --keep` builds (three
 * versions, a canary, a blocked attempt, a rollback), replayed under its own policy and under a
 * stricter one; and a scratch registry holding a hand-written hostile record.
 */

let dir: string
const STRICTER = 'policy-stricter.yaml'

beforeAll(async () => {
  let stderr = ''
  const code = await runDemo(
    { stdout: { write: () => true }, stderr: { write: (chunk: string) => (stderr += chunk) } },
    { keep: true }
  )
  expect(code).toBe(0)
  dir = /Kept the registry at (\S+)/.exec(stderr)![1]!
  // Stricter: a higher AUC floor, a tighter p95 and a traffic floor the shadow window did not reach.
  const policy = readFileSync(join(dir, 'policy.yaml'), 'utf8')
    .replace('min: 0.90', 'min: 0.94')
    .replace('online.latency_p95_ms, max: 80', 'online.latency_p95_ms, max: 60')
    .replace(
      '      - { id: error-rate',
      '      - { id: traffic, metric: online.requests, min: 200000 }\n      - { id: error-rate'
    )
  expect(policy).toContain('min: 0.94')
  expect(policy).toContain('max: 60')
  writeFileSync(join(dir, STRICTER), policy)
}, 60_000)

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const replay = (...args: string[]) =>
  runCli(['replay', '--registry', dir, '--model', 'fraud_detector', ...args], { cwd: dir })

describe('modelgate replay on the demo registry', () => {
  it('under the policy that decided: every attempt the same, exit 0', async () => {
    const run = await replay('--policy', 'policy.yaml')
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/7 recorded attempts, 7 same\n/)
    expect(run.stdout).toContain('not replayed: fraud_detector#prod#10 (a rollback')
  })

  it('under a stricter policy: which past promotions it would have blocked, and why; exit 1', async () => {
    const run = await replay('--policy', STRICTER)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(1)
    const rows = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('20'))
      .map((line) => line.split(/\s{2,}/))
    expect(rows.map((row) => [row[1], row[5]])).toEqual([
      ['fraud_detector#staging#1', 'would block'],
      ['fraud_detector#prod#2', 'would block'],
      ['fraud_detector#staging#3', 'same (promote)'],
      ['fraud_detector#prod#5', 'would block'],
      ['fraud_detector#prod#6', 'would block'],
      ['fraud_detector#prod#7', 'would block'],
      ['fraud_detector@blocked#9', 'same (block)']
    ])
    expect(rows[0]![6]).toBe('auc-floor: 0.93 < min 0.94')
    // The traffic gate reads a value no gate read then: the record kept it (184220 requests).
    expect(rows[1]![6]).toBe('latency-p95: 62 > max 60; traffic: 184220 < min 200000')
    expect(rows[6]![6]).toBe('auc-floor: 0.87 < min 0.94')
  })

  it('--format json: counts and, per attempt, the gates before and after', async () => {
    const run = await replay('--policy', STRICTER, '--format', 'json')
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout)
    expect(report.counts).toEqual({
      same: 2,
      would_block: 5,
      would_pass: 0,
      cannot_tell: 0,
      no_transition: 0
    })
    const prod = report.attempts[1]
    expect(prod.blocked_by).toEqual(['latency-p95', 'traffic'])
    expect(
      prod.gates.map((g: { id: string; before: string | null; after: string }) => [g.id, g.before, g.after])
    ).toEqual([
      ['latency-p95', 'pass', 'fail'],
      ['traffic', null, 'fail'],
      ['error-rate', 'pass', 'pass'],
      ['drift-psi', 'pass', 'pass'],
      ['tpr-gap', 'pass', 'pass']
    ])
    expect(report.policy.path).toBe(join(dir, STRICTER))
  })

  it('--format markdown: the impact summary', async () => {
    const run = await replay('--policy', STRICTER, '--format', 'markdown')
    expect(run.stdout).toMatch(/^## Impact of this policy change\n/)
    expect(run.stdout).toContain('**7** recorded attempts replayed — 2 same, 5 would block.')
    expect(run.stdout).toContain('| **would block** |')
  })

  it('--since leaves older attempts out (their records still serve as baselines)', async () => {
    const all = JSON.parse((await replay('--policy', STRICTER, '--format', 'json')).stdout)
    const third = all.attempts[2].at as string
    const run = await replay('--policy', STRICTER, '--since', third, '--format', 'json')
    const report = JSON.parse(run.stdout)
    expect(report.attempts.map((a: { tag: string }) => a.tag)).toEqual(
      all.attempts.slice(2).map((a: { tag: string }) => a.tag)
    )
    const bad = await replay('--policy', STRICTER, '--since', 'yesterday')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--since/)
  })

  it('a policy of another model is an error, exit 2', async () => {
    writeFileSync(
      join(dir, 'other.yaml'),
      'version: 1\nmodel: churn\nstages: [dev, prod]\ntransitions:\n  - to: prod\n    gates:\n      - { id: auc, metric: offline.auc, min: 0.9 }\n'
    )
    const run = await replay('--policy', 'other.yaml')
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/the policy governs model "churn", not "fraud_detector"/)
    expect(run.stdout).toBe('')
  })
})

describe('modelgate replay on a hostile record', () => {
  it('escapes what a hand-written record holds and never trusts its kept values', async () => {
    const repo = gitRepo()
    try {
      const commit = repo.commit('train')
      repo.git('tag', '-a', 'evil@v1.0.0', '-m', 'register evil v1.0.0', commit)
      const record = {
        schema: 'modelgate/promotion-record/v1',
        event: 'blocked',
        model: 'evil',
        version: 'v1.0.0\u001b[2J',
        from_stage: 'dev',
        to_stage: 'staging',
        decision: 'block',
        gates: [
          {
            id: 'auc\u001b]8;;https://evil.example\u0007',
            status: 'fail',
            message: 'x',
            metric: 'offline.auc',
            observed: 0.5,
            blocking: true
          }
        ],
        approvals: [],
        rollout: null,
        rollback_to: null,
        baseline: { version: null },
        evidence: [{ name: 'offline', source: 'o.json', sha256: 'a'.repeat(64) }],
        evidence_values: [
          {
            name: 'offline',
            sha256: 'a'.repeat(64),
            format: 'json',
            leaves: 2,
            complete: true,
            values: { '.auc': 0.99, '.rows\u001b[31m': 1 }
          }
        ],
        created_at: '2026-11-01T00:00:00.000Z'
      }
      repo.git(
        'tag',
        '-a',
        'evil@blocked#1',
        '-m',
        `blocked evil\n\n${JSON.stringify(record, null, 2)}`,
        commit
      )
      repo.write(
        'policy.yaml',
        'version: 1\nmodel: evil\nstages: [dev, staging]\ntransitions:\n  - to: staging\n    gates:\n      - { id: auc, metric: offline.auc, min: 0.6 }\n'
      )
      const run = await runCli(['replay', '--policy', 'policy.yaml', '--model', 'evil'], { cwd: repo.dir })
      expect(run.stderr).toBe('')
      expect(run.stdout).not.toMatch(/[\u001b\u0007]/)
      // The forged values were set aside; the gate's own observed value (0.5) still decides.
      expect(run.stdout).toMatch(/evidence_values\[0\] not used: path .* is not a kept path/)
      expect(run.stdout).toContain('same (block)')
      expect(run.stdout).toContain('auc: 0.5 < min 0.6')
      const markdown = await runCli(
        ['replay', '--policy', 'policy.yaml', '--model', 'evil', '--format', 'markdown'],
        {
          cwd: repo.dir
        }
      )
      expect(markdown.stdout).not.toMatch(/[\u001b\u0007]/)
    } finally {
      repo.cleanup()
    }
  })
})
