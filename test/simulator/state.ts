import { createHash } from 'node:crypto'
import { buildZip, type VirtualZip, type ZipEntryInput } from './zip.js'

/**
 * The in-memory GitHub world the simulator serves: one repository with commits, git tag objects
 * and refs, releases with assets, commit statuses, check runs, deployment environments, workflow
 * runs with their reviews and artifacts. Tests seed it through the methods below and assert on it
 * directly; the HTTP handlers (handlers.ts) read and write it as GitHub would.
 */

export interface Commit {
  sha: string
  message: string
  parents: string[]
  date: string
}

export interface TagObject {
  sha: string
  tag: string
  message: string
  object: { sha: string; type: string }
  tagger: { name: string; email: string; date: string }
}

export interface Ref {
  ref: string
  sha: string
  type: 'commit' | 'tag'
}

export interface Asset {
  id: number
  name: string
  label: string | null
  contentType: string
  bytes: Buffer
  createdAt: string
}

export interface Release {
  id: number
  tagName: string
  targetCommitish: string
  name: string | null
  body: string | null
  draft: boolean
  prerelease: boolean
  createdAt: string
  publishedAt: string | null
  updatedAt: string
  /** Published while the repository had immutable releases on: assets are frozen. */
  immutable: boolean
  assets: Asset[]
  /** Who created it: the token's user, or anyone else with contents: write (`seedRelease`). */
  author: SimulatorUser
}

export interface CommitStatus {
  id: number
  sha: string
  state: 'error' | 'failure' | 'pending' | 'success'
  context: string
  description: string | null
  targetUrl: string | null
  createdAt: string
}

export interface CheckRun {
  id: number
  sha: string
  name: string
  status: 'queued' | 'in_progress' | 'completed'
  conclusion: string | null
  completedAt: string | null
  /** The GitHub App that made it (its slug). */
  app: string
}

export interface Environment {
  id: number
  name: string
  /** Logins (or `team:slug`) listed as required reviewers; absent means no such rule. */
  reviewers?: string[]
  waitTimer?: number
  preventSelfReview?: boolean
  /** "Allow administrators to bypass configured protection rules": on by default, as on GitHub. */
  canAdminsBypass?: boolean
  /**
   * Deployment branches and tags: absent for "no restriction", `protected` for protected branches
   * only, or name patterns (`{ name, type }`, type `branch` by default).
   */
  deploymentBranches?: 'protected' | Array<{ name: string; type?: 'branch' | 'tag' }>
}

export interface Review {
  state: 'approved' | 'rejected' | 'pending'
  user: string
  environments: string[]
  comment: string
}

export interface Artifact {
  id: number
  runId: number
  name: string
  zip: VirtualZip
  digest: string
  expired: boolean
  createdAt: string
  /** Storage ignores Range headers for this artifact (serves the whole blob with 200). */
  noRanges?: boolean
}

/** A workflow run as `GET /actions/runs/{run_id}` describes it; every attempt has its own triggering actor. */
export interface WorkflowRun {
  id: number
  /** The workflow's name and file. */
  name: string
  path: string
  headSha: string
  /** `owner/repo` the run's head commit came from: another one for a fork's pull request. */
  headRepository: string
  event: string
  /** Who started the run (the first attempt's actor). */
  actor: string
  /** The triggering actor of attempt 1, 2, … (index 0 is attempt 1). */
  attempts: string[]
  /** Not seeded by a test: any attempt number is answered, triggered by `actor`. */
  implicit?: boolean
}

export interface SimulatorUser {
  login: string
  id: number
}

const BASE_TIME = Date.parse('2026-11-22T12:00:00Z')

