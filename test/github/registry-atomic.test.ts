import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { GitHubError } from '../../src/errors.js'
import { createOctokit, type GitHubClient } from '../../src/github/client.js'
import { repositoryFileRider } from '../../src/github/contents.js'
import { GitHubRegistry } from '../../src/github/registry.js'
import { MAX_BLOB_TEXT_BYTES } from '../simulator/graphql.js'
import { GitHubSimulator } from '../simulator/server.js'

/*
 * The two ways a promotion saves requests on GitHub, against the schema-checked simulator:
 * several tags land as one atomic `updateRefs` mutation, and the policy file rides in the
 * registry's first GraphQL query.
 */

let sim: GitHubSimulator
let client: GitHubClient
const repo = { owner: 'acme', repo: 'models' }
const who = { name: 'ci', email: 'ci@example.invalid' }

beforeEach(async () => {
  sim = new GitHubSimulator()
  await sim.start()
  // No write pacing: these tests count requests and check atomicity; paced, every GraphQL call
  // and write waited ~1 s after the previous one.
  client = createOctokit({ token: sim.token, baseUrl: sim.url, delayUnitMs: 1, pacing: false })
})
afterEach(async () => {
  expect(sim.problems).toEqual([])
  await sim.stop()
})

describe('GitHubRegistry.createTags', () => {
  it('writes two tags with two tag objects and one mutation, both refs or none', async () => {
    const c1 = sim.state.addCommit()
    const c2 = sim.state.addCommit()
    sim.state.seedTag('m@v1.0.0', c1, 'register v1')
    const registry = new GitHubRegistry(client, 'acme', 'models', who)
    await registry.listTags(['m@', 'm#'])
    sim.resetRecording()
    const ok = await registry.createTags([
      { name: 'm#prod#2', commit: c2, message: 'assign v2' },
      { name: 'm#prod!#3', commit: c1, message: 'archive v1' }
    ])
    expect(ok).toBe(true)
    expect(sim.count('git/create-tag')).toBe(2)
    expect(sim.count('git/create-ref')).toBe(0)
    expect(sim.requests.filter((r) => r.operation === 'graphql').map((r) => r.graphql)).toEqual(['mutation'])
    expect(sim.state.tag('m#prod#2')).toMatchObject({ commit: c2, message: 'assign v2' })
    expect(sim.state.tag('m#prod!#3')).toMatchObject({ commit: c1, message: 'archive v1' })
    // The run's own listing knows them without another read.
    const names = (await registry.listTags(['m@', 'm#'])).map((t) => t.name).sort()
    expect(names).toEqual(['m#prod!#3', 'm#prod#2', 'm@v1.0.0'])
    expect(sim.count()).toBe(3)
  })

  it('a name another writer holds fails the whole set: nothing of it is written, and the re-read sees the winner', async () => {
    const c1 = sim.state.addCommit()
    const registry = new GitHubRegistry(client, 'acme', 'models', who)
    await registry.listTags(['m@', 'm#'])
    sim.state.seedTag('m#prod!#3', c1, 'theirs')
    const ok = await registry.createTags([
      { name: 'm#prod#2', commit: c1, message: 'mine' },
      { name: 'm#prod!#3', commit: c1, message: 'mine too' }
    ])
    expect(ok).toBe(false)
    expect(sim.state.tag('m#prod#2')).toBeUndefined()
    expect(sim.state.tag('m#prod!#3')?.message).toBe('theirs')
    expect((await registry.listTags(['m@', 'm#'])).map((t) => t.name)).toEqual(['m#prod!#3'])
  })

  it("recognises its own refs when the mutation's answer was lost, so nothing is written twice", async () => {
    const c1 = sim.state.addCommit()
    const registry = new GitHubRegistry(client, 'acme', 'models', who)
    await registry.listTags(['m@', 'm#'])
    const lost = sim.fault({ operation: 'graphql:mutation', calls: [1], status: 502, after: true })
    const ok = await registry.createTags([
      { name: 'm#prod#1', commit: c1, message: 'a' },
      { name: 'm#prod!#2', commit: c1, message: 'b' }
    ])
    expect(ok).toBe(true)
    expect(lost.hits).toBe(1)
    // The retry met refs that exist; reading them back showed they are ours.
    expect(sim.requests.filter((r) => r.graphql === 'mutation')).toHaveLength(2)
    expect(sim.state.tagNames()).toEqual(['m#prod!#2', 'm#prod#1'])
  })

  it('fails closed when GitHub refuses the refs and none exists', async () => {
    const c1 = sim.state.addCommit()
    const registry = new GitHubRegistry(client, 'acme', 'models', who)
    await registry.listTags(['m@', 'm#'])
    sim.fault({
      operation: 'graphql:mutation',
      status: 200,
      body: { data: { updateRefs: null }, errors: [{ type: 'FORBIDDEN', message: 'refs are protected' }] }
    })
    await expect(
      registry.createTags([
        { name: 'm#prod#1', commit: c1, message: 'a' },
        { name: 'm#prod!#2', commit: c1, message: 'b' }
      ])
    ).rejects.toThrow(
      /creating refs for tags m#prod#1, m#prod!#2 failed: GraphQL answered: refs are protected/
    )
    expect(sim.state.tagNames()).toEqual([])
  })

  it('the simulated updateRefs is atomic: one bad update leaves every ref as it was', async () => {
    const c1 = sim.state.addCommit()
    const answer = await client
      .graphql(`mutation($input: UpdateRefsInput!) { updateRefs(input: $input) { clientMutationId } }`, {
        input: {
          repositoryId: `R_${sim.state.repoId}`,
          refUpdates: [
            { name: 'refs/tags/a', afterOid: c1, beforeOid: '0'.repeat(40) },
            { name: 'refs/tags/b', afterOid: 'f'.repeat(40), beforeOid: '0'.repeat(40) }
          ]
        }
      })
      .catch((error: unknown) => error)
    expect(String(answer)).toMatch(/does not exist/)
    expect(sim.state.refs.has('refs/tags/a')).toBe(false)
  })
})

