import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import nock from 'nock'
import { ArchiveError, EvidenceError, GitHubError } from '../../src/errors.js'
import { ArtifactEvidenceSource, readArtifactFile, RunArtifacts } from '../../src/github/artifacts.js'
import {
  API,
  artifactJson,
  makeClient,
  R,
  repo,
  serveBlob,
  STORAGE,
  TOKEN,
  type FakeArtifact
} from './harness.js'
import { buildZip, type SparseZip, type ZipEntry } from './zip.js'

// nock patches Node's http module for the whole jest worker: unpatch it when this file is done,
// or a later file in the same worker (Sigstore's fetch, a local simulator) has its requests intercepted.
afterAll(() => nock.restore())

let temp: string
beforeAll(() => nock.disableNetConnect())
beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), 'modelgate-gh-artifacts-'))
})
afterEach(() => {
  nock.cleanAll()
  rmSync(temp, { recursive: true, force: true })
})
afterAll(() => nock.enableNetConnect())

const RUN = 42
const DIGEST = 'sha256:' + 'ab'.repeat(32)

/** Lists `artifacts` for the run and redirects each download to its own storage path. */
function api(artifacts: FakeArtifact[], options: { pages?: number } = {}) {
  const scope = nock(API)
  const pages = options.pages ?? 1
  const per = Math.ceil(artifacts.length / pages) || 1
  for (let page = 1; page <= pages; page++) {
    const items = artifacts.slice((page - 1) * per, page * per)
    const link =
      page < pages
        ? { link: `<${API}${R}/actions/runs/${RUN}/artifacts?per_page=100&page=${page + 1}>; rel="next"` }
        : undefined
    scope
      .get(`${R}/actions/runs/${RUN}/artifacts`)
      .query((q) => String(q.page ?? '1') === String(page))
      .reply(200, { total_count: artifacts.length, artifacts: items.map(artifactJson) }, link)
  }
  const downloads: number[] = []
  scope
    .persist()
    .get(/\/repos\/acme\/models\/actions\/artifacts\/\d+\/zip$/)
    .reply(function (uri) {
      const id = Number(/artifacts\/(\d+)\/zip/.exec(uri)![1])
      downloads.push(id)
      return [302, '', { location: `${STORAGE}/blob-${id}?sig=SIGNED&se=soon` }]
    })
  return { downloads }
}

function artifactOf(
  id: number,
  name: string,
  zip: SparseZip,
  extra: Partial<FakeArtifact> = {}
): FakeArtifact {
  return { id, name, size_in_bytes: zip.size, digest: DIGEST, ...extra }
}

const options = <T extends object>(extra: T = {} as T) => ({
  ...repo,
  runId: RUN,
  currentRun: { id: RUN, workflow: 'train' },
  tempDir: temp,
  delayUnitMs: 1,
  ...extra
})

