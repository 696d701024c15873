import { describe, expect, it } from '@jest/globals'
import type { EvidenceSource } from '../../src/evidence/source.js'
import { promoteQuestion, promoteReadQuestion } from '../../src/lifecycle/plan.js'
import { promote } from '../../src/lifecycle/promote.js'
import { register } from '../../src/lifecycle/register.js'
import { parsePolicy } from '../../src/policy/load.js'
import { modelTagPrefixes } from '../../src/registry/gto.js'
import { MemoryRegistry } from '../../src/registry/memory.js'
import { buildHistory, resolveStage } from '../../src/registry/state.js'
import type { CreateTagRequest, RegistryBackend } from '../../src/registry/types.js'
import { tagsStillNeeded, tagsToRead } from '../../src/registry/window.js'

/*
 * A completed promotion writes its assignment and the archival of what it replaces as one atomic
 * set (`createTags`): a failure leaves neither, a writer that took a name first makes the whole
 * set move to the next counters and be composed again from what the registry now holds.
 */
const policy = parsePolicy(
  `version: 1
model: churn
stages: [dev, staging, prod]
baseline: staging
transitions:
  - to: staging
    gates:
      - { id: auc-floor, metric: offline.auc, min: 0.8 }
  - to: prod
    gates:
      - { id: auc-prod, metric: offline.auc, min: 0.8 }
`,
  'policy.yaml'
)
const source: EvidenceSource = {
  async read() {
    return { display: 'artifact:offline.json', bytes: Buffer.from('{"auc": 0.9}') }
  }
}
const now = () => new Date('2026-05-01T12:00:00Z')
const commits = { HEAD: '1'.repeat(40), v2: '2'.repeat(40), v3: '3'.repeat(40) }
const evidence = new Map([['offline', 'offline.json']])
const toProd = (version: string) => ({ model: 'churn', version, to: 'prod', evidence })

/** v1 in prod, v2 in staging (ready for prod), v3 registered. */
async function registryWithV1InProd(): Promise<MemoryRegistry> {
  const registry = new MemoryRegistry(commits, now)
  await register({ model: 'churn', version: '1' }, registry, now)
  await register({ model: 'churn', version: '2', commit: 'v2' }, registry, now)
  await register({ model: 'churn', version: '3', commit: 'v3' }, registry, now)
  const deps = { registry, source, now }
  await promote(policy, { model: 'churn', version: '1', to: 'staging', evidence }, deps)
  await promote(policy, toProd('1'), deps)
  await promote(policy, { model: 'churn', version: '2', to: 'staging', evidence }, deps)
  return registry
}

const names = async (registry: RegistryBackend) =>
  (await registry.listTags(modelTagPrefixes('churn'))).map((t) => t.name)
const inProd = async (registry: RegistryBackend) =>
  resolveStage(await registry.listTags(), 'churn', 'prod').map((o) => o.version)

/** The same registry without `createTags`: the one-by-one path. */
function oneByOne(registry: MemoryRegistry): RegistryBackend {
  return {
    description: registry.description,
    listTags: (prefixes) => registry.listTags(prefixes),
    createTag: (request) => registry.createTag(request),
    resolveCommit: (revision) => registry.resolveCommit(revision)
  }
}

