import nock from 'nock'
import { createOctokit, type ClientOptions, type GitHubClient } from '../../src/github/client.js'
import type { SparseZip } from './zip.js'

/* Shared nock set-up for the GitHub layer: fake hosts only, fast retries, the token recorded. */

export const API = 'https://api.github.test'
export const UPLOADS = 'https://uploads.github.test'
export const STORAGE = 'https://storage.blob.test'
export const TOKEN = 'ghs_0123456789abcdefSECRETtoken'
export const repo = { owner: 'acme', repo: 'models' }
export const R = '/repos/acme/models'

export function makeClient(options: Partial<ClientOptions> & { logs?: string[] } = {}): GitHubClient {
  const logs = options.logs ?? []
  return createOctokit({
    token: TOKEN,
    baseUrl: API,
    delayUnitMs: 1,
    pacing: false,
    timeoutMs: 2_000,
    log: (message) => logs.push(message),
    ...options
  })
}

export interface StorageRequest {
  range: string | undefined
  authorization: string | undefined
  bytes: number
}

/**
 * Artifact storage for one blob at `path`: answers Range requests with 206 and exactly the bytes
 * asked for (generated from the sparse zip), or ignores ranges and sends the whole blob with 200.
 */
export function serveBlob(
  zip: SparseZip,
  path = '/blob',
  options: { ranges?: boolean } = {}
): { requests: StorageRequest[]; bytes(): number } {
  const requests: StorageRequest[] = []
  nock(STORAGE)
    .persist()
    .get(path)
    .query(true)
    .reply(function () {
      const headers = this.req.headers as Record<string, string | undefined>
      const range = headers.range
      const match = /^bytes=(\d+)-(\d+)$/.exec(range ?? '')
      if (options.ranges === false || !match) {
        const body = zip.bytes()
        requests.push({ range, authorization: headers.authorization, bytes: body.length })
        return [200, body, { 'content-length': String(body.length) }]
      }
      const start = Number(match[1])
      const end = Math.min(Number(match[2]) + 1, zip.size)
      if (end - start > 8 << 20) throw new Error(`test storage refuses to build a ${end - start} byte range`)
      const body = zip.slice(start, end)
      requests.push({ range, authorization: headers.authorization, bytes: body.length })
      return [
        206,
        body,
        { 'content-range': `bytes ${start}-${end - 1}/${zip.size}`, 'accept-ranges': 'bytes' }
      ]
    })
  return { requests, bytes: () => requests.reduce((sum, r) => sum + r.bytes, 0) }
}

export interface FakeArtifact {
  id: number
  name: string
  size_in_bytes: number
  expired?: boolean
  digest?: string
  created_at?: string
}

export function artifactJson(a: FakeArtifact): Record<string, unknown> {
  return {
    id: a.id,
    node_id: `A_${a.id}`,
    name: a.name,
    size_in_bytes: a.size_in_bytes,
    url: `${API}${R}/actions/artifacts/${a.id}`,
    archive_download_url: `${API}${R}/actions/artifacts/${a.id}/zip`,
    expired: a.expired ?? false,
    digest: a.digest ?? null,
    created_at: a.created_at ?? '2026-11-22T10:00:00Z',
    expires_at: '2027-02-20T10:00:00Z',
    updated_at: '2026-11-22T10:00:00Z',
    // Uploaded by run 42 of this repository (its head is this repository, not a fork).
    workflow_run: {
      id: 42,
      repository_id: 4242,
      head_repository_id: 4242,
      head_branch: 'main',
      head_sha: 'a'.repeat(40)
    }
  }
}
