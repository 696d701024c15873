import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { RolloutHoldError } from '../../src/errors.js'
import type { EvidenceSource } from '../../src/evidence/source.js'
import { evaluateCandidate } from '../../src/lifecycle/evaluate-candidate.js'
import { promote } from '../../src/lifecycle/promote.js'
import { register } from '../../src/lifecycle/register.js'
import { rollback } from '../../src/lifecycle/rollback.js'
import { parsePolicy } from '../../src/policy/load.js'
import { modelTagPrefixes } from '../../src/registry/gto.js'
import { MemoryRegistry } from '../../src/registry/memory.js'
import { rolloutProgress } from '../../src/registry/rollout.js'
import { resolveStage } from '../../src/registry/state.js'

/*
 * Canary holds, baselines read from the registry, and `evaluate` deciding exactly as
 * `promote --dry-run` — on a MemoryRegistry with an injected clock, as the action wires them.
 */
const POLICY = `version: 1
model: churn
stages: [dev, staging, prod]
baseline: prod
transitions:
  - to: staging
    gates:
      - { id: auc-floor, metric: offline.auc, min: 0.5 }
      - { id: auc-vs-prod, metric: offline.auc, vs_baseline: { min_delta: 0 } }
  - to: prod
    gates:
      - { id: latency, metric: online.latency_p95_ms, max: 80 }
      - { id: latency-vs-prod, metric: online.latency_p95_ms, vs_baseline: { max_relative: 0.1 } }
    approvals: { required: 1, environments: [prod-owner] }
    rollout:
      strategy: canary
      steps: [{ weight: 10, hold: 30m }, { weight: 50, hold: 2h }, { weight: 100 }]
    rollback:
      to: previous
      when:
        - { metric: monitoring.latency_p95_ms, above: 80, for: 5m }
`
const policy = parsePolicy(POLICY, 'policy.yaml')

function memorySource(files: Record<string, unknown>): EvidenceSource {
  return {
    async read(_name, _spec, path) {
      if (!(path in files)) throw new Error(`no file ${path}`)
      return { display: path, bytes: Buffer.from(JSON.stringify(files[path])) }
    }
  }
}

const reviews = [{ state: 'approved', environments: [{ name: 'prod-owner' }], user: { login: 'maria' } }]

function world(start = '2026-05-01T14:05:00Z') {
  let clock = Date.parse(start)
  const now = () => new Date(clock)
  const registry = new MemoryRegistry({ HEAD: '1'.repeat(40), v2: '2'.repeat(40), v3: '3'.repeat(40) }, now)
  const source = memorySource({
    'auc-90.json': { auc: 0.9 },
    'auc-92.json': { auc: 0.92 },
    'lat-60.json': { latency_p95_ms: 60 },
    'lat-62.json': { latency_p95_ms: 62 },
    // Samples after the canary step is taken: a rollback judges only what the current version served.
    'breach.json': {
      latency_p95_ms: Array.from({ length: 8 }, (_, i) => [Date.parse(start) / 1000 + 60 * (i + 1), 99])
    }
  })
  const deps = { registry, source, approvals: async () => reviews, now }
  const advance = (minutes: number) => {
    clock += minutes * 60_000
  }
  return { registry, deps, now, advance }
}

const staging = (version: string, auc: string) => ({
  model: 'churn',
  version,
  to: 'staging',
  evidence: new Map([['offline', auc]])
})
const prod = (version: string, latency: string) => ({
  model: 'churn',
  version,
  to: 'prod',
  evidence: new Map([['online', latency]])
})

async function v1InProdV2InStaging(w: ReturnType<typeof world>) {
  await register({ model: 'churn', version: '1' }, w.registry, w.now)
  await register({ model: 'churn', version: '2', commit: 'v2' }, w.registry, w.now)
  expect((await promote(policy, staging('1', 'auc-90.json'), w.deps)).decision.decision).toBe('promote')
  expect((await promote(policy, prod('1', 'lat-60.json'), w.deps)).decision.decision).toBe('promote')
  expect((await promote(policy, staging('2', 'auc-92.json'), w.deps)).decision.decision).toBe('promote')
}

