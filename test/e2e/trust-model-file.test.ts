import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import { GitHubSimulator } from '../simulator/server.js'
import type { ZipEntryInput } from '../simulator/zip.js'
import { MODEL } from './fixtures.js'
import { buildAction, Runner, type ActionRun } from './runner.js'

/*
 * The model file behind the lineage digest, attacked through the bundled action and the GitHub
 * simulator: whoever uploads the training run's artifacts swaps model.bin for another model
 * while the lineage file keeps the approved digest, names a file that is not there, a zip bomb,
 * a file larger than the policy's bound, or a model_uri that climbs out of the artifact.
 */

let entry: string
let sim: GitHubSimulator
let runner: Runner
let commit: string

beforeAll(async () => {
  entry = (await buildAction()).entry
}, 120_000)
afterEach(async () => {
  await sim?.stop()
  runner?.cleanup()
})

const policy = (gateExtra = '') => `version: 1
model: ${MODEL}
stages: [dev, staging]
evidence:
  lineage: { artifact: model, path: lineage.json }
transitions:
  - to: staging
    gates:
      - { id: lineage, lineage: [model_digest, code_commit]${gateExtra} }
`

const MODEL_BYTES = randomBytes(300_000)
const sha256 = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

async function world(gateExtra = ''): Promise<void> {
  sim = new GitHubSimulator({ repository: 'acme/models' })
  await sim.start()
  runner = new Runner(entry, sim)
  runner.write('.github/modelgate.yml', policy(gateExtra))
  commit = sim.state.addCommit('train v1')
  sim.state.seedTag(`${MODEL}@v1.0.0`, commit, `Registering ${MODEL} v1.0.0`)
}

/** The training run's model artifact: the files, and a lineage file claiming `digest` for `uri`. */
function upload(
  runId: number,
  files: Record<string, ZipEntryInput>,
  digest: string,
  uri = 'artifact:model/model.bin'
): void {
  const lineage = JSON.stringify({ model_digest: digest, code_commit: commit, model_uri: uri })
  sim.state.addArtifact(runId, 'model', { 'lineage.json': lineage, ...files })
}

const promote = (runId: number): Promise<ActionRun> =>
  runner.run(
    {
      command: 'promote',
      policy: '.github/modelgate.yml',
      'policy-ref': 'workspace',
      model: MODEL,
      version: '1',
      to: 'staging'
    },
    { runId, sha: commit, workflow: 'promote model' }
  )

/** The record the run published (a blocked attempt publishes one too). */
function recordOf(result: ActionRun): Record<string, any> {
  const tag = result.outputs.tag || sim.state.tagNames().find((t) => t.startsWith(`${MODEL}@blocked#`))
  const release = sim.state.releaseByTag(tag!)!
  return JSON.parse(release.assets[0]!.bytes.toString('utf8'))
}

const lineageGate = (record: Record<string, any>): { status: string; message: string; observed?: any } =>
  record.gates.find((g: { id: string }) => g.id === 'lineage')

const staged = (): string[] => sim.state.tagNames().filter((t) => t.includes('#staging#'))

describe('the model file a lineage model_uri names is hashed and compared (the bundled action)', () => {
  it('promotes when model.bin is the model the lineage digest names, and records the check', async () => {
    await world()
    upload(500, { 'model.bin': MODEL_BYTES }, sha256(MODEL_BYTES))
    const result = await promote(500)
    expect(result.outputs.decision).toBe('promote')
    const gate = lineageGate(recordOf(result))
    expect(gate.status).toBe('pass')
    expect(gate.message).toContain(
      `model file model.bin in artifact "model" matches model_digest (${MODEL_BYTES.length} bytes hashed)`
    )
    expect(gate.observed.model_file).toEqual({
      artifact: 'model',
      path: 'model.bin',
      digest: sha256(MODEL_BYTES),
      bytes: MODEL_BYTES.length
    })
  })

  it('blocks a swapped model: the record names the artifact, the path and both digests', async () => {
    await world()
    const swapped = randomBytes(300_000)
    upload(501, { 'model.bin': swapped }, sha256(MODEL_BYTES))
    const result = await promote(501)
    expect(result.outputs.decision).toBe('block')
    expect(result.outputs['failed-gates']).toBe('lineage')
    expect(staged()).toEqual([])
    const why = `model file model.bin in artifact "model" has digest ${sha256(swapped)}, but lineage model_digest is ${sha256(MODEL_BYTES)}`
    expect(lineageGate(recordOf(result))).toMatchObject({ status: 'fail', message: why })
    expect(result.summary).toContain(sha256(swapped))
  })

  it('blocks when the file the lineage names is not in the artifact', async () => {
    await world()
    upload(502, { 'other.bin': MODEL_BYTES }, sha256(MODEL_BYTES))
    const result = await promote(502)
    expect(result.outputs.decision).toBe('block')
    expect(staged()).toEqual([])
    expect(lineageGate(recordOf(result)).message).toMatch(
      /^model file model.bin in artifact "model" could not be verified against model_digest sha256:[0-9a-f]{64}: .*no file model.bin in artifact model/
    )
  })

  it('streams a model larger than one storage read, in bounded pieces, and verifies it', async () => {
    await world()
    const size = 24 << 20
    upload(503, { 'model.bin': { zeros: size } }, sha256(Buffer.alloc(size)))
    sim.resetRecording()
    const result = await promote(503)
    expect(result.outputs.decision).toBe('promote')
    const reads = sim.requests.filter((r) => r.area === 'storage')
    expect(reads.every((r) => r.headers.range)).toBe(true)
    expect(Math.max(...reads.map((r) => r.bytes))).toBeLessThanOrEqual(16 << 20)
    expect(sim.storageBytes()).toBeGreaterThanOrEqual(size)
    expect(result.stdout).toContain('modelgate: hashing artifact:model/model.bin (24.0 MiB)')
  })
})

