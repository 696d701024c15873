import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import nock from 'nock'
import { GitHubError, RegistryError } from '../../src/errors.js'
import { GitHubRegistry } from '../../src/github/registry.js'
import { API, makeClient, R, repo } from './harness.js'

// nock patches Node's http module for the whole jest worker: unpatch it when this file is done,
// or a later file in the same worker (Sigstore's fetch, a local simulator) has its requests intercepted.
afterAll(() => nock.restore())

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => nock.enableNetConnect())

const C1 = '1'.repeat(40)
const C2 = '2'.repeat(40)
const T1 = 'a'.repeat(40)
const T2 = 'b'.repeat(40)
const NEW = 'c'.repeat(40)
const tagger = { name: 'modelgate', email: 'modelgate@users.noreply.github.com' }
const now = () => new Date('2026-11-22T12:00:00.123Z')
const registry = () => new GitHubRegistry(makeClient(), repo.owner, repo.repo, tagger, now)
const decoded = (path: string) => decodeURIComponent(path)

function refsReply(refs: Array<{ ref: string; sha: string; type: string }>) {
  return refs.map((r) => ({
    ref: `refs/tags/${r.ref}`,
    node_id: 'x',
    url: 'u',
    object: { sha: r.sha, type: r.type, url: 'u' }
  }))
}
const tagObject = (sha: string, tag: string, commit: string, message: string) => ({
  sha,
  tag,
  message,
  object: { sha: commit, type: 'commit', url: 'u' },
  tagger: { name: 'alice', email: 'a@x', date: '2026-11-20T10:00:00Z' },
  node_id: 'n',
  url: 'u',
  verification: { verified: false, reason: 'unsigned', signature: null, payload: null }
})

describe('GitHubRegistry.listTags', () => {
  const tagNode = (sha: string, tag: string, commit: string, message: string) => ({
    __typename: 'Tag',
    oid: sha,
    name: tag,
    message,
    tagger: { name: 'alice', email: 'a@x', date: '2026-11-20T10:00:00Z' },
    target: { __typename: 'Commit', oid: commit }
  })

  it('reads matching-refs once for the common prefix and every annotated tag object in one GraphQL query', async () => {
    let matched = ''
    let graphql: { query: string; variables: Record<string, string> } | undefined
    nock(API)
      .get((path) => {
        if (!decoded(path).startsWith(`${R}/git/matching-refs/`)) return false
        matched = decoded(path)
        return true
      })
      .once()
      .reply(
        200,
        refsReply([
          { ref: 'churn@v1.0.0', sha: T1, type: 'tag' },
          { ref: 'churn#prod#1', sha: T2, type: 'tag' },
          { ref: 'churn-light', sha: C2, type: 'commit' }
        ])
      )
      .post('/graphql', (body: { query: string; variables: Record<string, string> }) => {
        graphql = body
        return true
      })
      .once()
      .reply(200, {
        data: {
          repository: {
            id: 'R_kgDOmodels',
            o0: tagNode(T1, 'churn@v1.0.0', C1, 'register churn v1.0.0\n'),
            o1: tagNode(T2, 'churn#prod#1', C1, 'promote\n\n{}\n')
          }
        }
      })
    const r = registry()
    const tags = await r.listTags(['churn@', 'churn#'])
    expect(matched).toBe(`${R}/git/matching-refs/tags/churn`)
    // Object ids travel as variables, not inside the query text.
    expect(graphql!.variables).toEqual({ owner: 'acme', name: 'models', o0: T1, o1: T2 })
    expect(graphql!.query).not.toContain(T1)
    expect(tags).toEqual([
      {
        name: 'churn@v1.0.0',
        commit: C1,
        message: 'register churn v1.0.0\n',
        tagger: { name: 'alice', email: 'a@x', date: '2026-11-20T10:00:00Z' }
      },
      {
        name: 'churn#prod#1',
        commit: C1,
        message: 'promote\n\n{}\n',
        tagger: { name: 'alice', email: 'a@x', date: '2026-11-20T10:00:00Z' }
      }
    ])
    // A narrower read is served from the kept listing: no request at all.
    expect((await r.listTags(['churn#'])).map((t) => t.name)).toEqual(['churn#prod#1'])
    expect(nock.pendingMocks()).toEqual([])
  })

  it('refuses an answer that is not the object asked for, or a tag without its fields', async () => {
    nock(API)
      .get(/matching-refs/)
      .twice()
      .reply(200, refsReply([{ ref: 'churn#prod#1', sha: T1, type: 'tag' }]))
      .post('/graphql')
      .reply(200, { data: { repository: { id: 'R_1', o0: tagNode(T2, 'churn#prod#1', C1, 'x') } } })
      .post('/graphql')
      .reply(200, {
        data: { repository: { id: 'R_1', o0: { ...tagNode(T1, 'churn#prod#1', C1, 'x'), tagger: null } } }
      })
    await expect(registry().listTags(['churn#'])).rejects.toThrow(/GraphQL answered object b{40} for a{40}/)
    await expect(registry().listTags(['churn#'])).rejects.toThrow(
      /without its name, message, tagger or commit/
    )
  })

  it('names the operation when GraphQL answers with errors', async () => {
    nock(API)
      .get(/matching-refs/)
      .reply(200, refsReply([{ ref: 'churn#prod#1', sha: T1, type: 'tag' }]))
      .post('/graphql')
      .reply(200, {
        data: null,
        errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }]
      })
    await expect(registry().listTags(['churn#'])).rejects.toThrow(
      /reading 1 registry tag objects of acme\/models failed.*Resource not accessible by integration/
    )
  })

  it('reports a forbidden read with contents permission', async () => {
    nock(API)
      .get(/matching-refs/)
      .reply(403, { message: 'Resource not accessible by integration' })
    await expect(registry().listTags(['m@'])).rejects.toThrow(
      /reading the registry tags \(tags\/m@\*\) of acme\/models failed \(HTTP 403\).*contents: write/
    )
  })
})

