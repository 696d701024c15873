import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import nock from 'nock'
import { GitHubError } from '../../src/errors.js'
import { createHash } from 'node:crypto'
import { publishRecord, RECORD_ASSET, recordAssetBytes } from '../../src/github/releases.js'
import type { PromotionRecord } from '../../src/records/types.js'
import { API, makeClient, R, repo, TOKEN, UPLOADS } from './harness.js'

// nock patches Node's http module for the whole jest worker: unpatch it when this file is done,
// or a later file in the same worker (Sigstore's fetch, a local simulator) has its requests intercepted.
afterAll(() => nock.restore())

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => nock.enableNetConnect())

const TAG = 'churn#prod#4'
const record = (attempt = '1') =>
  ({
    schema: 'modelgate/promotion-record/v1',
    model: 'churn',
    version: 'v1.2.0',
    run: {
      repository: 'acme/models',
      run_id: 5,
      attempt,
      workflow: 'w',
      actor: 'carol',
      sha: 'a'.repeat(40),
      url: 'u'
    }
  }) as unknown as PromotionRecord
const input = (attempt = '1', notes = '## churn v1.2.0 → prod') => ({
  tag: TAG,
  record: record(attempt),
  name: 'churn v1.2.0 → prod',
  notes
})

interface Asset {
  id: number
  name: string
  state: string
  browser_download_url: string
  digest: string
}
function releaseJson(id: number, draft: boolean, assets: Asset[] = [], author = 'github-actions[bot]') {
  return {
    id,
    tag_name: TAG,
    draft,
    author: { login: author },
    html_url: draft
      ? `https://github.test/acme/models/releases/tag/untagged-${id}`
      : `https://github.test/acme/models/releases/tag/churn%23prod%234`,
    upload_url: `${UPLOADS}/repos/acme/models/releases/${id}/assets{?name,label}`,
    assets
  }
}
/** The digest GitHub reports for the record asset of `record(attempt)`. */
const digestOf = (attempt = '1'): string =>
  `sha256:${createHash('sha256')
    .update(recordAssetBytes(record(attempt)))
    .digest('hex')}`
/** GITHUB_TOKEN cannot read GET /user: the identity is github-actions[bot]. */
const installationToken = (): void => {
  nock(API).get('/user').reply(403, { message: 'Resource not accessible by integration' })
}
const asset = (id: number, state = 'uploaded', digest = digestOf('2')): Asset => ({
  id,
  digest,
  name: RECORD_ASSET,
  state,
  browser_download_url: `https://github.test/acme/models/releases/download/churn%23prod%234/${RECORD_ASSET}`
})

