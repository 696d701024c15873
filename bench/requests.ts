import { pathToFileURL } from 'node:url'
import { createOctokit } from '../src/github/client.js'
import { GitHubRegistry } from '../src/github/registry.js'
import { modelTagPrefixes } from '../src/registry/gto.js'
import { MODEL, POLICY, stagingArtifacts } from '../test/e2e/fixtures.js'
import { buildAction, Runner } from '../test/e2e/runner.js'
import { seedHistory } from '../test/simulator/history.js'
import { GitHubSimulator } from '../test/simulator/server.js'
import type { BenchRow } from './harness.js'

/**
 * What the issue asks of a staging → prod promote with archival, at any history length. The
 * measured count is above it by one (docs/github-api.md, "Request budget"): the archival's own
 * tag object, which no GitHub call creates together with another. Its ref, and the policy read
 * at the default branch, cost no request of their own (one `updateRefs` mutation for both refs;
 * the policy inside the registry's GraphQL query).
 */
export const PROMOTE_GOAL = 14
export const RESOLVE_GOAL = 2
export const HISTORY_GOAL = 40
/** Storage goal for reading a small file inside a large artifact. */
export const STORAGE_GOAL_BYTES = 256 * 1024
export const HISTORY_LENGTHS = [7, 300, 3000] as const

export interface HistoryResult {
  earlier: number
  promote: number
  byOperation: Record<string, number>
  resolve: number
  history: number
  storageBytes: number
  maxArtifactStorageBytes: number
}

/**
 * The bundled action, started as the runner starts it, against the GitHub simulator after
 * `earlier` tags of the model (test/simulator/history.ts): one staging → prod promote (the
 * policy at the default branch, two approval environments, three artifacts, one a "2 GB" model
 * artifact holding a small lineage.json, baseline in prod, the version in prod archived,
 * release + asset + status), then `resolve prod`, then the library's full history read. Every
 * API, uploads and GraphQL request counts; artifact storage reads are not API requests.
 */
export async function runHistoryBench(entry: string, earlier: number): Promise<HistoryResult> {
  const sim = new GitHubSimulator()
  await sim.start()
  const runner = new Runner(entry, sim)
  try {
    runner.write('policy.yml', POLICY)
    // promote reads the policy at the default branch, as committed there.
    sim.state.putFile('policy.yml', POLICY)
    sim.state.addEnvironment('prod-owner', { reviewers: ['alice'], canAdminsBypass: false })
    sim.state.addEnvironment('prod-reviewer', { reviewers: ['bob'], canAdminsBypass: false })
    const seeded = seedHistory(sim.state, MODEL, earlier, Date.now() - earlier * 3_600_000 - 60_000)
    sim.state.addReview(9, { state: 'approved', user: 'alice', environments: ['prod-owner'], comment: 'ok' })
    sim.state.addReview(9, { state: 'approved', user: 'bob', environments: ['prod-reviewer'], comment: 'ok' })
    stagingArtifacts(sim, 9, seeded.candidateCommit, { latency: 60, errors: 0.001, psi: 0.02 })
    sim.resetRecording()
    const result = await runner.run(
      { command: 'promote', policy: 'policy.yml', model: MODEL, version: seeded.candidate, to: 'prod' },
      { runId: 9, sha: seeded.candidateCommit }
    )
    if (result.code !== 0 || result.outputs.decision !== 'promote')
      throw new Error(`the benchmark promotion did not succeed:\n${result.stdout}${result.stderr}`)
    const byOperation: Record<string, number> = {}
    for (const r of sim.requests)
      if (r.area !== 'storage')
        byOperation[r.operation ?? r.path] = (byOperation[r.operation ?? r.path] ?? 0) + 1
    const perArtifact = new Map<string, number>()
    for (const r of sim.requests.filter((r) => r.area === 'storage'))
      perArtifact.set(r.path, (perArtifact.get(r.path) ?? 0) + r.bytes)
    const promote = sim.count()
    const storageBytes = sim.storageBytes()

    sim.resetRecording()
    const resolved = await runner.run(
      { command: 'resolve', model: MODEL, stage: 'prod' },
      { runId: 10, sha: seeded.candidateCommit }
    )
    if (resolved.outputs.version !== seeded.candidate)
      throw new Error(`resolve answered ${resolved.outputs.version}`)
    const resolve = sim.count()

    sim.resetRecording()
    const registry = new GitHubRegistry(
      createOctokit({ token: sim.token, baseUrl: sim.url }),
      'acme',
      'models',
      {
        name: 'bench',
        email: 'bench@example.invalid'
      }
    )
    await registry.listTags(modelTagPrefixes(MODEL))
    const history = sim.count()
    if (sim.problems.length > 0) throw new Error(`simulator problems:\n${sim.problems.join('\n')}`)
    return {
      earlier,
      promote,
      byOperation,
      resolve,
      history,
      storageBytes,
      maxArtifactStorageBytes: Math.max(0, ...perArtifact.values())
    }
  } finally {
    await sim.stop()
    runner.cleanup()
  }
}

export async function runRequestsBench(): Promise<HistoryResult[]> {
  const { entry } = await buildAction()
  const results: HistoryResult[] = []
  for (const earlier of HISTORY_LENGTHS) results.push(await runHistoryBench(entry, earlier))
  return results
}

const size = (bytes: number): string => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`)

/** The rows `npm run bench` prints. */
export async function requestsBench(): Promise<BenchRow[]> {
  const results = await runRequestsBench()
  const promotes = results.map((r) => r.promote)
  const last = results[results.length - 1]!
  const flat = promotes.every((n) => n === promotes[0])
  const operations = Object.entries(results[0]!.byOperation)
    .map(([operation, n]) => (n > 1 ? `${operation} ×${n}` : operation))
    .join(', ')
  return [
    {
      name: `GitHub requests per staging → prod promote (${HISTORY_LENGTHS.join(' / ')} earlier tags)`,
      measured: `${promotes.join(' / ')} requests, ${size(last.storageBytes)} from storage`,
      reference: `${PROMOTE_GOAL} asked`,
      ratio: Math.max(...promotes) / PROMOTE_GOAL,
      goal: `flat; ≤ ${PROMOTE_GOAL}; ≤ ${STORAGE_GOAL_BYTES / 1024} KiB storage per artifact`,
      met:
        flat && Math.max(...promotes) <= PROMOTE_GOAL && last.maxArtifactStorageBytes <= STORAGE_GOAL_BYTES,
      notes: `${operations} (graphql = the tag objects with the policy, and both refs in one updateRefs mutation; the floor with an archival: see docs/github-api.md, "Request budget")`
    },
    {
      name: `GitHub requests: resolve / full history after ${last.earlier.toLocaleString('en-US')} earlier tags`,
      measured: `${last.resolve} / ${last.history} requests`,
      reference: `≤ ${RESOLVE_GOAL} / ≤ ${HISTORY_GOAL}`,
      ratio: null,
      goal: `resolve ≤ ${RESOLVE_GOAL}, history ≤ ${HISTORY_GOAL}`,
      met: last.resolve <= RESOLVE_GOAL && last.history <= HISTORY_GOAL,
      notes: `resolve at ${results.map((r) => r.resolve).join(' / ')}, history at ${results.map((r) => r.history).join(' / ')} requests for ${HISTORY_LENGTHS.join(' / ')} earlier tags (+2 written by the promote)`
    }
  ]
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await runRequestsBench(), null, 2))
}