export class GitHubState {
  readonly owner: string
  readonly repo: string
  readonly repoId = 4242
  /** Releases published from now on are immutable (GitHub's "immutable releases" setting). */
  immutableReleases = false
  readonly commits = new Map<string, Commit>()
  readonly tagObjects = new Map<string, TagObject>()
  readonly refs = new Map<string, Ref>()
  readonly releases: Release[] = []
  readonly statuses: CommitStatus[] = []
  /** Sigstore bundles stored through `POST /repos/{owner}/{repo}/attestations`. */
  readonly attestations: Array<{ id: number; bundle: unknown }> = []
  /** False: the token lacks `attestations: write` (the API answers 403). */
  attestationsWritable = true
  readonly checkRuns: CheckRun[] = []
  readonly environments = new Map<string, Environment>()
  readonly reviews = new Map<number, Review[]>()
  readonly artifacts: Artifact[] = []
  /** Branches with a branch protection rule. */
  readonly protectedBranches = new Set<string>()
  /** Files in the repository per branch (`main` is the default branch): what the contents API serves. */
  readonly files = new Map<string, Map<string, string>>()
  readonly workflowRuns = new Map<number, WorkflowRun>()
  /** Who the token belongs to: author of releases, creator of statuses. */
  tokenUser: SimulatorUser = { login: 'github-actions[bot]', id: 41898282 }
  /**
   * `installation`: the workflow's GITHUB_TOKEN (GET /user answers 403, as for every app
   * installation token); `user`: a personal access token, whose user GET /user returns.
   */
  tokenKind: 'installation' | 'user' = 'installation'
  /** GitHub reports `sha256:` digests of release assets; older servers answer `digest: null`. */
  assetDigests = true
  private nextId = 1000
  private clock = 0

  constructor(fullName = 'acme/models') {
    const [owner, repo] = fullName.split('/')
    this.owner = owner!
    this.repo = repo!
  }

  get fullName(): string {
    return `${this.owner}/${this.repo}`
  }

  id(): number {
    return this.nextId++
  }

  /** A deterministic, strictly increasing timestamp for everything the simulator creates. */
  now(): string {
    return new Date(BASE_TIME + 1000 * this.clock++).toISOString().replace('.000Z', 'Z')
  }

  addCommit(message = `commit ${this.commits.size + 1}`): string {
    const parents = [...this.commits.keys()].slice(-1)
    const sha = createHash('sha1')
      .update(`commit ${message} ${parents.join(',')} ${this.commits.size}`)
      .digest('hex')
    this.commits.set(sha, { sha, message, parents, date: this.now() })
    this.refs.set('refs/heads/main', { ref: 'refs/heads/main', sha, type: 'commit' })
    return sha
  }

  createTagObject(tag: string, message: string, object: string, tagger: TagObject['tagger']): TagObject {
    const sha = createHash('sha1')
      .update(
        `tag ${tag}\n${object}\n${tagger.name} ${tagger.email} ${tagger.date}\n${message}\n${this.tagObjects.size}`
      )
      .digest('hex')
    const created: TagObject = { sha, tag, message, object: { sha: object, type: 'commit' }, tagger }
    this.tagObjects.set(sha, created)
    return created
  }

  /** An annotated tag as another tool (the CLI, GTO) would have pushed it. */
  seedTag(name: string, commit: string, message: string, date = this.now()): void {
    const object = this.createTagObject(name, message, commit, {
      name: 'seed',
      email: 'seed@example.invalid',
      date
    })
    this.refs.set(`refs/tags/${name}`, { ref: `refs/tags/${name}`, sha: object.sha, type: 'tag' })
  }

  /** Tag names under refs/tags/, sorted. */
  tagNames(): string[] {
    return [...this.refs.keys()]
      .filter((ref) => ref.startsWith('refs/tags/'))
      .map((ref) => ref.slice('refs/tags/'.length))
      .sort()
  }

  /** The annotated tag behind a tag name, peeled to its commit. */
  tag(name: string): (TagObject & { commit: string }) | undefined {
    const ref = this.refs.get(`refs/tags/${name}`)
    if (!ref || ref.type !== 'tag') return undefined
    const object = this.tagObjects.get(ref.sha)
    return object && { ...object, commit: object.object.sha }
  }

  addEnvironment(name: string, options: Omit<Environment, 'id' | 'name'> = {}): void {
    this.environments.set(name, { id: this.id(), name, ...options })
  }

  /** A file committed on a branch (the default branch, `main`, unless named). */
  putFile(path: string, text: string, branch = 'main'): void {
    const files = this.files.get(branch) ?? new Map<string, string>()
    files.set(path, text)
    this.files.set(branch, files)
  }

