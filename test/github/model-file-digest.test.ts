import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import nock from 'nock'
import { ArtifactEvidenceSource, RunArtifacts } from '../../src/github/artifacts.js'
import { API, artifactJson, makeClient, R, repo, serveBlob, type FakeArtifact } from './harness.js'
import { buildZip, type SparseZip } from './zip.js'

// nock patches Node's http module for the whole jest worker: unpatch it when this file is done,
// or a later file in the same worker (Sigstore's fetch, a local simulator) has its requests intercepted.
afterAll(() => nock.restore())

/*
 * Hashing a model file inside a run artifact: streamed through sha256 in bounded storage reads,
 * refused before a byte is read when it cannot be the one file the lineage names.
 */

let temp: string
beforeAll(() => nock.disableNetConnect())
beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), 'modelgate-gh-model-'))
})
afterEach(() => {
  nock.cleanAll()
  rmSync(temp, { recursive: true, force: true })
})
afterAll(() => nock.enableNetConnect())

const RUN = 42
const sha256 = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

function serve(id: number, name: string, zip: SparseZip): ReturnType<typeof serveBlob> {
  const artifact: FakeArtifact = { id, name, size_in_bytes: zip.size }
  nock(API)
    .get(`${R}/actions/runs/${RUN}/artifacts`)
    .query(true)
    .reply(200, { total_count: 1, artifacts: [artifactJson(artifact)] })
  nock(API)
    .persist()
    .get(`${R}/actions/artifacts/${id}/zip`)
    .reply(302, '', { location: `https://storage.blob.test/blob-${id}?sig=SIGNED` })
  return serveBlob(zip, `/blob-${id}`)
}

const options = (extra: object = {}) => ({
  ...repo,
  runId: RUN,
  currentRun: { id: RUN, workflow: 'train' },
  tempDir: temp,
  delayUnitMs: 1,
  ...extra
})

