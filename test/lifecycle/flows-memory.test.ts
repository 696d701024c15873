import { describe, expect, it } from '@jest/globals'
import type { EvidenceSource } from '../../src/evidence/source.js'
import { promote } from '../../src/lifecycle/promote.js'
import { register } from '../../src/lifecycle/register.js'
import { rollback } from '../../src/lifecycle/rollback.js'
import { parsePolicy } from '../../src/policy/load.js'
import { modelTagPrefixes } from '../../src/registry/gto.js'
import { MemoryRegistry } from '../../src/registry/memory.js'
import { buildHistory, resolveStage } from '../../src/registry/state.js'

/*
 * The promote and rollback flows with every edge injected, as the GitHub Action wires them: a
 * registry backend, an evidence source, an approvals provider and a clock. No git, no files.
 */
const policy = parsePolicy(
  `version: 1
model: churn
stages: [dev, staging, prod]
transitions:
  - to: staging
    gates:
      - { id: auc-floor, metric: offline.auc, min: 0.8 }
  - to: prod
    gates:
      - { id: latency, metric: online.latency_p95_ms, max: 80 }
    approvals: { required: 1, environments: [prod-owner], prevent_self_approval: true }
    rollback:
      to: previous
      when:
        - { metric: monitoring.latency_p95_ms, above: 80, for: 5m }
`,
  'policy.yaml'
)

function memorySource(files: Record<string, unknown>): EvidenceSource {
  return {
    async read(_name, _spec, path) {
      if (!(path in files)) throw new Error(`no file ${path}`)
      return { display: `artifact:${path}`, bytes: Buffer.from(JSON.stringify(files[path])) }
    }
  }
}

// After the fixed clock's promotions: triggers judge only the current version's own samples.
const T0 = Date.parse('2026-05-01T12:00:00Z') / 1000 + 60
const latency = (values: number[]) => ({ latency_p95_ms: values.map((v, i) => [T0 + i * 60, v]) })

describe('promote and rollback with injected dependencies', () => {
  it('runs a lifecycle on a MemoryRegistry with approvals from a provider and a fixed clock', async () => {
    const commits = { HEAD: '1'.repeat(40), v2: '2'.repeat(40) }
    const registry = new MemoryRegistry(commits)
    const now = () => new Date('2026-05-01T12:00:00Z')
    const source = memorySource({
      'offline.json': { auc: 0.9 },
      'online.json': { latency_p95_ms: 61 },
      'breach.json': latency([60, 95, 96, 97, 98, 99, 99, 99])
    })
    const reviews = [{ state: 'approved', environments: [{ name: 'prod-owner' }], user: { login: 'maria' } }]
    let asked = 0
    const approvals = async () => {
      asked++
      return reviews
    }
    const deps = { registry, source, approvals, now }
    const run = { repository: 'acme/churn', run_id: '42', actor: 'release-bot' }

    await register({ model: 'churn', version: '1' }, registry, now)
    await register({ model: 'churn', version: '2', commit: 'v2' }, registry, now)
    for (const version of ['1', '2']) {
      const staging = await promote(
        policy,
        { model: 'churn', version, to: 'staging', evidence: new Map([['offline', 'offline.json']]), run },
        deps
      )
      expect(staging.decision.decision).toBe('promote')
      const prod = await promote(
        policy,
        {
          model: 'churn',
          version,
          to: 'prod',
          evidence: new Map([['online', 'online.json']]),
          actor: 'release-bot',
          run
        },
        deps
      )
      expect(prod.decision.decision).toBe('promote')
      expect(prod.record.approvals.map((a) => a.user)).toEqual(['maria'])
      expect(prod.record.run).toEqual(run)
      expect(prod.record.created_at).toBe('2026-05-01T12:00:00.000Z')
    }
    expect(asked).toBeGreaterThanOrEqual(2)
    let tags = await registry.listTags(modelTagPrefixes('churn'))
    expect(resolveStage(tags, 'churn', 'prod').map((o) => o.version)).toEqual(['v2.0.0'])

    // The actor approving their own promotion does not count: blocked, recorded, nothing moves.
    reviews[0]!.user.login = 'release-bot'
    const self = await promote(
      policy,
      {
        model: 'churn',
        version: '2',
        to: 'prod',
        evidence: new Map([['online', 'online.json']]),
        actor: 'release-bot'
      },
      deps
    )
    expect(self.decision.decision).toBe('block')
    expect(self.tag).toMatch(/^churn@blocked#\d+$/)
    tags = await registry.listTags(modelTagPrefixes('churn'))
    expect(resolveStage(tags, 'churn', 'prod').map((o) => o.version)).toEqual(['v2.0.0'])

    const back = await rollback(
      policy,
      { model: 'churn', monitoring: new Map([['monitoring', 'breach.json']]), run },
      { registry, source, now }
    )
    expect(back).toMatchObject({ fired: true, current: 'v2.0.0', rolledBackTo: 'v1.0.0' })
    expect(back.record?.event).toBe('rollback')
    tags = await registry.listTags(modelTagPrefixes('churn'))
    expect(resolveStage(tags, 'churn', 'prod').map((o) => o.version)).toEqual(['v1.0.0'])
    expect(buildHistory(tags, 'churn').map((e) => e.kind)).toEqual([
      'registration',
      'registration',
      'assignment',
      'assignment',
      'assignment',
      'archival',
      'assignment',
      'archival',
      'blocked',
      'rollback',
      'archival'
    ])
  })
})