  addReview(runId: number, review: Review): void {
    this.reviews.set(runId, [...(this.reviews.get(runId) ?? []), review])
  }

  /**
   * A workflow run (defaults: this repository's `promote model` workflow on the newest commit,
   * started by `carol`); `attempts` lists the triggering actor of each attempt.
   */
  addWorkflowRun(id: number, options: Partial<Omit<WorkflowRun, 'id'>> = {}): WorkflowRun {
    const actor = options.actor ?? 'carol'
    const run: WorkflowRun = {
      id,
      name: options.name ?? 'promote model',
      path: options.path ?? '.github/workflows/promote.yml',
      headSha: options.headSha ?? [...this.commits.keys()].at(-1) ?? '0'.repeat(40),
      headRepository: options.headRepository ?? this.fullName,
      event: options.event ?? 'workflow_dispatch',
      actor,
      attempts: options.attempts ?? [actor],
      ...(options.implicit && { implicit: true })
    }
    this.workflowRuns.set(id, run)
    return run
  }

  /** The run with this id: a registered one, or (as any real run id would be) a default run of this repository. */
  workflowRun(id: number): WorkflowRun {
    return this.workflowRuns.get(id) ?? this.addWorkflowRun(id, { implicit: true })
  }

  addArtifact(
    runId: number,
    name: string,
    files: Record<string, ZipEntryInput>,
    options: { expired?: boolean; noRanges?: boolean } = {}
  ): Artifact {
    const zip = buildZip(files)
    const small = zip.size <= 64 << 20
    // A real digest for real bytes; a stand-in for huge virtual archives (hashing GBs of zeros is slow).
    const hash = createHash('sha256')
    if (small)
      for (const segment of zip.segments)
        hash.update('bytes' in segment ? segment.bytes : Buffer.alloc(segment.zeros))
    else hash.update(`${name} ${zip.size}`)
    const artifact: Artifact = {
      id: this.id(),
      runId,
      name,
      zip,
      digest: `sha256:${hash.digest('hex')}`,
      expired: options.expired ?? false,
      createdAt: this.now(),
      ...(options.noRanges && { noRanges: true })
    }
    this.artifacts.push(artifact)
    return artifact
  }

  addCheckRun(
    sha: string,
    name: string,
    conclusion: string | null,
    status: CheckRun['status'] = 'completed',
    app = 'github-actions'
  ): void {
    this.checkRuns.push({
      id: this.id(),
      sha,
      name,
      status,
      conclusion,
      completedAt: conclusion ? this.now() : null,
      app
    })
  }

  addStatus(
    sha: string,
    context: string,
    state: CommitStatus['state'],
    description: string | null = null
  ): CommitStatus {
    const status: CommitStatus = {
      id: this.id(),
      sha,
      state,
      context,
      description,
      targetUrl: null,
      createdAt: this.now()
    }
    this.statuses.push(status)
    return status
  }

  /**
   * A release as someone else made it (another workflow, a person with contents: write), e.g. a
   * draft pre-created for a tag name a promotion is about to write.
   */
  seedRelease(
    tag: string,
    options: {
      author?: SimulatorUser
      draft?: boolean
      name?: string
      body?: string
      assets?: Record<string, string>
    } = {}
  ): Release {
    const now = this.now()
    const release: Release = {
      id: this.id(),
      tagName: tag,
      targetCommitish: 'main',
      name: options.name ?? null,
      body: options.body ?? null,
      draft: options.draft ?? true,
      prerelease: false,
      createdAt: now,
      publishedAt: options.draft === false ? now : null,
      updatedAt: now,
      immutable: false,
      assets: Object.entries(options.assets ?? {}).map(([name, text]) => ({
        id: this.id(),
        name,
        label: null,
        contentType: 'application/json',
        bytes: Buffer.from(text, 'utf8'),
        createdAt: now
      })),
      author: options.author ?? this.tokenUser
    }
    this.releases.push(release)
    return release
  }

  releaseByTag(tag: string): Release | undefined {
    return this.releases.find((release) => release.tagName === tag)
  }

  /** Every release naming a tag, drafts included: more than one is a duplicate. */
  releasesByTag(tag: string): Release[] {
    return this.releases.filter((release) => release.tagName === tag)
  }
}
