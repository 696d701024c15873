import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { Octokit } from '@octokit/rest'
import yauzl from 'yauzl'
import { GitHubSimulator } from './server.js'

/*
 * The simulator is what the end-to-end tests trust, so it is tested on its own: every operation
 * answers as GitHub's description says, bad requests are caught, storage behaves like a blob
 * store, and faults fire where they are aimed.
 */

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }
let sim: GitHubSimulator
let octokit: Octokit
const owner = 'acme'
const repo = 'models'

beforeEach(async () => {
  sim = new GitHubSimulator()
  await sim.start()
  octokit = new Octokit({ auth: sim.token, baseUrl: sim.url, log: quiet })
})
afterEach(async () => {
  await sim.stop()
})

async function readEntry(zip: Buffer, name: string): Promise<string> {
  const archive = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => (err ? reject(err) : resolve(file)))
  )
  return new Promise((resolve, reject) => {
    archive.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName !== name) return archive.readEntry()
      archive.openReadStream(entry, (err, stream) => {
        if (err) return reject(err)
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
      })
    })
    archive.on('end', () => reject(new Error(`${name} not in zip`)))
    archive.readEntry()
  })
}

describe('GitHub simulator', () => {
  it('serves the git data API: tag objects, refs, matching-refs, with 422 on a taken ref', async () => {
    const commit = sim.state.addCommit('train v1')
    const tag = await octokit.git.createTag({
      owner,
      repo,
      tag: 'fraud@v1.0.0',
      message: 'register',
      object: commit,
      type: 'commit'
    })
    expect(tag.status).toBe(201)
    await octokit.git.createRef({ owner, repo, ref: 'refs/tags/fraud@v1.0.0', sha: tag.data.sha })
    const again = octokit.git.createRef({ owner, repo, ref: 'refs/tags/fraud@v1.0.0', sha: tag.data.sha })
    await expect(again).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('Reference already exists')
    })
    const refs = await octokit.git.listMatchingRefs({ owner, repo, ref: 'tags/fraud@' })
    expect(refs.data.map((r) => r.ref)).toEqual(['refs/tags/fraud@v1.0.0'])
    const read = await octokit.git.getTag({ owner, repo, tag_sha: refs.data[0]!.object.sha })
    expect(read.data.object.sha).toBe(commit)
    expect(read.data.message).toBe('register')
    expect(sim.state.tag('fraud@v1.0.0')?.commit).toBe(commit)
    expect(sim.problems).toEqual([])
  })

  it('creates a draft release, takes an asset on the uploads host, publishes it; drafts are invisible by tag', async () => {
    const commit = sim.state.addCommit()
    sim.state.seedTag('fraud#prod#3', commit, 'assign')
    const draft = await octokit.repos.createRelease({
      owner,
      repo,
      tag_name: 'fraud#prod#3',
      name: 'fraud v1 prod',
      body: 'notes',
      draft: true
    })
    expect(draft.data.upload_url).toContain(`${sim.url}/uploads/`)
    await expect(octokit.repos.getReleaseByTag({ owner, repo, tag: 'fraud#prod#3' })).rejects.toMatchObject({
      status: 404
    })
    const asset = await octokit.repos.uploadReleaseAsset({
      owner,
      repo,
      release_id: draft.data.id,
      name: 'record.json',
      data: '{"a":1}',
      url: draft.data.upload_url,
      headers: { 'content-type': 'application/json' }
    } as Parameters<typeof octokit.repos.uploadReleaseAsset>[0])
    expect(asset.status).toBe(201)
    await octokit.repos.updateRelease({ owner, repo, release_id: draft.data.id, draft: false })
    const published = await octokit.repos.getReleaseByTag({ owner, repo, tag: 'fraud#prod#3' })
    expect(published.data.assets.map((a) => a.name)).toEqual(['record.json'])
    expect(sim.state.releases[0]!.assets[0]!.bytes.toString()).toBe('{"a":1}')
    expect(sim.requests.find((r) => r.operation === 'repos/upload-release-asset')?.area).toBe('uploads')
    expect(sim.problems).toEqual([])
  })

  it('freezes assets of releases published with immutable releases on', async () => {
    sim.state.immutableReleases = true
    const commit = sim.state.addCommit()
    const release = await octokit.repos.createRelease({
      owner,
      repo,
      tag_name: 'x',
      target_commitish: commit
    })
    const upload = octokit.request({
      method: 'POST',
      url: release.data.upload_url,
      name: 'late.json',
      data: '{}',
      headers: { 'content-type': 'application/json' }
    })
    await expect(upload).rejects.toMatchObject({ status: 422 })
    expect(sim.problems).toEqual([])
  })

  it('serves statuses, combined status and check runs, paginated with Link headers', async () => {
    const commit = sim.state.addCommit()
    for (let i = 0; i < 35; i++) sim.state.addCheckRun(commit, `job-${i}`, 'success')
    sim.state.addCheckRun(commit, 'job-0', 'failure')
    const runs = await octokit.paginate(octokit.checks.listForRef, { owner, repo, ref: commit, per_page: 10 })
    expect(runs).toHaveLength(35)
    expect(runs.find((r) => r.name === 'job-0')?.conclusion).toBe('failure')
    await octokit.repos.createCommitStatus({
      owner,
      repo,
      sha: commit,
      state: 'success',
      context: 'modelgate/fraud/prod',
      description: 'ok'
    })
    const combined = await octokit.repos.getCombinedStatusForRef({ owner, repo, ref: commit })
    expect(combined.data.state).toBe('success')
    const tooLong = octokit.repos.createCommitStatus({
      owner,
      repo,
      sha: commit,
      state: 'success',
      description: 'x'.repeat(141)
    })
    await expect(tooLong).rejects.toMatchObject({ status: 422 })
    expect(sim.problems).toEqual([])
  })

  it('serves environments with and without required reviewers, and run approvals', async () => {
    sim.state.addEnvironment('prod-owner', { reviewers: ['alice'] })
    sim.state.addEnvironment('open')
    sim.state.addReview(77, {
      state: 'approved',
      user: 'alice',
      environments: ['prod-owner'],
      comment: 'ship it'
    })
    const protectedEnv = await octokit.repos.getEnvironment({ owner, repo, environment_name: 'prod-owner' })
    expect(protectedEnv.data.protection_rules?.map((r) => r.type)).toContain('required_reviewers')
    const open = await octokit.repos.getEnvironment({ owner, repo, environment_name: 'open' })
    expect(open.data.protection_rules?.map((r) => r.type)).not.toContain('required_reviewers')
    await expect(
      octokit.repos.getEnvironment({ owner, repo, environment_name: 'nope' })
    ).rejects.toMatchObject({ status: 404 })
    const reviews = await octokit.actions.getReviewsForRun({ owner, repo, run_id: 77 })
    expect(reviews.data[0]).toMatchObject({
      state: 'approved',
      user: { login: 'alice' },
      environments: [{ name: 'prod-owner' }]
    })
    expect(sim.problems).toEqual([])
  })

  it('redirects artifact downloads to storage on another origin that honours ranges and refuses credentials', async () => {
    const artifact = sim.state.addArtifact(5, 'offline-eval', {
      'metrics.json': '{"auc":0.91}',
      'model.bin': { zeros: 50 << 20 }
    })
    const list = await octokit.actions.listWorkflowRunArtifacts({
      owner,
      repo,
      run_id: 5,
      name: 'offline-eval'
    })
    expect(list.data.artifacts[0]).toMatchObject({ id: artifact.id, digest: artifact.digest })
    const redirect = await fetch(`${sim.url}/repos/${owner}/${repo}/actions/artifacts/${artifact.id}/zip`, {
      redirect: 'manual',
      headers: { authorization: `token ${sim.token}` }
    })
    expect(redirect.status).toBe(302)
    const location = redirect.headers.get('location')!
    expect(location.startsWith(sim.storageUrl)).toBe(true)
    const tail = await fetch(location, { headers: { range: 'bytes=-1024' } })
    expect(tail.status).toBe(206)
    expect(tail.headers.get('content-range')).toBe(
      `bytes ${artifact.zip.size - 1024}-${artifact.zip.size - 1}/${artifact.zip.size}`
    )
    expect((await tail.arrayBuffer()).byteLength).toBe(1024)
    expect(sim.storageBytes()).toBe(1024)
    const withAuth = await fetch(location, { headers: { authorization: `token ${sim.token}` } })
    expect(withAuth.status).toBe(400)
    expect(sim.problems).toEqual([expect.stringContaining('carried an Authorization header')])
  })

  it('serves whole small artifacts whose entries unzip', async () => {
    const artifact = sim.state.addArtifact(5, 'eval', {
      'metrics.json': JSON.stringify({ auc: 0.91, pad: 'x'.repeat(500) })
    })
    const response = await fetch(
      `${sim.storageUrl}/storage/artifacts/${artifact.id}.zip?sig=simulated-signature`
    )
    const zip = Buffer.from(await response.arrayBuffer())
    expect(JSON.parse(await readEntry(zip, 'metrics.json')).auc).toBe(0.91)
  })

  it('lists every environment with its protection rules in one page', async () => {
    sim.state.addEnvironment('prod-owner', { reviewers: ['alice'] })
    sim.state.addEnvironment('open')
    const { data } = await octokit.repos.getAllEnvironments({ owner, repo, per_page: 100 })
    expect(data.total_count).toBe(2)
    expect(data.environments?.map((e) => e.name)).toEqual(['prod-owner', 'open'])
    expect(data.environments?.[0]?.protection_rules).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'required_reviewers' })])
    )
    expect(sim.problems).toEqual([])
  })

  it("answers GraphQL queries valid against GitHub's schema over its state, each one request", async () => {
    const commit = sim.state.addCommit('train')
    sim.state.seedTag('m#prod#1', commit, 'promote\n\n{}\n', '2026-11-22T10:00:00Z')
    const tagSha = sim.state.refs.get('refs/tags/m#prod#1')!.sha
    const data = await octokit.graphql<{ repository: { tag: unknown; missing: unknown } }>(
      `query($owner: String!, $name: String!, $oid: GitObjectID!) {
        repository(owner: $owner, name: $name) {
          tag: object(oid: $oid) { __typename oid ... on Tag { name message tagger { name date } target { __typename oid } } }
          missing: object(oid: "0000000000000000000000000000000000000000") { oid }
        }
      }`,
      { owner, name: repo, oid: tagSha }
    )
    expect(data.repository).toEqual({
      tag: {
        __typename: 'Tag',
        oid: tagSha,
        name: 'm#prod#1',
        message: 'promote\n\n{}\n',
        tagger: { name: 'seed', date: '2026-11-22T10:00:00Z' },
        target: { __typename: 'Commit', oid: commit }
      },
      missing: null
    })
    expect(sim.count('graphql')).toBe(1)
    expect(sim.count()).toBe(1)
    expect(sim.problems).toEqual([])
  })

  it("refuses a GraphQL query GitHub's schema does not allow, as GitHub does, and records it as a problem", async () => {
    await expect(
      octokit.graphql('query { repository(owner: "acme", name: "models") { tagMessages { text } } }')
    ).rejects.toThrow(/Cannot query field "tagMessages" on type "Repository"/)
    await expect(octokit.graphql('query { repository(owner: "acme") { id } }')).rejects.toThrow(
      /argument "name" of type "String!" is required/
    )
    expect(sim.count('graphql')).toBe(2)
    expect(sim.problems).toEqual([
      expect.stringContaining(
        'graphql: GraphQL query invalid against GitHub\'s schema: Cannot query field "tagMessages"'
      ),
      expect.stringContaining(
        'graphql: GraphQL query invalid against GitHub\'s schema: Field "repository" argument "name"'
      )
    ])
    sim.problems.length = 0
    const aliases = Array.from({ length: 101 }, (_, i) => `o${i}: object(oid: "${'a'.repeat(40)}") { oid }`)
    await expect(
      octokit.graphql(`query { repository(owner: "acme", name: "models") { ${aliases.join(' ')} } }`)
    ).rejects.toThrow(/too many objects/)
    expect(sim.problems).toEqual([expect.stringContaining('reads 101 objects')])
    sim.problems.length = 0
  })

  it('records an unknown route, an invalid body and a wrong token as problems', async () => {
    await expect(
      octokit.request('GET /repos/{owner}/{repo}/nonsense', { owner, repo })
    ).rejects.toMatchObject({ status: 404 })
    await expect(
      octokit.request('POST /repos/{owner}/{repo}/git/refs', { owner, repo, ref: 'refs/tags/x' } as never)
    ).rejects.toMatchObject({ status: 422 })
    const stranger = new Octokit({ auth: 'ghs_other', baseUrl: sim.url, log: quiet })
    await expect(stranger.repos.get({ owner, repo })).rejects.toMatchObject({ status: 401 })
    expect(sim.problems).toEqual([
      expect.stringContaining('unknown route: GET /repos/acme/models/nonsense'),
      expect.stringContaining('missing required property "sha"'),
      expect.stringContaining('without the workflow token')
    ])
    expect(JSON.stringify(sim.requests)).not.toContain(sim.token)
  })

  it('validates its own responses: a non-conforming handler result is a problem', async () => {
    sim.state.addEnvironment('broken')
    const original = sim.state.environments.get('broken')!
    // An id that is not an integer violates the `environment` schema the simulator must honour.
    ;(original as unknown as { id: unknown }).id = 'not-a-number'
    await octokit.repos.getEnvironment({ owner, repo, environment_name: 'broken' }).catch(() => undefined)
    expect(sim.problems.some((p) => p.includes('non-conforming 200') && p.includes('expected integer'))).toBe(
      true
    )
  })

  it('injects faults per operation and per nth call', async () => {
    sim.state.addCommit()
    const limited = sim.fault({
      operation: 'repos/get',
      calls: [1],
      status: 429,
      headers: { 'retry-after': '0' }
    })
    sim.fault({ operation: 'repos/get', calls: [2], reset: true })
    await expect(octokit.repos.get({ owner, repo })).rejects.toMatchObject({ status: 429 })
    await expect(octokit.repos.get({ owner, repo })).rejects.toThrow()
    const third = await octokit.repos.get({ owner, repo })
    expect(third.data.full_name).toBe('acme/models')
    expect(limited.hits).toBe(1)
    expect(sim.count('repos/get')).toBe(3)
    expect(sim.requests.filter((r) => r.fault)).toHaveLength(2)
    expect(sim.problems).toEqual([])
  })
})