describe('reading one file of a run artifact', () => {
  it('follows the 302 to storage without the token, reads with ranges and returns the digest', async () => {
    const zip = buildZip([
      { name: 'metrics.json', data: '{"auc":0.93}' },
      { name: 'report/drift.json', data: JSON.stringify({ psi: 0.01 }), deflate: true }
    ])
    const { downloads } = api([artifactOf(11, 'eval', zip)])
    const storage = serveBlob(zip, '/blob-11')
    const file = await readArtifactFile(
      makeClient(),
      options({ artifact: 'eval', path: 'report/drift.json' })
    )
    expect(JSON.parse(file.bytes.toString())).toEqual({ psi: 0.01 })
    expect(file.artifactDigest).toBe(DIGEST)
    expect(file.usedRanges).toBe(true)
    expect(downloads).toEqual([11])
    expect(storage.requests.length).toBeGreaterThan(0)
    for (const request of storage.requests) {
      expect(request.authorization).toBeUndefined()
      expect(request.range).toMatch(/^bytes=\d+-\d+$/)
    }
    expect(file.bytesTransferred).toBe(storage.bytes())
  })

  it('costs one listing, one redirect and at most two storage reads for three files of one artifact', async () => {
    const zip = buildZip([
      { name: 'a.json', data: '{"a":1}' },
      { name: 'b.json', data: '{"b":2}' },
      { name: 'c/d.json', data: '{"d":4}', deflate: true }
    ])
    const { downloads } = api([artifactOf(5, 'eval', zip)])
    const storage = serveBlob(zip, '/blob-5')
    const source = new ArtifactEvidenceSource(makeClient(), options())
    const spec = { artifact: 'eval', format: 'json' as const }
    const read = async (path: string) => (await source.read('x', spec, path)).bytes.toString()
    expect(await read('a.json')).toBe('{"a":1}')
    expect(await read('./b.json')).toBe('{"b":2}')
    expect(await read('c/d.json')).toBe('{"d":4}')
    expect(downloads).toEqual([5])
    // The whole small zip sits inside the tail read: one storage request serves everything.
    expect(storage.requests).toHaveLength(1)
    await source.close()
  })

  it('pages through the artifact list and takes the newest live artifact of that name', async () => {
    const old = buildZip([{ name: 'm.json', data: '{"v":"old"}' }])
    const fresh = buildZip([{ name: 'm.json', data: '{"v":"new"}' }])
    const filler = Array.from({ length: 5 }, (_, i) => artifactOf(100 + i, `other-${i}`, old))
    api(
      [
        ...filler,
        artifactOf(1, 'eval', old, { created_at: '2026-11-20T00:00:00Z' }),
        artifactOf(3, 'eval', fresh, { created_at: '2026-11-22T00:00:00Z', expired: true }),
        artifactOf(2, 'eval', fresh, { created_at: '2026-11-21T00:00:00Z' })
      ],
      { pages: 3 }
    )
    serveBlob(fresh, '/blob-2')
    const file = await readArtifactFile(makeClient(), options({ artifact: 'eval', path: 'm.json' }))
    expect(file.bytes.toString()).toBe('{"v":"new"}')
  })

  it('reports an artifact that only exists expired, one that does not exist, and a missing file', async () => {
    const zip = buildZip([{ name: 'metrics.json', data: '{}' }])
    api([artifactOf(1, 'stale', zip, { expired: true }), artifactOf(2, 'eval', zip)])
    serveBlob(zip, '/blob-2')
    const artifacts = new RunArtifacts(makeClient(), options())
    await expect(artifacts.readFile('stale', 'metrics.json')).rejects.toThrow(
      'artifact "stale" of workflow run 42 has expired (retention ended)'
    )
    await expect(artifacts.readFile('drift', 'x.json')).rejects.toThrow(
      'artifact "drift" is not among the artifacts of workflow run 42 (found: stale, eval)'
    )
    await expect(artifacts.readFile('eval', 'nope.json')).rejects.toThrow(
      'no file nope.json in artifact eval (it holds metrics.json)'
    )
  })

  it.each([404, 410])('says an artifact whose download answers %i expired or was deleted', async (status) => {
    const zip = buildZip([{ name: 'm.json', data: '{}' }])
    nock(API)
      .get(`${R}/actions/runs/${RUN}/artifacts`)
      .query(true)
      .reply(200, { total_count: 1, artifacts: [artifactJson(artifactOf(9, 'eval', zip))] })
      .get(`${R}/actions/artifacts/9/zip`)
      .reply(status, { message: 'Artifact has expired' })
    const error = await readArtifactFile(makeClient(), options({ artifact: 'eval', path: 'm.json' })).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(EvidenceError)
    expect((error as Error).message).toContain(
      `can no longer be downloaded (HTTP ${status}): it expired or was deleted`
    )
  })

  it('names the permission when listing is forbidden, without the token', async () => {
    nock(API)
      .get(`${R}/actions/runs/${RUN}/artifacts`)
      .query(true)
      .reply(403, { message: 'Resource not accessible by integration' })
    const error = await readArtifactFile(makeClient(), options({ artifact: 'eval', path: 'm.json' })).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(GitHubError)
    expect((error as Error).message).toMatch(
      /listing the artifacts of workflow run 42 failed \(HTTP 403\).*actions: read/
    )
    expect((error as Error).message).not.toContain(TOKEN)
  })
})