describe('the policy riding in the registry query', () => {
  it('reads the file at the default branch and the tag objects in one GraphQL query', async () => {
    const c1 = sim.state.addCommit()
    sim.state.seedTag('m@v1.0.0', c1, 'register v1')
    sim.state.putFile('.github/modelgate.yml', 'stages: [dev]\n')
    const registry = new GitHubRegistry(client, 'acme', 'models', who)
    const read = await registry.listTagsWith(
      repositoryFileRider(repo, '.github/modelgate.yml', undefined),
      ['m@'],
      { model: 'm', stages: [], versions: ['v1.0.0'] }
    )
    expect(read.ridden).toEqual({ text: 'stages: [dev]\n', ref: 'main' })
    expect(read.tags).toEqual([expect.objectContaining({ name: 'm@v1.0.0', message: 'register v1' })])
    expect(sim.count()).toBe(2) // the names, then one query
    expect(sim.count('graphql')).toBe(1)
    expect(sim.count('repos/get-content')).toBe(0)
  })

  it('goes alone when there is no tag object to read, and reads a pinned ref by expression', async () => {
    sim.state.addCommit()
    sim.state.putFile('policy.yml', 'pinned\n', 'release')
    sim.state.refs.set('refs/heads/release', {
      ...sim.state.refs.get('refs/heads/main')!,
      ref: 'refs/heads/release'
    })
    const registry = new GitHubRegistry(client, 'acme', 'models', who)
    const read = await registry.listTagsWith(repositoryFileRider(repo, 'policy.yml', 'release'), ['m@'], {
      model: 'm',
      stages: []
    })
    expect(read).toEqual({ tags: [], ridden: { text: 'pinned\n', ref: 'release' } })
    expect(sim.count('graphql')).toBe(1)
  })

  it.each([
    ['missing', () => undefined, /there is no nope\.yml at the default branch of acme\/models/],
    [
      'cut short by GitHub',
      () => sim.state.putFile('nope.yml', 'x'.repeat(MAX_BLOB_TEXT_BYTES + 10)),
      /came without its whole text/
    ],
    [
      'larger than the contents API allows',
      () => sim.state.putFile('nope.yml', 'x'.repeat(2 << 20)),
      /larger than/
    ]
  ])('fails closed when the policy is %s', async (_what, arrange, message) => {
    sim.state.addCommit()
    arrange()
    const registry = new GitHubRegistry(client, 'acme', 'models', who)
    const failure = await registry
      .listTagsWith(repositoryFileRider(repo, 'nope.yml', undefined), ['m@'], { model: 'm', stages: [] })
      .catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(GitHubError)
    expect(String((failure as Error).message)).toMatch(message)
  })

  it('refuses a ref that would change what `<ref>:<path>` names', () => {
    expect(() => repositoryFileRider(repo, 'policy.yml', 'main:other.yml')).toThrow(GitHubError)
  })
})