describe('promote writes its assignment and archivals as one set', () => {
  it('hands the assignment and the archival to createTags together, at consecutive counters', async () => {
    const registry = await registryWithV1InProd()
    const sets: string[][] = []
    const createTags = registry.createTags.bind(registry)
    registry.createTags = async (requests: readonly CreateTagRequest[]) => {
      sets.push(requests.map((r) => r.name))
      return createTags(requests)
    }
    const result = await promote(policy, toProd('2'), { registry, source, now })
    expect(result.archived).toEqual(['v1.0.0'])
    const counter = BigInt(/#(\d+)$/.exec(result.tag!)![1]!)
    expect(sets).toEqual([[`churn#prod#${counter}`, `churn#prod!#${counter + 1n}`]])
    expect(await inProd(registry)).toEqual(['v2.0.0'])
  })

  it('a failed set leaves nothing: the stage is as it was, and a re-run promotes', async () => {
    const registry = await registryWithV1InProd()
    const before = await names(registry)
    const createTags = registry.createTags.bind(registry)
    registry.createTags = async () => {
      throw new Error('the refs could not be written')
    }
    await expect(promote(policy, toProd('2'), { registry, source, now })).rejects.toThrow(
      /could not be written/
    )
    expect(await names(registry)).toEqual(before)
    expect(await inProd(registry)).toEqual(['v1.0.0'])
    registry.createTags = createTags
    const rerun = await promote(policy, toProd('2'), { registry, source, now })
    expect(rerun.archived).toEqual(['v1.0.0'])
    expect(await inProd(registry)).toEqual(['v2.0.0'])
  })

  it('after losing a name to a racing writer, composes the set again: the racer is archived too', async () => {
    const registry = await registryWithV1InProd()
    const createTags = registry.createTags.bind(registry)
    let raced = false
    registry.createTags = async (requests: readonly CreateTagRequest[]) => {
      if (!raced) {
        raced = true
        // Another job assigns v3 to prod first (as GTO writes it), taking the very counter
        // this set asked for: the whole set is refused, its archival included.
        registry.seed({
          name: requests[0]!.name,
          commit: commits.v3,
          message: 'Assigning prod to v3.0.0',
          tagger: { name: 'gto', email: 'gto@example.invalid', date: '2026-05-01T11:59:00Z' }
        })
        expect(await createTags(requests)).toBe(false)
        expect(await names(registry)).not.toContain(requests[1]!.name)
        return false
      }
      return createTags(requests)
    }
    const result = await promote(policy, toProd('2'), { registry, source, now })
    expect(result.archived.sort()).toEqual(['v1.0.0', 'v3.0.0'])
    expect(await inProd(registry)).toEqual(['v2.0.0'])
  })

  it('a backend without createTags writes the assignment, then the archival, as before', async () => {
    const registry = await registryWithV1InProd()
    const result = await promote(policy, toProd('2'), { registry: oneByOne(registry), source, now })
    expect(result.archived).toEqual(['v1.0.0'])
    const history = buildHistory(await registry.listTags(), 'churn').filter((e) => e.stage === 'prod')
    expect(history.map((e) => [e.kind, e.version])).toEqual([
      ['assignment', 'v1.0.0'],
      ['assignment', 'v2.0.0'],
      ['archival', 'v1.0.0']
    ])
  })
})

describe('the read a promotion makes before its policy is known', () => {
  it('picks exactly the tags the policy-shaped question picks, at any depth', async () => {
    const registry = await registryWithV1InProd()
    await promote(policy, toProd('2'), { registry, source, now })
    const tags = await registry.listTags()
    const tagNames = tags.map((t) => t.name)
    const partial = tags.map((t, i) =>
      i % 3 === 0 ? { name: t.name, commit: '', message: '', unread: true as const } : t
    )
    for (const options of [
      { model: 'churn', version: '3', to: 'prod' },
      { model: 'churn', version: '3', to: 'staging' },
      { model: 'churn', version: '2', to: 'prod', from: 'staging' }
    ])
      for (const latest of [0, 10])
        for (const depth of [1, 2, 8]) {
          const early = promoteReadQuestion(options, latest)
          const full = promoteQuestion(policy, options, latest)
          expect([...tagsToRead(tagNames, early, depth)].sort()).toEqual(
            [...tagsToRead(tagNames, full, depth)].sort()
          )
          const a = tagsStillNeeded(partial, early, depth)
          const b = tagsStillNeeded(partial, full, depth)
          expect({ names: [...a.names].sort(), deeper: a.deeper }).toEqual({
            names: [...b.names].sort(),
            deeper: b.deeper
          })
        }
  })
})