describe('GitHubRegistry.createTag', () => {
  const request = { name: 'churn#prod#2', commit: C1, message: 'churn v1.0.0 → prod\n\n{}\n' }

  function tagCreation(capture: (body: Record<string, unknown>) => void) {
    return nock(API)
      .post(`${R}/git/tags`, (body: Record<string, unknown>) => {
        capture(body)
        return true
      })
      .reply(201, tagObject(NEW, request.name, C1, request.message))
  }

  it('writes the annotated tag object, then the ref', async () => {
    let tagBody: Record<string, unknown> = {}
    let refBody: Record<string, unknown> = {}
    tagCreation((b) => (tagBody = b))
    nock(API)
      .post(`${R}/git/refs`, (b: Record<string, unknown>) => {
        refBody = b
        return true
      })
      .reply(201, { ref: `refs/tags/${request.name}`, object: { sha: NEW, type: 'tag' } })
    expect(await registry().createTag(request)).toBe(true)
    expect(tagBody).toEqual({
      tag: request.name,
      message: request.message,
      object: C1,
      type: 'commit',
      tagger: { ...tagger, date: '2026-11-22T12:00:00Z' }
    })
    expect(refBody).toEqual({ ref: 'refs/tags/churn#prod#2', sha: NEW })
  })

  it('answers false when another writer holds the name (422 Reference already exists), and re-reads later', async () => {
    tagCreation(() => {})
    nock(API)
      .post(`${R}/git/refs`)
      .reply(422, { message: 'Reference already exists' })
      .get((path) => decoded(path) === `${R}/git/ref/tags/churn#prod#2`)
      .reply(200, { ref: 'refs/tags/churn#prod#2', object: { sha: T2, type: 'tag' } })
    expect(await registry().createTag(request)).toBe(false)
  })

  it('recognises its own ref after a 502 on a write that had succeeded, so the counter is not taken twice', async () => {
    tagCreation(() => {})
    nock(API)
      .post(`${R}/git/refs`)
      .reply(502, 'Bad Gateway')
      .post(`${R}/git/refs`)
      .reply(422, { message: 'Reference already exists' })
      .get((path) => decoded(path) === `${R}/git/ref/tags/churn#prod#2`)
      .reply(200, { ref: 'refs/tags/churn#prod#2', object: { sha: NEW, type: 'tag' } })
    const r = registry()
    expect(await r.createTag(request)).toBe(true)
    expect(nock.pendingMocks()).toEqual([])
  })

  it('keeps its own write in the listing without reading it back', async () => {
    nock(API)
      .get(/matching-refs/)
      .once()
      .reply(200, [])
    tagCreation(() => {})
    nock(API)
      .post(`${R}/git/refs`)
      .reply(201, { ref: 'x', object: { sha: NEW, type: 'tag' } })
    const r = registry()
    expect(await r.listTags(['churn@', 'churn#'])).toEqual([])
    await r.createTag(request)
    expect((await r.listTags(['churn#'])).map((t) => t.name)).toEqual(['churn#prod#2'])
    expect(nock.pendingMocks()).toEqual([])
  })

  it('fails clearly on other errors', async () => {
    nock(API).post(`${R}/git/tags`).reply(404, { message: 'Not Found' })
    const error = await registry()
      .createTag(request)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GitHubError)
    expect((error as Error).message).toMatch(
      /creating tag object churn#prod#2 failed \(HTTP 404\).*contents: write/
    )
  })
})

describe('GitHubRegistry.resolveCommit', () => {
  it('resolves a revision with the sha media type and refuses HEAD', async () => {
    nock(API)
      .get(`${R}/commits/main`)
      .matchHeader('accept', /application\/vnd\.github\.(v3\.)?sha/)
      .reply(200, C2, { 'content-type': 'application/vnd.github.sha' })
    expect(await registry().resolveCommit('main')).toBe(C2)
    await expect(registry().resolveCommit()).rejects.toThrow(RegistryError)
  })
})