describe('storage behaviour', () => {
  it('falls back to one full download under the temp dir when ranges are refused, reusing that answer', async () => {
    const zip = buildZip([
      { name: 'metrics.json', data: '{"auc":0.9}' },
      { name: 'big.bin', data: Buffer.alloc(300_000, 7), deflate: true }
    ])
    api([artifactOf(4, 'eval', zip)])
    const storage = serveBlob(zip, '/blob-4', { ranges: false })
    const artifacts = new RunArtifacts(makeClient(), options())
    const file = await artifacts.readFile('eval', 'metrics.json')
    expect(JSON.parse(file.bytes.toString())).toEqual({ auc: 0.9 })
    expect(file.usedRanges).toBe(false)
    expect(storage.requests).toHaveLength(1)
    expect(storage.requests[0]!.authorization).toBeUndefined()
    expect(file.bytesTransferred).toBe(zip.size)
    expect(readdirSync(temp)).toHaveLength(1)
    await artifacts.close()
    expect(readdirSync(temp)).toHaveLength(0)
  })

  it('retries storage 5xx and resets, and re-signs an expired storage URL once', async () => {
    const zip = buildZip([{ name: 'm.json', data: '{"ok":true}' }])
    const { downloads } = api([artifactOf(6, 'eval', zip)])
    nock(STORAGE)
      .get('/blob-6')
      .query(true)
      .reply(503)
      .get('/blob-6')
      .query(true)
      .replyWithError({ code: 'ECONNRESET', message: 'socket hang up' })
      .get('/blob-6')
      .query(true)
      .reply(403, 'AuthenticationFailed: Signed expiry time has passed')
    serveBlob(zip, '/blob-6')
    const file = await readArtifactFile(makeClient(), options({ artifact: 'eval', path: 'm.json' }))
    expect(JSON.parse(file.bytes.toString())).toEqual({ ok: true })
    expect(downloads).toEqual([6, 6])
  })

  it('gives up on storage with a message that does not quote the signed URL', async () => {
    const zip = buildZip([{ name: 'm.json', data: '{}' }])
    api([artifactOf(6, 'eval', zip)])
    nock(STORAGE).persist().get('/blob-6').query(true).reply(500)
    const error = await readArtifactFile(makeClient(), options({ artifact: 'eval', path: 'm.json' })).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(EvidenceError)
    expect((error as Error).message).toBe(
      'artifact "eval": artifact storage failed after 4 attempts (HTTP 500)'
    )
  })

  it('trusts the Content-Range total over a wrong listed size', async () => {
    const zip = buildZip([
      { name: 'm.json', data: '{"n":1}' },
      { name: 'pad.bin', zeros: 200_000 }
    ])
    api([artifactOf(8, 'eval', zip, { size_in_bytes: zip.size + 5_000 })])
    serveBlob(zip, '/blob-8')
    const file = await readArtifactFile(makeClient(), options({ artifact: 'eval', path: 'm.json' }))
    expect(file.bytes.toString()).toBe('{"n":1}')
  })
})

describe('a 2 GB artifact holding a model and a small metrics file', () => {
  const model = 2_000_000_000
  // A 2 KiB metrics file, as in docs/github-api.md.
  const metrics = { name: 'metrics.json', data: '{"auc":0.91}'.padEnd(2048, ' ') }
  const reports = Array.from({ length: 200 }, (_, i) => ({ name: `reports/r-${i}.json`, data: '{}' }))
  // [layout, entries, storage requests, bytes read]: the figures the docs quote.
  it.each([
    ['model first, metrics.json last', [{ name: 'model.bin', zeros: model }, metrics], 1, 65_577],
    ['metrics.json first, model last', [metrics, { name: 'model.bin', zeros: model }], 2, 68_691],
    [
      '200 reports, the model, metrics.json',
      [...reports, { name: 'model.bin', zeros: model }, metrics],
      1,
      65_577
    ]
  ] as Array<[string, ZipEntry[], number, number]>)(
    'reads metrics.json (%s) with kilobytes of storage reads',
    async (_layout, entries, requests, bytes) => {
      const zip = buildZip(entries)
      expect(zip.size).toBeGreaterThan(model)
      api([artifactOf(20, 'model', zip)])
      const storage = serveBlob(zip, '/blob-20')
      const file = await readArtifactFile(makeClient(), options({ artifact: 'model', path: 'metrics.json' }))
      expect(JSON.parse(file.bytes.toString())).toEqual({ auc: 0.91 })
      expect(file.usedRanges).toBe(true)
      expect(storage.requests).toHaveLength(requests)
      expect(storage.bytes()).toBe(bytes)
      expect(storage.bytes()).toBeLessThanOrEqual(256 * 1024)
      expect(file.bytesTransferred).toBe(bytes)
    }
  )

  it('refuses to extract the model itself as evidence (size cap) without downloading it', async () => {
    const zip = buildZip([{ name: 'model.bin', zeros: model }])
    api([artifactOf(21, 'model', zip)])
    const storage = serveBlob(zip, '/blob-21')
    await expect(
      readArtifactFile(makeClient(), options({ artifact: 'model', path: 'model.bin' }))
    ).rejects.toThrow(/model.bin is 2000000000 bytes; evidence files are limited to 268435456/)
    expect(storage.bytes()).toBeLessThanOrEqual(128 * 1024)
  })
})

