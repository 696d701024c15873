import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ArtifactEvidenceSource } from '../../src/github/artifacts.js'
import { createOctokit, type GitHubClient } from '../../src/github/client.js'
import { GitHubRegistry } from '../../src/github/registry.js'
import { publishRecord, RECORD_ASSET } from '../../src/github/releases.js'
import { setCommitStatus } from '../../src/github/statuses.js'
import { listRunApprovals } from '../../src/github/approvals.js'
import { fetchCommitChecks } from '../../src/github/checks.js'
import { readRepositoryFile } from '../../src/github/contents.js'
import { assertEnvironmentsProtected, getEnvironmentFacts } from '../../src/github/environments.js'
import { ArchiveError, EvidenceError, GitHubError } from '../../src/errors.js'
import type { PromotionRecord } from '../../src/records/types.js'
import { GitHubSimulator } from '../simulator/server.js'

/* The action's GitHub backends, one call at a time, against the OpenAPI-checked simulator. */

let sim: GitHubSimulator
let client: GitHubClient
let temp: string
const repo = { owner: 'acme', repo: 'models' }

beforeEach(async () => {
  sim = new GitHubSimulator()
  await sim.start()
  // Pacing and backoff are not what these tests check: with them every write waits ~1 s after
  // the previous one and every retry real seconds (retry waits: test/github/client.test.ts).
  client = createOctokit({ token: sim.token, baseUrl: sim.url, pacing: false, delayUnitMs: 1 })
  temp = mkdtempSync(join(tmpdir(), 'modelgate-action-test-'))
})
afterEach(async () => {
  expect(sim.problems).toEqual([])
  await sim.stop()
  rmSync(temp, { recursive: true, force: true })
})

const source = (runId = 1) => new ArtifactEvidenceSource(client, { ...repo, runId, tempDir: temp })
const spec = (artifact: string) => ({ artifact, format: 'json' as const })

describe('ArtifactEvidenceSource', () => {
  it('reads one small file of a 2 GB artifact with range reads, never sending the token to storage', async () => {
    const artifact = sim.state.addArtifact(1, 'model', {
      'model.bin': { zeros: 2_000_000_000 },
      'lineage.json': '{"code_commit":"abc"}'
    })
    const evidence = source()
    const file = await evidence.read('lineage', spec('model'), 'lineage.json')
    expect(file).toMatchObject({ display: 'artifact:model/lineage.json', artifactDigest: artifact.digest })
    expect(JSON.parse(file.bytes.toString())).toEqual({ code_commit: 'abc' })
    expect(sim.storageBytes()).toBeLessThanOrEqual(256 * 1024)
    expect(evidence.storageBytes).toBe(sim.storageBytes())
  })

  it('lists the run once and downloads each artifact once, however many files are read', async () => {
    sim.state.addArtifact(1, 'eval', { 'a.json': '{"a":1}', 'dir/b.json': '{"b":2}' })
    sim.state.addArtifact(1, 'other', { 'c.json': '{}' })
    const evidence = source()
    expect((await evidence.read('a', spec('eval'), 'a.json')).bytes.toString()).toBe('{"a":1}')
    expect((await evidence.read('b', spec('eval'), './dir/b.json')).bytes.toString()).toBe('{"b":2}')
    expect(sim.count('actions/list-workflow-run-artifacts')).toBe(1)
    expect(sim.count('actions/download-artifact')).toBe(1)
  })

  it('falls back to one full download under RUNNER_TEMP when storage refuses ranges, and cleans up', async () => {
    sim.state.addArtifact(
      1,
      'eval',
      { 'metrics.json': '{"auc":0.9}', 'big.bin': { zeros: 1 << 20 } },
      { noRanges: true }
    )
    const evidence = source()
    const file = await evidence.read('offline', spec('eval'), 'metrics.json')
    expect(JSON.parse(file.bytes.toString())).toEqual({ auc: 0.9 })
    expect(readdirSync(temp)).toHaveLength(1)
    await evidence.close()
    expect(readdirSync(temp)).toHaveLength(0)
  })

  it('says which artifacts exist when one is missing, and which files when a file is', async () => {
    sim.state.addArtifact(1, 'eval', { 'metrics.json': '{}' })
    const evidence = source()
    await expect(evidence.read('x', spec('drift'), 'drift.json')).rejects.toThrow(
      'artifact "drift" is not among the artifacts of workflow run 1 (found: eval)'
    )
    await expect(evidence.read('x', spec('eval'), 'nope.json')).rejects.toThrow(
      'no file nope.json in artifact eval (it holds metrics.json)'
    )
  })

  it('reports an expired artifact (410) clearly', async () => {
    sim.state.addArtifact(1, 'eval', { 'metrics.json': '{}' })
    sim.fault({ operation: 'actions/download-artifact', status: 410 })
    const error = await source()
      .read('x', spec('eval'), 'metrics.json')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EvidenceError)
    expect((error as Error).message).toContain('can no longer be downloaded (HTTP 410)')
  })

  it('refuses duplicate entries, zip bombs and path traversal', async () => {
    sim.state.addArtifact(1, 'dup', { 'm.json': '{}', './m.json': '{}' })
    await expect(source().read('x', spec('dup'), 'm.json')).rejects.toThrow(ArchiveError)
    sim.state.addArtifact(1, 'bomb', { 'm.json': '0'.repeat(5_000_000) })
    await expect(source().read('x', spec('bomb'), 'm.json')).rejects.toThrow(/zip bomb/)
    sim.state.addArtifact(1, 'evil', { '../../etc/passwd': 'x' })
    await expect(source().read('x', spec('evil'), 'passwd')).rejects.toThrow(
      /not a readable zip|invalid relative path/
    )
    expect(existsSync(join(temp, '..', 'etc', 'passwd'))).toBe(false)
  })
})

