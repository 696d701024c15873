// Hashing a model file inside a workflow artifact (lineage `model_uri: artifact:…`): throughput of
// the streamed range reads + sha256 against the simulator's storage, and how much the process
// grows while a file far larger than one piece goes through. Run alone: `npx tsx bench/model-file.ts`.
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { RunArtifacts } from '../src/github/artifacts.js'
import { createOctokit } from '../src/github/client.js'
import { GitHubSimulator } from '../test/simulator/server.js'
import type { BenchRow } from './harness.js'

const MODEL_BYTES = 1 << 30
const MiB = 2 ** 20

export async function modelFileBench(): Promise<BenchRow> {
  const sim = new GitHubSimulator()
  await sim.start()
  const temp = mkdtempSync(join(tmpdir(), 'modelgate-bench-model-'))
  try {
    sim.state.addArtifact(7, 'model', { 'lineage.json': '{}', 'model.bin': { zeros: MODEL_BYTES } })
    const artifacts = new RunArtifacts(createOctokit({ token: sim.token, baseUrl: sim.url }), {
      owner: 'acme',
      repo: 'models',
      runId: 7,
      tempDir: temp
    })
    global.gc?.()
    const before = process.memoryUsage().rss
    let peak = before
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
    const start = performance.now()
    const file = await artifacts.digestFile('model', 'model.bin', 16 * 1024 ** 3)
    const seconds = (performance.now() - start) / 1000
    clearInterval(sampler)
    await artifacts.close()

    // Reference: the same bytes hashed from memory, a piece at a time (no transfer, no zip).
    const piece = Buffer.alloc(16 * MiB)
    const hash = createHash('sha256')
    const refStart = performance.now()
    for (let left = MODEL_BYTES; left > 0; left -= piece.length) hash.update(piece)
    const refSeconds = (performance.now() - refStart) / 1000
    if (file.digest !== `sha256:${hash.digest('hex')}`) throw new Error('the digests differ')

    const growth = (peak - before) / MiB
    const storageReads = sim.requests.filter((r) => r.area === 'storage').length
    return {
      name: 'hash a 1 GiB model file in an artifact',
      measured: `${(MODEL_BYTES / MiB / seconds).toFixed(0)} MiB/s, RSS +${growth.toFixed(0)} MiB, ${storageReads} storage reads`,
      reference: `sha256 from memory: ${(MODEL_BYTES / MiB / refSeconds).toFixed(0)} MiB/s`,
      ratio: seconds / refSeconds,
      goal: 'RSS growth under 256 MiB (memory bounded by two 16 MiB pieces, not the file)',
      met: growth < 256,
      notes: 'simulator storage on localhost, in the same process (its 16 MiB range answers count in the RSS)'
    }
  } finally {
    await sim.stop()
    rmSync(temp, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(await modelFileBench())