describe('hostile archives', () => {
  async function attempt(entries: ZipEntry[], path: string, extra = {}): Promise<Error> {
    const zip = buildZip(entries)
    api([artifactOf(30, 'evil', zip)])
    serveBlob(zip, '/blob-30')
    const error = await readArtifactFile(makeClient(), options({ artifact: 'evil', path, ...extra })).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(ArchiveError)
    return error as Error
  }

  it('refuses path traversal', async () => {
    const error = await attempt(
      [
        { name: 'ok.json', data: '{}' },
        { name: '../../x.json', data: '{}' }
      ],
      'ok.json'
    )
    expect(error.message).toBe(
      'artifact "evil" is refused: entry "../../x.json" escapes the archive (invalid relative path)'
    )
    expect(readdirSync(join(temp, '..')).includes('x.json')).toBe(false)
  })

  it('refuses absolute paths', async () => {
    const error = await attempt([{ name: '/etc/x', data: 'root' }], 'etc/x')
    expect(error.message).toBe('artifact "evil" is refused: entry "/etc/x" has an absolute path')
  })

  it('refuses a backslash traversal too', async () => {
    const error = await attempt([{ name: '..\\..\\x.json', data: '{}' }], 'x.json')
    expect(error.message).toContain('invalid relative path')
  })

  it('refuses a symlink entry', async () => {
    const error = await attempt(
      [{ name: 'metrics.json', data: '/etc/passwd', symlink: true }],
      'metrics.json'
    )
    expect(error.message).toContain('metrics.json is a symbolic link; evidence must be a regular file')
  })

  it('refuses an encrypted entry', async () => {
    const error = await attempt(
      [
        // Traditional PKWARE encryption: a 12-byte header before the data (APPNOTE 6.1.3).
        { name: 'metrics.json', data: 'xxxxxxxxxxxx{}', encrypted: true, declaredSize: 2 }
      ],
      'metrics.json'
    )
    expect(error.message).toContain('metrics.json is encrypted')
  })

  it('refuses duplicate entries', async () => {
    const error = await attempt(
      [
        { name: 'metrics.json', data: '{"auc":0.5}' },
        { name: './metrics.json', data: '{"auc":0.99}' }
      ],
      'metrics.json'
    )
    expect(error.message).toBe(
      'artifact "evil" holds metrics.json twice; refusing to guess which one is evidence'
    )
  })

  it('refuses a compression-ratio bomb before inflating it', async () => {
    const error = await attempt(
      [{ name: 'm.json', data: Buffer.alloc(20 << 20, 0x30), deflate: true }],
      'm.json'
    )
    expect(error.message).toMatch(/m.json inflates \d+x \(limit 1000x\); refusing a likely zip bomb/)
  })

  it('refuses an entry over the size cap, and one that lies about its size', async () => {
    const big = await attempt([{ name: 'm.json', data: Buffer.alloc(5000, 0x20) }], 'm.json', {
      limits: { maxEntryBytes: 4096 }
    })
    expect(big.message).toContain('m.json is 5000 bytes; evidence files are limited to 4096')
    nock.cleanAll()
    const liar = await attempt(
      [{ name: 'm.json', data: Buffer.alloc(50_000, 0x20), deflate: true, declaredSize: 10 }],
      'm.json'
    )
    expect(liar.message).toMatch(/cannot read m.json|larger than declared/)
  })

  it('refuses an archive that is not a zip', async () => {
    const junk = {
      pieces: [],
      size: 1000,
      slice: (s: number, e: number) => Buffer.alloc(e - s, 1),
      bytes: () => Buffer.alloc(1000, 1),
      push: () => {}
    }
    api([{ id: 31, name: 'junk', size_in_bytes: 1000 }])
    serveBlob(junk as unknown as SparseZip, '/blob-31')
    await expect(
      readArtifactFile(makeClient(), options({ artifact: 'junk', path: 'm.json' }))
    ).rejects.toThrow(/artifact "junk" is not a readable zip/)
  })
})

describe('ArtifactEvidenceSource', () => {
  it('reads specs without artifact: from the workspace', async () => {
    writeFileSync(join(temp, 'local.json'), '{"x":1}')
    const source = new ArtifactEvidenceSource(makeClient(), options({ workspace: temp }))
    const file = await source.read('local', { format: 'json' } as never, 'local.json')
    expect(file).toEqual({ display: 'local.json', bytes: Buffer.from('{"x":1}') })
    const strict = new ArtifactEvidenceSource(makeClient(), options())
    await expect(strict.read('local', { format: 'json' } as never, 'local.json')).rejects.toThrow(
      'evidence "local" names no artifact'
    )
  })

  it('names the evidence in errors and returns display and digest', async () => {
    const zip = buildZip([{ name: 'metrics.json', data: '{"auc":1}' }])
    api([artifactOf(12, 'eval', zip)])
    serveBlob(zip, '/blob-12')
    const source = new ArtifactEvidenceSource(makeClient(), options())
    const spec = { artifact: 'eval', format: 'json' } as never
    expect(await source.read('quality', spec, 'metrics.json')).toEqual({
      display: 'artifact:eval/metrics.json',
      bytes: Buffer.from('{"auc":1}'),
      artifactDigest: DIGEST,
      origin: {
        artifact: 'eval',
        artifact_id: expect.any(Number),
        run_id: '42',
        workflow: 'train',
        head_sha: 'a'.repeat(40),
        head_repository: 'acme/models',
        fork: false
      }
    })
    await expect(source.read('quality', spec, 'other.json')).rejects.toThrow(
      'evidence "quality": no file other.json in artifact eval'
    )
    expect(source.storageBytes).toBeGreaterThan(0)
  })
})