describe('GitHubRegistry', () => {
  it('reads the tags once per run, keeps its own writes, and takes the next counter on a race', async () => {
    const commit = sim.state.addCommit()
    sim.state.seedTag('m@v1.0.0', commit, 'register', '2026-11-22T10:00:00Z')
    sim.state.seedTag('m#dev#1', commit, 'assign', '2026-11-22T10:00:01Z')
    sim.state.seedTag('other@v1.0.0', commit, 'register', '2026-11-22T10:00:02Z')
    const registry = new GitHubRegistry(client, 'acme', 'models', {
      name: 'carol',
      email: 'carol@example.invalid'
    })
    const tags = await registry.listTags(['m@', 'm#'])
    expect(tags.map((t) => t.name).sort()).toEqual(['m#dev#1', 'm@v1.0.0'])
    expect(tags.find((t) => t.name === 'm#dev#1')).toMatchObject({
      commit,
      message: 'assign',
      tagger: { date: '2026-11-22T10:00:01Z' }
    })
    expect(await registry.createTag({ name: 'm#staging#2', commit, message: 'promote' })).toBe(true)
    const after = await registry.listTags(['m@', 'm#'])
    expect(after.map((t) => t.name).sort()).toEqual(['m#dev#1', 'm#staging#2', 'm@v1.0.0'])
    expect(sim.count('git/list-matching-refs')).toBe(1)
    // Both tag objects in one GraphQL query, none through the REST tag endpoint.
    expect(sim.count('graphql')).toBe(1)
    expect(sim.count('git/get-tag')).toBe(0)
    // Someone else takes counter 3 first: createTag says so and the next read sees them.
    sim.state.seedTag('m#prod#3', commit, 'theirs', '2026-11-22T10:00:03Z')
    expect(await registry.createTag({ name: 'm#prod#3', commit, message: 'mine' })).toBe(false)
    expect((await registry.listTags(['m@', 'm#'])).map((t) => t.name)).toContain('m#prod#3')
    expect(sim.count('git/list-matching-refs')).toBe(2)
    expect(sim.state.tag('m#prod#3')?.message).toBe('theirs')
  })

  it('recognises its own ref when the answer to a successful create was lost, so nothing is written twice', async () => {
    const commit = sim.state.addCommit()
    const registry = new GitHubRegistry(client, 'acme', 'models', { name: 'x', email: 'x@example.invalid' })
    await registry.listTags(['m@', 'm#'])
    const lost = sim.fault({ operation: 'git/create-ref', calls: [1], status: 502, after: true })
    expect(await registry.createTag({ name: 'm#prod#1', commit, message: 'mine' })).toBe(true)
    expect(lost.hits).toBe(1)
    expect(sim.count('git/create-ref')).toBe(2) // the retry met "Reference already exists"
    expect(sim.count('git/get-ref')).toBe(1)
    expect((await registry.listTags(['m@', 'm#'])).map((t) => t.name)).toEqual(['m#prod#1'])
    // A name someone else holds is still a lost race.
    sim.state.seedTag('m#prod#2', commit, 'theirs')
    expect(await registry.createTag({ name: 'm#prod#2', commit, message: 'mine' })).toBe(false)
  })

  it('resolves a revision to a commit sha', async () => {
    const commit = sim.state.addCommit()
    const registry = new GitHubRegistry(client, 'acme', 'models', { name: 'x', email: 'x@example.invalid' })
    expect(await registry.resolveCommit('main')).toBe(commit)
    await expect(registry.resolveCommit('nope')).rejects.toThrow(GitHubError)
  })
})