describe('publishRecord', () => {
  it('creates a draft, uploads the record to the uploads host, then publishes: three requests', async () => {
    const seen: Array<{ what: string; body: unknown; headers?: Record<string, unknown> }> = []
    nock(API)
      .post(`${R}/releases`, (body: unknown) => {
        seen.push({ what: 'create', body })
        return true
      })
      .reply(201, releaseJson(9, true))
      .patch(`${R}/releases/9`, (body: unknown) => {
        seen.push({ what: 'publish', body })
        return true
      })
      .reply(200, releaseJson(9, false, [asset(70)]))
    nock(UPLOADS)
      .post('/repos/acme/models/releases/9/assets')
      .query({ name: RECORD_ASSET })
      .reply(function (_uri, body) {
        seen.push({ what: 'upload', body, headers: this.req.headers as Record<string, unknown> })
        return [201, asset(70)]
      })
    const published = await publishRecord(makeClient(), repo, input())
    expect(seen.map((s) => s.what)).toEqual(['create', 'upload', 'publish'])
    expect(seen[0]!.body).toEqual({
      tag_name: TAG,
      name: 'churn v1.2.0 → prod',
      body: '## churn v1.2.0 → prod',
      draft: true,
      make_latest: 'false'
    })
    expect(seen[1]!.headers!['content-type']).toBe('application/json')
    expect(String(seen[1]!.headers!.authorization)).toContain(TOKEN)
    expect(seen[1]!.body).toEqual(record())
    expect(seen[2]!.body).toEqual({
      name: 'churn v1.2.0 → prod',
      body: '## churn v1.2.0 → prod',
      draft: false,
      make_latest: 'false'
    })
    expect(published).toEqual({
      releaseUrl: 'https://github.test/acme/models/releases/tag/churn%23prod%234',
      recordUrl: asset(70).browser_download_url
    })
  })

  it('keeps the notes under GitHub 125,000-character limit', async () => {
    let notes = ''
    nock(API)
      .post(`${R}/releases`, (body: { body: string }) => {
        notes = body.body
        return true
      })
      .reply(201, releaseJson(9, true))
      .patch(`${R}/releases/9`)
      .reply(200, releaseJson(9, false, [asset(70)]))
    nock(UPLOADS).post('/repos/acme/models/releases/9/assets').query(true).reply(201, asset(70))
    await publishRecord(makeClient(), repo, input('1', '| gate |\n'.repeat(20_000)))
    expect(notes.length).toBeLessThanOrEqual(125_000)
    // Cut at a line, saying how much was shown and where the whole record is.
    expect(notes).toMatch(/Release notes cut:\*\* \d+ of 180000 characters shown/)
  })

  it('on a re-run finds the draft an earlier attempt left, with its asset, and only publishes it', async () => {
    installationToken()
    nock(API)
      .get(`${R}/releases`)
      .query({ per_page: '100' })
      .reply(200, [
        { ...releaseJson(3, true, []), tag_name: 'other#dev#1' },
        releaseJson(9, true, [asset(70)])
      ])
      .patch(`${R}/releases/9`)
      .reply(200, releaseJson(9, false, [asset(70)]))
    const published = await publishRecord(makeClient(), repo, input('2'))
    expect(published.recordUrl).toBe(asset(70).browser_download_url)
    expect(nock.pendingMocks()).toEqual([])
  })

  it('replaces an asset whose upload was cut off before publishing', async () => {
    installationToken()
    nock(API)
      .get(`${R}/releases`)
      .query(true)
      .reply(200, [releaseJson(9, true, [asset(70, 'starter')])])
      .delete(`${R}/releases/assets/70`)
      .reply(204)
      .patch(`${R}/releases/9`)
      .reply(200, releaseJson(9, false, [asset(71)]))
    nock(UPLOADS).post('/repos/acme/models/releases/9/assets').query(true).reply(201, asset(71))
    await publishRecord(makeClient(), repo, input('2'))
    expect(nock.pendingMocks()).toEqual([])
  })

  it('does nothing more to a release that is already complete', async () => {
    installationToken()
    nock(API)
      .get(`${R}/releases`)
      .query(true)
      .reply(200, [releaseJson(9, false, [asset(70, 'uploaded', digestOf('3'))])])
    const published = await publishRecord(makeClient(), repo, input('3'))
    expect(published.releaseUrl).toContain('/releases/tag/churn%23prod%234')
    expect(nock.pendingMocks()).toEqual([])
  })

  it('on a first attempt that meets a published release (422), completes it instead of failing', async () => {
    installationToken()
    nock(API)
      .post(`${R}/releases`)
      .reply(422, {
        message: 'Validation Failed',
        errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }]
      })
      .get(`${R}/releases`)
      .query(true)
      .reply(200, [releaseJson(9, true, [])])
      .patch(`${R}/releases/9`)
      .reply(200, releaseJson(9, false, [asset(70)]))
    nock(UPLOADS).post('/repos/acme/models/releases/9/assets').query(true).reply(201, asset(70))
    await publishRecord(makeClient(), repo, input())
    expect(nock.pendingMocks()).toEqual([])
  })

  it('treats a 422 on the upload as its own earlier upload when the asset is there', async () => {
    nock(API)
      .post(`${R}/releases`)
      .reply(201, releaseJson(9, true))
      .get(`${R}/releases/9/assets`)
      .query(true)
      .reply(200, [asset(70, 'uploaded', digestOf('1'))])
      .patch(`${R}/releases/9`)
      .reply(200, releaseJson(9, false, [asset(70)]))
    nock(UPLOADS)
      .post('/repos/acme/models/releases/9/assets')
      .query(true)
      .reply(422, {
        message: 'Validation Failed',
        errors: [{ resource: 'ReleaseAsset', code: 'already_exists', field: 'name' }]
      })
    await publishRecord(makeClient(), repo, input())
    expect(nock.pendingMocks()).toEqual([])
  })

  it('refuses to adopt a published release without the record, saying a stranger may have made it', async () => {
    installationToken()
    nock(API)
      .get(`${R}/releases`)
      .query(true)
      .reply(200, [releaseJson(9, false, [])])
    const error = await publishRecord(makeClient(), repo, input('2')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GitHubError)
    expect((error as Error).message).toContain(
      'a published release for churn#prod#4 already exists and modelgate did not write it (published without promotion-record.json)'
    )
  })

  it("never adopts another author's draft or a draft whose record differs: it makes its own", async () => {
    installationToken()
    nock(API)
      .get(`${R}/releases`)
      .query(true)
      .reply(200, [
        releaseJson(7, true, [asset(60, 'uploaded', digestOf('2'))], 'mallory'),
        releaseJson(8, true, [asset(61, 'uploaded', digestOf('9'))])
      ])
      .post(`${R}/releases`)
      .reply(201, releaseJson(9, true))
      .patch(`${R}/releases/9`)
      .reply(200, releaseJson(9, false, [asset(70)]))
    nock(UPLOADS).post('/repos/acme/models/releases/9/assets').query(true).reply(201, asset(70))
    await publishRecord(makeClient(), repo, input('2'))
    expect(nock.pendingMocks()).toEqual([])
  })

  it('refuses a published release of ours that holds a file modelgate does not attach, naming it', async () => {
    installationToken()
    const extra = { ...asset(61), name: 'sign-off\n.pdf' }
    nock(API)
      .get(`${R}/releases`)
      .query(true)
      .reply(200, [releaseJson(9, false, [asset(60), extra])])
    const error = await publishRecord(makeClient(), repo, input('2')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GitHubError)
    expect((error as Error).message).toContain(
      'a published release for churn#prod#4 already exists and modelgate did not write it (it holds an asset modelgate does not attach ("sign-off\\n.pdf"))'
    )
  })

  it("with a user's token, adopts the drafts that user authored", async () => {
    nock(API)
      .get('/user')
      .reply(200, { login: 'release-bot-user', id: 5 })
      .get(`${R}/releases`)
      .query(true)
      .reply(200, [releaseJson(9, true, [asset(70)], 'Release-Bot-User')])
      .patch(`${R}/releases/9`)
      .reply(200, releaseJson(9, false, [asset(70)], 'release-bot-user'))
    await publishRecord(makeClient(), repo, input('2'))
    expect(nock.pendingMocks()).toEqual([])
  })

  it('names contents: write when releases are forbidden', async () => {
    nock(API).post(`${R}/releases`).reply(403, { message: 'Resource not accessible by integration' })
    await expect(publishRecord(makeClient(), repo, input())).rejects.toThrow(
      /creating the release for churn#prod#4 failed \(HTTP 403\).*contents: write.*\(POST \/repos\/\{owner\}\/\{repo\}\/releases\)/
    )
  })
})

describe('upload failures', () => {
  it('name the upload operation without the URL template or the query', async () => {
    nock(API).post(`${R}/releases`).reply(201, releaseJson(9, true))
    nock(UPLOADS)
      .post('/repos/acme/models/releases/9/assets')
      .query(true)
      .reply(403, { message: 'Forbidden' })
    await expect(publishRecord(makeClient(), repo, input())).rejects.toThrow(
      'attaching promotion-record.json to the release for churn#prod#4 failed (HTTP 403): Forbidden; the job needs `permissions: contents: write` (POST /repos/acme/models/releases/9/assets)'
    )
  })
})
