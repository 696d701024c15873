import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { MODEL, POLICY, stagingArtifacts } from '../test/e2e/fixtures.js'
import { Runner } from '../test/e2e/runner.js'
import { GitHubSimulator } from '../test/simulator/server.js'
import type { BenchRow } from './harness.js'

/** The design's floor for a staging → prod promote with two approval environments and three artifacts. */
export const REQUEST_FLOOR = 15
/** Storage goal for reading a small file inside a large artifact. */
export const STORAGE_GOAL_BYTES = 256 * 1024

export interface RequestsResult {
  name: string
  /** REST requests to the API and uploads hosts. */
  requests: number
  floor: number
  /** Bytes read from artifact storage, all three artifacts together. */
  storageBytes: number
  /** Largest storage read of one artifact (the 2 GB model artifact's included). */
  maxArtifactStorageBytes: number
  byOperation: Record<string, number>
  notes: string
}

/**
 * Runs the action (unbundled sources through tsx, started as the runner starts it) for one
 * staging → prod promotion against the GitHub simulator and counts what it asked for: the
 * policy at the default branch, list artifacts, three downloads (one of them a "2 GB" model
 * artifact holding a small lineage.json), approvals, two environments, the registry read, tag
 * object, ref, draft release, asset, publish and status.
 */
export async function runRequestsBench(): Promise<RequestsResult> {
  const sim = new GitHubSimulator()
  await sim.start()
  const runner = new Runner(resolve('src/action-main.ts'), sim, ['--import', import.meta.resolve('tsx')])
  try {
    runner.write('policy.yml', POLICY)
    // promote reads the policy at the default branch, as committed there.
    sim.state.putFile('policy.yml', POLICY)
    const commit = sim.state.addCommit('train v1')
    const now = new Date(Date.now() - 5000).toISOString()
    sim.state.seedTag(`${MODEL}@v1.0.0`, commit, 'Registering fraud_detector v1.0.0', now)
    sim.state.seedTag(`${MODEL}#staging#1`, commit, 'Assigning staging', now)
    sim.state.addEnvironment('prod-owner', { reviewers: ['alice'], canAdminsBypass: false })
    sim.state.addEnvironment('prod-reviewer', { reviewers: ['bob'], canAdminsBypass: false })
    sim.state.addReview(9, { state: 'approved', user: 'alice', environments: ['prod-owner'], comment: 'ok' })
    sim.state.addReview(9, { state: 'approved', user: 'bob', environments: ['prod-reviewer'], comment: 'ok' })
    stagingArtifacts(sim, 9, commit, { latency: 60, errors: 0.001, psi: 0.02 })
    const result = await runner.run(
      { command: 'promote', policy: 'policy.yml', model: MODEL, version: '1', to: 'prod' },
      { runId: 9, sha: commit }
    )
    if (result.code !== 0 || result.outputs.decision !== 'promote')
      throw new Error(`the benchmark promotion did not succeed:\n${result.stdout}${result.stderr}`)
    if (sim.problems.length > 0) throw new Error(`simulator problems:\n${sim.problems.join('\n')}`)
    const byOperation: Record<string, number> = {}
    for (const r of sim.requests)
      if (r.area !== 'storage')
        byOperation[r.operation ?? r.path] = (byOperation[r.operation ?? r.path] ?? 0) + 1
    const perArtifact = new Map<string, number>()
    for (const r of sim.requests.filter((r) => r.area === 'storage'))
      perArtifact.set(r.path, (perArtifact.get(r.path) ?? 0) + r.bytes)
    const requests = sim.count()
    const tagReads = byOperation['git/get-tag'] ?? 0
    return {
      name: 'GitHub requests per staging → prod promote',
      requests,
      floor: REQUEST_FLOOR,
      storageBytes: sim.storageBytes(),
      maxArtifactStorageBytes: Math.max(0, ...perArtifact.values()),
      byOperation,
      notes:
        `${requests - tagReads} requests at the floor's operations + ${tagReads} tag-object reads ` +
        `(one per annotated tag of the model: the REST API lists refs but not tag messages); ` +
        `storage read per artifact: ${[...perArtifact.values()].map(size).join(', ')} ` +
        `(the model artifact is 2 GB; actions/download-artifact would fetch all of it)`
    }
  } finally {
    await sim.stop()
    runner.cleanup()
  }
}

const size = (bytes: number): string => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`)

/** The row `npm run bench` prints. */
export async function requestsBench(): Promise<BenchRow> {
  const result = await runRequestsBench()
  const tagReads = result.byOperation['git/get-tag'] ?? 0
  const met =
    result.requests - tagReads <= result.floor && result.maxArtifactStorageBytes <= STORAGE_GOAL_BYTES
  return {
    name: result.name,
    measured: `${result.requests} requests, ${size(result.storageBytes)} from storage`,
    reference: `floor ${result.floor} (+1 per existing tag)`,
    ratio: result.requests / result.floor,
    goal: `floor; ≤ ${STORAGE_GOAL_BYTES / 1024} KiB storage per artifact`,
    met,
    notes: result.notes
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runRequestsBench()
  console.log(JSON.stringify(result, null, 2))
}
