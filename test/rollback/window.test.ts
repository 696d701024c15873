import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import type { EvidenceSource } from '../../src/evidence/source.js'
import { promote } from '../../src/lifecycle/promote.js'
import { register } from '../../src/lifecycle/register.js'
import { rollback } from '../../src/lifecycle/rollback.js'
import { parsePolicy } from '../../src/policy/load.js'
import { modelTagPrefixes } from '../../src/registry/gto.js'
import { MemoryRegistry } from '../../src/registry/memory.js'
import { buildHistory, resolveStage } from '../../src/registry/state.js'
import { runCli } from '../helpers/cli.js'
import { gitRepo } from '../helpers/git.js'

/*
 * Rollback acts on the current version's own incidents, once (issue "Trust the verdict",
 * section 3): a scheduled rollback replaying the last hour of monitoring every 10 minutes must
 * not walk prod back one version per run, and a misspelt series is an error, not "nothing to do".
 */

const POLICY = `version: 1
model: churn
stages: [dev, prod]
transitions:
  - to: prod
    gates:
      - { id: auc-floor, metric: offline.auc, min: 0.8 }
    rollback:
      to: previous
      when:
        - { metric: online.latency_p95_ms, above: 80, for: 5m }
`

/** One sample a minute over [from, to) (Unix seconds), 60 ms except 95 ms during [incident). */
function lastHour(from: number, to: number, incident: [number, number]): Array<[number, number]> {
  const samples: Array<[number, number]> = []
  for (let t = from; t < to; t += 60) samples.push([t, t >= incident[0] && t < incident[1] ? 95 : 60])
  return samples
}

describe('the scheduled-rollback scenario, on the CLI', () => {
  let repo: ReturnType<typeof gitRepo>
  beforeEach(() => {
    repo = gitRepo()
    repo.write('policy.yaml', POLICY)
    repo.write('offline.json', '{"auc": 0.9}')
  })
  afterEach(() => repo.cleanup())
  const cli = (...argv: string[]) => runCli(argv, { cwd: repo.dir })

  it('a 6-minute incident 20 minutes ago, replayed every run, never walks prod back from v4', async () => {
    for (const v of ['1', '2', '3', '4']) {
      repo.commit(`train ${v}`)
      expect((await cli('register', '--model', 'churn', '--version', v)).code).toBe(0)
      const run = await cli(
        'promote',
        '--policy',
        'policy.yaml',
        '--model',
        'churn',
        '--version',
        v,
        '--to',
        'prod',
        '--evidence',
        'offline=offline.json'
      )
      expect(run.code).toBe(0)
    }
    // v4 took prod just now; the incident lies 26 to 20 minutes back, before it.
    const now = Math.floor(Date.now() / 1000)
    const data = lastHour(now - 3600, now, [now - 26 * 60, now - 20 * 60])
    repo.write('monitoring.json', JSON.stringify({ latency_p95_ms: data }))
    for (let run = 0; run < 3; run++) {
      const result = await cli(
        'rollback',
        '--policy',
        'policy.yaml',
        '--model',
        'churn',
        '--monitoring',
        'online=monitoring.json'
      )
      // No sample since v4 took prod: the trigger cannot be judged (exit 1, docs/cli.md), and
      // nothing fires: the old incident is not v4's.
      expect(result.code).toBe(1)
      expect(result.stdout).toContain('no trigger fired')
      expect(result.stdout).not.toContain('rolled back')
      expect(result.stdout).toMatch(/judging samples from \S+ \(when v4\.0\.0 took prod\)/)
    }
    const resolved = await cli('resolve', '--model', 'churn', '--stage', 'prod')
    expect(resolved.stdout).toBe('v4.0.0\n')
  })

  it('a trigger whose series is absent from the monitoring is an error (exit 2), naming it', async () => {
    repo.commit('train 1')
    await cli('register', '--model', 'churn', '--version', '1')
    await cli(
      'promote',
      '--policy',
      'policy.yaml',
      '--model',
      'churn',
      '--version',
      '1',
      '--to',
      'prod',
      '--evidence',
      'offline=offline.json'
    )
    const now = Math.floor(Date.now() / 1000)
    // A misspelt series name: `latency_p59_ms`.
    repo.write(
      'monitoring.json',
      JSON.stringify({ latency_p59_ms: lastHour(now, now + 3600, [now, now + 3600]) })
    )
    const result = await cli(
      'rollback',
      '--policy',
      'policy.yaml',
      '--model',
      'churn',
      '--monitoring',
      'online=monitoring.json'
    )
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/no series "latency_p95_ms" \(it has "latency_p59_ms"\)/)
    expect(result.stdout).not.toContain('nothing to do')
  })
})

describe('repeated runs over the same data roll back once', () => {
  const policy = parsePolicy(POLICY, 'policy.yaml')
  const HOUR = 3600

  it('an incident after v4 took prod rolls back to v3 once; later runs over the last hour leave v3', async () => {
    let clock = Date.parse('2026-05-01T12:00:00Z')
    const now = () => new Date(clock)
    const commits: Record<string, string> = { HEAD: '0'.repeat(40) }
    for (const v of ['1', '2', '3', '4']) commits[`c${v}`] = v.repeat(40)
    const registry = new MemoryRegistry(commits, now)
    let monitoring: unknown = {}
    const source: EvidenceSource = {
      async read(_name, _spec, path) {
        const data = path === 'offline.json' ? { auc: 0.9 } : monitoring
        return { display: path, bytes: Buffer.from(JSON.stringify(data)) }
      }
    }
    const deps = { registry, source, now, approvals: async () => [] }
    for (const v of ['1', '2', '3', '4']) {
      await register({ model: 'churn', version: v, commit: `c${v}` }, registry, now)
      clock += 60_000
      await promote(
        policy,
        { model: 'churn', version: v, to: 'prod', evidence: new Map([['offline', 'offline.json']]) },
        deps
      )
      clock += 60_000
    }
    const v4At = clock / 1000
    // Incident from 4 to 10 minutes after v4 took prod.
    const incident: [number, number] = [v4At + 4 * 60, v4At + 10 * 60]
    const inProd = async () =>
      resolveStage(await registry.listTags(modelTagPrefixes('churn')), 'churn', 'prod').map((o) => o.version)

    const runs: Array<string | null> = []
    for (let minutes = 15; minutes <= 65; minutes += 10) {
      clock = (v4At + minutes * 60) * 1000
      const t = clock / 1000
      monitoring = { latency_p95_ms: lastHour(t - HOUR, t, incident) }
      const result = await rollback(
        policy,
        { model: 'churn', stage: 'prod', monitoring: new Map([['online', 'monitoring.json']]) },
        { registry, source, now }
      )
      runs.push(result.rolledBackTo)
      if (result.record) {
        expect(result.record.monitoring_window).toEqual({
          since: new Date(v4At * 1000 - 60_000).toISOString(),
          until: new Date((t - 60) * 1000).toISOString()
        })
      }
    }
    expect(runs).toEqual(['v3.0.0', null, null, null, null, null])
    expect(await inProd()).toEqual(['v3.0.0'])
    const rollbacks = buildHistory(await registry.listTags(), 'churn').filter((e) => e.kind === 'rollback')
    expect(rollbacks).toHaveLength(1)
  })
})
