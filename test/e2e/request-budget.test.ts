import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createOctokit } from '../../src/github/client.js'
import { GitHubRegistry } from '../../src/github/registry.js'
import { modelTagPrefixes } from '../../src/registry/gto.js'
import { buildHistory } from '../../src/registry/state.js'
import { seedHistory } from '../simulator/history.js'
import { GitHubSimulator } from '../simulator/server.js'
import { MODEL, POLICY, stagingArtifacts } from './fixtures.js'
import { buildAction, Runner } from './runner.js'

/*
 * What a promotion costs in GitHub requests does not grow with the registry. The bundled action
 * promotes staging → prod (two approval environments, three artifacts, a baseline in prod, the
 * version it replaces archived, release + asset + status, the policy read at the default branch)
 * against the simulator, after 7, 300 and
 * 3,000 earlier tags of the model; `resolve` and the library's full history read are counted at
 * 3,000. Every request (GraphQL included, each validated against GitHub's schema) counts. These
 * are the figures in docs/github-api.md ("Request budget") and the README: a regression fails
 * here.
 */

/** The promotion's requests, by operation, at any history length. */
export const PROMOTE_BUDGET = {
  'actions/list-workflow-run-artifacts': 1,
  'actions/download-artifact': 3,
  'actions/get-reviews-for-run': 1,
  'repos/get-all-environments': 1,
  'git/list-matching-refs': 1,
  // One query reads the tag objects and the policy at the default branch (a run obeys the
  // committed policy, not the workspace's); one mutation creates both refs, all or none.
  graphql: 2,
  // The assignment's and the archival's tag objects: GitHub has no call that makes two.
  'git/create-tag': 2,
  'repos/create-release': 1,
  'repos/upload-release-asset': 1,
  'repos/update-release': 1,
  'repos/create-commit-status': 1
}
export const PROMOTE_REQUESTS = Object.values(PROMOTE_BUDGET).reduce((a, b) => a + b, 0)
export const RESOLVE_REQUESTS = 2
/** The names, then 100 tag objects per GraphQL query. */
export const historyRequests = (tags: number): number => 1 + Math.ceil(tags / 100)

let entry: string

beforeAll(async () => {
  entry = (await buildAction()).entry
}, 120_000)

const byOperation = (sim: GitHubSimulator): Record<string, number> =>
  sim.requests.reduce<Record<string, number>>((acc, r) => {
    if (r.area !== 'storage') acc[r.operation ?? r.path] = (acc[r.operation ?? r.path] ?? 0) + 1
    return acc
  }, {})

describe.each([7, 300, 3000])('with %i earlier tags of the model', (earlier) => {
  let sim: GitHubSimulator
  let runner: Runner
  let seeded: ReturnType<typeof seedHistory>

  beforeAll(async () => {
    sim = new GitHubSimulator({ repository: 'acme/models' })
    await sim.start()
    runner = new Runner(entry, sim)
    runner.write('.github/modelgate.yml', POLICY)
    sim.state.putFile('.github/modelgate.yml', POLICY)
    sim.state.addEnvironment('prod-owner', { reviewers: ['alice'], canAdminsBypass: false })
    sim.state.addEnvironment('prod-reviewer', { reviewers: ['bob'], canAdminsBypass: false })
    seeded = seedHistory(sim.state, MODEL, earlier, Date.now() - earlier * 3_600_000 - 60_000)
    expect(sim.state.tagNames().filter((t) => t.startsWith(MODEL))).toHaveLength(earlier)
  }, 120_000)
  afterAll(async () => {
    expect(sim.problems).toEqual([])
    await sim.stop()
    runner.cleanup()
  })

  it(`promotes staging → prod, archiving the version in prod, in ${PROMOTE_REQUESTS} requests`, async () => {
    stagingArtifacts(sim, 500, seeded.candidateCommit, { latency: 60, errors: 0.001, psi: 0.02 })
    for (const [user, environment] of [
      ['alice', 'prod-owner'],
      ['bob', 'prod-reviewer']
    ] as const)
      sim.state.addReview(500, { state: 'approved', user, environments: [environment], comment: 'ok' })
    sim.resetRecording()
    const result = await runner.run(
      {
        command: 'promote',
        policy: '.github/modelgate.yml',
        model: MODEL,
        version: seeded.candidate,
        to: 'prod'
      },
      { runId: 500, sha: seeded.candidateCommit }
    )
    expect(result.stdout).not.toContain('::error')
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({ decision: 'promote', version: seeded.candidate })
    expect(result.summary).toContain(`**Archived:** \`${seeded.inProd}\``)
    expect(byOperation(sim)).toEqual(PROMOTE_BUDGET)
    expect(sim.count()).toBe(PROMOTE_REQUESTS)
    const graphql = sim.requests.filter((r) => r.operation === 'graphql').map((r) => r.graphql)
    expect(graphql).toEqual(['query', 'mutation'])
    // Both refs landed, each on its own tag object: the assignment, then the archival.
    const counters = sim.state
      .tagNames()
      .map((t) => /#prod#(\d+)$/.exec(t)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(BigInt)
    const last = counters.reduce((a, b) => (b > a ? b : a))
    expect(sim.state.tag(`${MODEL}#prod#${last}`)?.commit).toBe(seeded.candidateCommit)
    expect(sim.state.tag(`${MODEL}#prod!#${last + 1n}`)?.commit).toBe(seeded.commits.get(seeded.inProd))
  }, 120_000)

  it(`resolves prod in ${RESOLVE_REQUESTS} requests`, async () => {
    sim.resetRecording()
    const result = await runner.run(
      { command: 'resolve', model: MODEL, stage: 'prod' },
      { runId: 501, sha: seeded.candidateCommit }
    )
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({ decision: 'found', version: seeded.candidate })
    expect(sim.count()).toBe(RESOLVE_REQUESTS)
  }, 120_000)

  it('reads the whole history in the names plus one GraphQL query per 100 tags', async () => {
    sim.resetRecording()
    // Without pacing: the throttling plugin spaces GraphQL queries 1 s apart, and this counts
    // requests (31 queries at 3,000 tags), not their spacing.
    const registry = new GitHubRegistry(
      createOctokit({ token: sim.token, baseUrl: sim.url, pacing: false }),
      'acme',
      'models',
      {
        name: 'ci',
        email: 'ci@example.invalid'
      }
    )
    const events = buildHistory(await registry.listTags(modelTagPrefixes(MODEL)), MODEL)
    // The earlier tags, the promotion's assignment and its archival.
    expect(events).toHaveLength(earlier + 2)
    expect(sim.count()).toBe(historyRequests(earlier + 2))
    if (earlier === 3000) expect(sim.count()).toBeLessThanOrEqual(40)
  }, 120_000)
})