describe('canary holds hold', () => {
  it('refuses the next step before the hold has elapsed, writes nothing, and allows it after', async () => {
    const w = world()
    await v1InProdV2InStaging(w)
    const first = await promote(policy, prod('2', 'lat-62.json'), w.deps)
    expect(first.record.rollout).toMatchObject({ current_step: 0, weight: 10 })
    const before = (await w.registry.listTags()).length

    w.advance(3) // 14:08: the 30m hold of step 1 ends at 14:35
    const refused = promote(policy, prod('2', 'lat-62.json'), w.deps)
    await expect(refused).rejects.toBeInstanceOf(RolloutHoldError)
    await expect(promote(policy, prod('2', 'lat-62.json'), w.deps)).rejects.toThrow(
      /step 2 \(50%\) may start at 14:35 UTC, in 27 minutes; nothing was written/
    )
    // A dry run decides as promote does: refused the same way.
    await expect(promote(policy, { ...prod('2', 'lat-62.json'), dryRun: true }, w.deps)).rejects.toThrow(
      /may start at 14:35 UTC/
    )
    expect((await w.registry.listTags()).length).toBe(before)

    const tags = await w.registry.listTags(modelTagPrefixes('churn'))
    expect(rolloutProgress(tags, 'churn', 'prod')).toMatchObject({
      version: 'v2.0.0',
      weight: 10,
      next: { step: 1, weight: 50 },
      nextAt: '2026-05-01T14:35:00.000Z'
    })

    w.advance(27)
    const second = await promote(policy, prod('2', 'lat-62.json'), w.deps)
    expect(second.record.rollout).toMatchObject({ current_step: 1, weight: 50 })
    w.advance(119)
    await expect(promote(policy, prod('2', 'lat-62.json'), w.deps)).rejects.toThrow(
      /step 3 \(100%\) may start at 16:35 UTC, in 1 minute/
    )
    w.advance(1)
    const last = await promote(policy, prod('2', 'lat-62.json'), w.deps)
    expect(last.archived).toEqual(['v1.0.0'])
  })

  it('a rollback during a canary returns all traffic to the previous version', async () => {
    const w = world()
    await v1InProdV2InStaging(w)
    await promote(policy, prod('2', 'lat-62.json'), w.deps)
    const tags = await w.registry.listTags(modelTagPrefixes('churn'))
    expect(resolveStage(tags, 'churn', 'prod').map((o) => [o.version, o.weight])).toEqual([
      ['v2.0.0', 10],
      ['v1.0.0', 90]
    ])
    const result = await rollback(
      policy,
      { model: 'churn', monitoring: new Map([['monitoring', 'breach.json']]) },
      { registry: w.registry, source: w.deps.source, now: w.now }
    )
    expect(result).toMatchObject({ fired: true, rolledBackTo: 'v1.0.0', current: 'v2.0.0' })
    const after = await w.registry.listTags(modelTagPrefixes('churn'))
    expect(resolveStage(after, 'churn', 'prod').map((o) => [o.version, o.weight])).toEqual([['v1.0.0', null]])
    expect(rolloutProgress(after, 'churn', 'prod')).toBeNull()
  })
})

describe('baselines from the registry', () => {
  it("compares with the value the baseline version's own promotion record observed", async () => {
    const w = world()
    await v1InProdV2InStaging(w)
    // v1's prod record observed latency 60; v2's 62 is +3.3%, within max_relative 0.1.
    const result = await promote(policy, { ...prod('2', 'lat-62.json'), dryRun: true }, w.deps)
    const gate = result.decision.gates.find((g) => g.id === 'latency-vs-prod')!
    expect(gate).toMatchObject({
      status: 'pass',
      baseline: 60,
      baseline_source: "v1.0.0's prod promotion record, 2026-05-01"
    })
    expect(gate.message).toContain("(v1.0.0's prod promotion record, 2026-05-01)")
  })
})

describe('evaluate decides exactly as promote --dry-run', () => {
  it('for any evidence, baseline and approvals: the same decision and gate statuses', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          baselineAuc: fc.double({ min: 0.5, max: 1, noNaN: true }),
          candidateAuc: fc.double({ min: 0, max: 1, noNaN: true }),
          baselineLatency: fc.integer({ min: 1, max: 80 }),
          candidateLatency: fc.integer({ min: 1, max: 120 }),
          approved: fc.boolean(),
          baselineInProd: fc.boolean(),
          handInBaselineEvidence: fc.boolean(),
          to: fc.constantFrom('staging', 'prod')
        }),
        async (c) => {
          const now = () => new Date('2026-05-01T12:00:00Z')
          const registry = new MemoryRegistry({ HEAD: '1'.repeat(40), v2: '2'.repeat(40) }, now)
          const source = memorySource({
            'b-off.json': { auc: c.baselineAuc },
            'c-off.json': { auc: c.candidateAuc },
            'b-on.json': { latency_p95_ms: c.baselineLatency },
            'c-on.json': { latency_p95_ms: c.candidateLatency }
          })
          const deps = { registry, source, approvals: async () => (c.approved ? reviews : []), now }
          const noHolds = parsePolicy(POLICY.replace(/, hold: \w+/g, ''), 'policy.yaml')
          await register({ model: 'churn', version: '1' }, registry, now)
          await register({ model: 'churn', version: '2', commit: 'v2' }, registry, now)
          if (c.baselineInProd) {
            await promote(noHolds, staging('1', 'b-off.json'), { ...deps, approvals: async () => reviews })
            await promote(noHolds, prod('1', 'b-on.json'), { ...deps, approvals: async () => reviews })
          }
          await promote(noHolds, { ...staging('2', 'c-off.json'), baselineVersion: null }, deps)
          const options = {
            model: 'churn',
            version: '2',
            to: c.to,
            evidence: new Map([c.to === 'prod' ? ['online', 'c-on.json'] : ['offline', 'c-off.json']]),
            ...(c.handInBaselineEvidence && {
              baselineEvidence: new Map([
                ['online', 'b-on.json'],
                ['offline', 'b-off.json']
              ])
            })
          }
          const dry = await promote(noHolds, { ...options, dryRun: true }, deps).then(
            (r) => ({ decision: r.decision.decision, gates: r.decision.gates.map((g) => [g.id, g.status]) }),
            (e: Error) => ({ error: e.message })
          )
          const evaluated = await evaluateCandidate(noHolds, options, deps).then(
            (r) => ({ decision: r.decision.decision, gates: r.decision.gates.map((g) => [g.id, g.status]) }),
            (e: Error) => ({ error: e.message })
          )
          expect(evaluated).toEqual(dry)
        }
      ),
      { numRuns: 40 }
    )
  })
})