describe('RunArtifacts.digestFile', () => {
  it('streams a model larger than one read in bounded pieces and returns its sha256', async () => {
    const size = 20 << 20
    const storage = serve(
      30,
      'model',
      buildZip([
        { name: 'lineage.json', data: '{}' },
        { name: 'model.bin', zeros: size }
      ])
    )
    const progress: string[] = []
    const artifacts = new RunArtifacts(
      makeClient(),
      options({ streamChunkBytes: 4 << 20, progress: (m: string) => progress.push(m) })
    )
    const file = await artifacts.digestFile('model', 'model.bin', 1 << 30)
    await artifacts.close()
    expect(file).toEqual({ digest: sha256(Buffer.alloc(size)), path: 'model.bin', bytes: size })
    // No read larger than a piece: memory holds two pieces at most, never the file.
    expect(Math.max(...storage.requests.map((r) => r.bytes))).toBeLessThanOrEqual(4 << 20)
    expect(storage.requests.filter((r) => r.bytes === 4 << 20).length).toBeGreaterThanOrEqual(4)
    expect(progress).toEqual([
      'modelgate: hashing artifact:model/model.bin (20.0 MiB) to compare with lineage model_digest'
    ])
  })

  it('hashes from the one full download under the temp dir when storage refuses ranges', async () => {
    const weights = randomBytes(100_000)
    const zip = buildZip([{ name: 'model.bin', data: weights }])
    nock(API)
      .get(`${R}/actions/runs/${RUN}/artifacts`)
      .query(true)
      .reply(200, {
        total_count: 1,
        artifacts: [artifactJson({ id: 36, name: 'model', size_in_bytes: zip.size })]
      })
    nock(API)
      .persist()
      .get(`${R}/actions/artifacts/36/zip`)
      .reply(302, '', { location: 'https://storage.blob.test/blob-36?sig=SIGNED' })
    const storage = serveBlob(zip, '/blob-36', { ranges: false })
    const artifacts = new RunArtifacts(makeClient(), options())
    expect(await artifacts.digestFile('model', 'model.bin', 1 << 20)).toMatchObject({
      digest: sha256(weights),
      bytes: weights.length
    })
    expect(storage.requests).toHaveLength(1)
    await artifacts.close()
    expect(readdirSync(temp)).toEqual([])
  })

  it('inflates a deflated model while hashing it', async () => {
    const weights = Buffer.concat([randomBytes(200_000), Buffer.alloc(200_000, 7)])
    serve(31, 'model', buildZip([{ name: 'nested/model.onnx', data: weights, deflate: true }]))
    const artifacts = new RunArtifacts(makeClient(), options())
    expect(await artifacts.digestFile('model', 'nested/model.onnx', 1 << 30)).toEqual({
      digest: sha256(weights),
      path: 'nested/model.onnx',
      bytes: weights.length
    })
    await artifacts.close()
  })

  it("artifact:<name> alone names the artifact's only file; with several it names none", async () => {
    serve(32, 'single', buildZip([{ name: 'model.pt', data: 'weights' }]))
    const one = new RunArtifacts(makeClient(), options())
    expect(await one.digestFile('single', undefined, 1000)).toMatchObject({
      path: 'model.pt',
      digest: sha256(Buffer.from('weights'))
    })
    await one.close()
    nock.cleanAll()
    serve(
      33,
      'many',
      buildZip([
        { name: 'a.bin', data: 'a' },
        { name: 'b.bin', data: 'b' }
      ])
    )
    const many = new RunArtifacts(makeClient(), options())
    await expect(many.digestFile('many', undefined, 1000)).rejects.toThrow(
      "artifact many holds 2 files; model_uri artifact:many names the artifact's only file, so name the model file (artifact:many/<path>)"
    )
    await many.close()
  })

  it('refuses a file over the bound, a zip bomb and a symbolic link before reading their data', async () => {
    const storage = serve(
      34,
      'model',
      buildZip([
        { name: 'big.bin', zeros: 3_000_000_000 },
        { name: 'bomb.bin', data: Buffer.alloc(4 << 20), deflate: true },
        { name: 'link.bin', data: '/etc/passwd', symlink: true },
        { name: 'liar.bin', data: Buffer.alloc(50_000, 1), deflate: true, declaredSize: 100 }
      ])
    )
    const artifacts = new RunArtifacts(makeClient(), options())
    await expect(artifacts.digestFile('model', 'big.bin', 1 << 30)).rejects.toThrow(
      'big.bin is 3000000000 bytes; model files are limited to 1073741824'
    )
    await expect(artifacts.digestFile('model', 'bomb.bin', 1 << 30)).rejects.toThrow(
      /refusing a likely zip bomb/
    )
    await expect(artifacts.digestFile('model', 'link.bin', 1 << 30)).rejects.toThrow(/is a symbolic link/)
    await expect(artifacts.digestFile('model', 'liar.bin', 1000)).rejects.toThrow(
      /cannot read liar.bin|liar.bin is larger than declared/
    )
    await expect(artifacts.digestFile('model', 'absent.bin', 1000)).rejects.toThrow(
      'no file absent.bin in artifact model'
    )
    expect(storage.bytes()).toBeLessThan(256 << 10)
    await artifacts.close()
  })

  it("refuses a fork's artifact unless the lineage evidence allows fork runs, before reading it", async () => {
    const storage = serve(35, 'model', buildZip([{ name: 'model.bin', data: 'weights' }]))
    const source = new ArtifactEvidenceSource(makeClient(), options())
    jest.spyOn(source.artifacts, 'origin').mockResolvedValue({
      artifact: 'model',
      artifact_id: 35,
      run_id: '42',
      workflow: 'train',
      head_sha: 'a'.repeat(40),
      head_repository: 'mallory/models',
      fork: true
    })
    await expect(
      source.digest({ artifact: 'model', path: 'model.bin', maxBytes: 1000, allowForkRuns: false })
    ).rejects.toThrow(/head repository mallory\/models is not this repository/)
    expect(storage.requests).toHaveLength(0)
    expect(
      await source.digest({ artifact: 'model', path: 'model.bin', maxBytes: 1000, allowForkRuns: true })
    ).toMatchObject({ digest: sha256(Buffer.from('weights')) })
    await source.close()
  })
})