describe('approvals, environments and checks', () => {
  it('reads reviews only from the run, and fails closed on unprotected or missing environments', async () => {
    sim.state.addReview(5, { state: 'approved', user: 'alice', environments: ['prod-owner'], comment: 'ok' })
    expect(await listRunApprovals(client, repo, 5)).toEqual([
      expect.objectContaining({
        state: 'approved',
        user: expect.objectContaining({ login: 'alice' }),
        environments: [expect.objectContaining({ name: 'prod-owner' })]
      })
    ])
    sim.state.addEnvironment('prod-owner', { reviewers: ['alice'] })
    sim.state.addEnvironment('prod-reviewer', { waitTimer: 5 })
    await expect(
      assertEnvironmentsProtected(client, repo, ['prod-owner'], {
        ref: 'refs/heads/main',
        adminBypass: 'warn'
      })
    ).resolves.toMatchObject({ warnings: [expect.stringContaining('administrators may bypass')] })
    const error = await assertEnvironmentsProtected(client, repo, [
      'prod-owner',
      'prod-reviewer',
      'ghost'
    ]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GitHubError)
    expect((error as Error).message).toMatch(
      /environment "prod-reviewer" has no required reviewers.*environment "ghost" does not exist/
    )
    expect((error as Error).message).toContain('public repositories')
  })

  it('reads team reviewers, administrator bypass and deployment-branch rules as GitHub answers them', async () => {
    sim.state.addCommit()
    sim.state.protectedBranches.add('main')
    sim.state.addEnvironment('team-env', {
      reviewers: ['team:ml-leads', 'alice'],
      deploymentBranches: 'protected'
    })
    sim.state.addEnvironment('patterns', {
      reviewers: ['bob'],
      canAdminsBypass: false,
      deploymentBranches: [{ name: 'release/*' }, { name: 'v*', type: 'tag' }]
    })
    const facts = await Promise.all([
      getEnvironmentFacts(client, repo, 'team-env', 'refs/heads/main'),
      getEnvironmentFacts(client, repo, 'patterns', 'refs/heads/main')
    ])
    expect(facts[0]).toMatchObject({
      reviewers: [
        { type: 'Team', slug: 'ml-leads' },
        { type: 'User', login: 'alice' }
      ],
      canAdminsBypass: true,
      branches: { kind: 'protected', refIsProtected: true }
    })
    expect(facts[1]).toMatchObject({
      canAdminsBypass: false,
      branches: {
        kind: 'custom',
        patterns: [
          { name: 'release/*', type: 'branch' },
          { name: 'v*', type: 'tag' }
        ]
      }
    })
    expect(sim.count('repos/get-branch')).toBe(1)
    expect(sim.count('repos/list-deployment-branch-policies')).toBe(1)
  })

  it('reads a file at the default branch or a ref, and says which is missing', async () => {
    sim.state.putFile('.github/modelgate.yml', 'on main\n')
    sim.state.putFile('.github/modelgate.yml', 'on release\n', 'release')
    expect(await readRepositoryFile(client, repo, '.github/modelgate.yml', undefined)).toEqual({
      text: 'on main\n',
      ref: 'main'
    })
    expect(await readRepositoryFile(client, repo, '.github/modelgate.yml', 'release')).toEqual({
      text: 'on release\n',
      ref: 'release'
    })
    await expect(readRepositoryFile(client, repo, 'nope.yml', 'release')).rejects.toThrow(
      'there is no nope.yml at ref release of acme/models'
    )
  })

  it('merges check runs and statuses, paginated; anything but success is what it is', async () => {
    const commit = sim.state.addCommit()
    for (let i = 0; i < 120; i++) sim.state.addCheckRun(commit, `job-${i}`, 'success')
    sim.state.addCheckRun(commit, 'lint', null, 'in_progress')
    sim.state.addStatus(commit, 'ci/legacy', 'failure')
    sim.state.addStatus(commit, 'ci/legacy', 'success')
    const { conclusions: checks, byApp } = await fetchCommitChecks(client, repo, commit)
    expect(Object.keys(checks)).toHaveLength(122)
    expect(Object.keys(byApp)).toEqual(['github-actions'])
    expect(checks).toMatchObject({ 'job-119': 'success', lint: 'in_progress', 'ci/legacy': 'success' })
    expect(sim.count('checks/list-for-ref')).toBe(2)
  })
})