describe('evaluate checks the model file as promote does', () => {
  it('lineage in the workspace, the model in an artifact: evaluate reads the artifact and blocks a swapped model', async () => {
    await world()
    runner.write(
      '.github/modelgate.yml',
      policy().replace('lineage: { artifact: model, path: lineage.json }', 'lineage: { path: lineage.json }')
    )
    runner.write(
      'lineage.json',
      JSON.stringify({
        model_digest: sha256(MODEL_BYTES),
        code_commit: commit,
        model_uri: 'artifact:model/model.bin'
      })
    )
    sim.state.addArtifact(520, 'model', { 'model.bin': randomBytes(1000) })
    const result = await runner.run(
      { command: 'evaluate', policy: '.github/modelgate.yml', model: MODEL, version: '1', to: 'staging' },
      { runId: 520, sha: commit }
    )
    expect(result.outputs.decision).toBe('block')
    expect(result.outputs['failed-gates']).toBe('lineage')
    expect(result.summary).toMatch(
      /model file model.bin in artifact &quot;model&quot; has digest sha256:[0-9a-f]{64}, but lineage/
    )
    expect(result.summary).toContain(sha256(MODEL_BYTES))
  })
})

describe('hostile model files and URIs are refused before they are read', () => {
  it('a zip bomb (a file inflating over 1000x) fails the gate without inflating it', async () => {
    await world()
    const bomb = Buffer.alloc(8 << 20)
    upload(510, { 'model.bin': bomb }, sha256(bomb))
    sim.resetRecording()
    const result = await promote(510)
    expect(result.outputs.decision).toBe('block')
    expect(staged()).toEqual([])
    expect(lineageGate(recordOf(result)).message).toMatch(
      /model.bin inflates \d+x \(limit 1000x\); refusing a likely zip bomb/
    )
    expect(sim.storageBytes()).toBeLessThan(256 << 10)
  })

  it('a model file larger than max_model_file_bytes fails the gate; not a byte of it is read', async () => {
    await world(', max_model_file_bytes: 1000000000')
    upload(511, { 'model.bin': { zeros: 2_000_000_000 } }, `sha256:${'ab'.repeat(32)}`)
    sim.resetRecording()
    const result = await promote(511)
    expect(result.outputs.decision).toBe('block')
    expect(staged()).toEqual([])
    expect(lineageGate(recordOf(result)).message).toContain(
      'model.bin is 2000000000 bytes; model files are limited to 1000000000'
    )
    expect(sim.storageBytes()).toBeLessThan(256 << 10)
  })

  it('a model_uri that climbs out of the artifact (artifact:x/../../etc/passwd) fails the gate and reads nothing', async () => {
    await world()
    upload(512, { 'model.bin': MODEL_BYTES }, sha256(MODEL_BYTES), 'artifact:x/../../etc/passwd')
    sim.state.addArtifact(512, 'x', { 'model.bin': MODEL_BYTES })
    sim.resetRecording()
    const result = await promote(512)
    expect(result.outputs.decision).toBe('block')
    expect(staged()).toEqual([])
    const gate = lineageGate(recordOf(result))
    expect(gate.message).toBe('model_uri has a "." or ".." segment; the model file cannot be verified')
    // Only the lineage file's artifact was downloaded; artifact x never was.
    expect(sim.requests.filter((r) => r.operation === 'actions/download-artifact')).toHaveLength(1)
  })
})