describe('records as releases and statuses', () => {
  const record = {
    schema: 'modelgate/promotion-record/v1',
    model: 'm',
    version: 'v1.0.0'
  } as unknown as PromotionRecord

  it('draft → asset → publish in three requests, never "latest", and idempotent when resumed', async () => {
    const commit = sim.state.addCommit()
    sim.state.seedTag('m#prod#1', commit, 'assign')
    sim.state.immutableReleases = true
    const first = await publishRecord(client, repo, {
      tag: 'm#prod#1',
      record,
      name: 'm v1.0.0 → prod',
      notes: '## notes'
    })
    expect(sim.count()).toBe(3)
    expect(JSON.parse(sim.requests[0]!.body)).toMatchObject({ draft: true, make_latest: 'false' })
    const release = sim.state.releaseByTag('m#prod#1')!
    expect(release).toMatchObject({ draft: false, immutable: true })
    expect(release.assets.map((a) => a.name)).toEqual([RECORD_ASSET])
    expect(first.recordUrl).toContain(RECORD_ASSET)
    const again = await publishRecord(client, repo, {
      tag: 'm#prod#1',
      record,
      name: 'x',
      notes: 'y',
      resumed: true
    })
    expect(again).toEqual(first)
    expect(sim.state.releases).toHaveLength(1)
    expect(release.assets).toHaveLength(1)
  })

  it('survives lost answers to the release writes without duplicating anything', async () => {
    const commit = sim.state.addCommit()
    sim.state.seedTag('m#prod#1', commit, 'assign')
    sim.fault({ operation: 'repos/create-release', calls: [1], status: 502, after: true })
    sim.fault({ operation: 'repos/upload-release-asset', calls: [1], status: 502, after: true })
    const published = await publishRecord(client, repo, { tag: 'm#prod#1', record, name: 'n', notes: 'b' })
    // GitHub takes any number of drafts for one tag: a blind retry of the create would leave two.
    expect(sim.count('repos/create-release')).toBe(1)
    expect(sim.count('repos/list-releases')).toBe(1)
    expect(sim.state.releases).toHaveLength(1)
    expect(sim.state.releases[0]!.assets.map((a) => a.name)).toEqual([RECORD_ASSET])
    expect(sim.state.releases[0]!.draft).toBe(false)
    expect(published.releaseUrl).toContain('/releases/tag/')
  })

  it('sets the status once, truncated to 140 characters, and skips an identical one on re-runs', async () => {
    const commit = sim.state.addCommit()
    const input = {
      commit,
      context: 'modelgate/m/prod',
      state: 'success' as const,
      description: 'é'.repeat(200),
      targetUrl: 'https://example.invalid/r'
    }
    await setCommitStatus(client, repo, input)
    expect([...sim.state.statuses[0]!.description!]).toHaveLength(140)
    await setCommitStatus(client, repo, { ...input, onlyIfMissing: true })
    expect(sim.state.statuses).toHaveLength(1)
  })

  it('names the missing permission on a 403', async () => {
    const commit = sim.state.addCommit()
    sim.fault({
      operation: 'repos/create-commit-status',
      status: 403,
      body: {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com'
      }
    })
    await expect(
      setCommitStatus(client, repo, { commit, context: 'c', state: 'success', description: 'd' })
    ).rejects.toThrow(
      'setting status c on ' +
        commit.slice(0, 12) +
        ' failed (HTTP 403): Resource not accessible by integration; the job needs `permissions: statuses: write`'
    )
  })
})
