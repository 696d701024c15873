import { createHash } from 'node:crypto'
import type { Schema } from './schema.js'
import type {
  Artifact,
  Asset,
  CheckRun,
  CommitStatus,
  Environment,
  GitHubState,
  Release,
  Review,
  TagObject,
  WorkflowRun
} from './state.js'

/**
 * What GitHub does for each operation modelgate calls, over the in-memory state. Each handler
 * gets the decoded path parameters, query and parsed body and returns status, JSON body and
 * headers; the server validates both sides against the OpenAPI description.
 */

export interface HandlerContext {
  state: GitHubState
  params: Record<string, string>
  query: URLSearchParams
  body: unknown
  raw: Buffer
  /** The request's raw (still percent-encoded) path, for Link headers. */
  path: string
  headers: Record<string, string | string[] | undefined>
  /** `http://127.0.0.1:<port>`: the API, uploads and storage all live on it. */
  base: string
  /** Origin of artifact blob storage (a different host, as on GitHub). */
  storageBase: string
  /** Fills a component schema's required fields with plausible values (for large objects). */
  sample: (schema: string, overrides?: Record<string, unknown>) => Record<string, unknown>
}

export interface HandlerResult {
  status: number
  body?: unknown
  headers?: Record<string, string>
  /** A non-JSON body (e.g. `application/vnd.github.sha`). */
  text?: string
}

export type Handler = (ctx: HandlerContext) => HandlerResult

const DOCS = 'https://docs.github.com/rest'

export const error = (status: number, message: string, errors?: unknown[]): HandlerResult => ({
  status,
  body: { message, documentation_url: DOCS, ...(errors && { errors }), status: String(status) }
})

const notFound = (): HandlerResult => error(404, 'Not Found')

function user(ctx: HandlerContext, login: string, id = idFor(login)): Record<string, unknown> {
  const api = `${ctx.base}/users/${encodeURIComponent(login)}`
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `${ctx.base}/avatars/${id}`,
    gravatar_id: '',
    url: api,
    html_url: `${ctx.base}/${encodeURIComponent(login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: login.endsWith('[bot]') ? 'Bot' : 'User',
    site_admin: false
  }
}

function idFor(login: string): number {
  let hash = 7
  for (const char of login) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_000
  return 10_000 + hash
}

const repoApi = (ctx: HandlerContext): string => `${ctx.base}/repos/${ctx.state.owner}/${ctx.state.repo}`
const repoHtml = (ctx: HandlerContext): string => `${ctx.base}/${ctx.state.owner}/${ctx.state.repo}`

/** Pagination as GitHub does it: `per_page` (≤ 100, default 30), `page`, and a Link header. */
function paginate<T>(
  ctx: HandlerContext,
  items: readonly T[]
): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.get('per_page') ?? 30)))
  const page = Math.max(1, Number(ctx.query.get('page') ?? 1))
  const last = Math.max(1, Math.ceil(items.length / perPage))
  const headers: Record<string, string> = {}
  if (last > 1) {
    const link = (n: number, rel: string): string => {
      const query = new URLSearchParams(ctx.query)
      query.set('per_page', String(perPage))
      query.set('page', String(n))
      return `<${ctx.base}${ctx.path}?${query.toString()}>; rel="${rel}"`
    }
    const links: string[] = []
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'))
    headers.link = links.join(', ')
  }
  return { items: items.slice((page - 1) * perPage, page * perPage), headers }
}

/** A branch, tag or sha to the commit sha it names. */
function resolveRef(ctx: HandlerContext, ref: string): string | undefined {
  if (ctx.state.commits.has(ref)) return ref
  const prefixed = [...ctx.state.commits.keys()].filter((sha) => ref.length >= 7 && sha.startsWith(ref))
  if (prefixed.length === 1) return prefixed[0]
  for (const candidate of [ref, `refs/heads/${ref}`, `refs/tags/${ref}`]) {
    const found = ctx.state.refs.get(candidate)
    if (!found) continue
    return found.type === 'tag' ? ctx.state.tagObjects.get(found.sha)?.object.sha : found.sha
  }
  return undefined
}

function artifactJson(ctx: HandlerContext, artifact: Artifact): Record<string, unknown> {
  const run = ctx.state.workflowRuns.get(artifact.runId)
  const url = `${repoApi(ctx)}/actions/artifacts/${artifact.id}`
  return {
    id: artifact.id,
    node_id: `MDg6QXJ0aWZhY3Q${artifact.id}`,
    name: artifact.name,
    size_in_bytes: artifact.zip.size,
    url,
    archive_download_url: `${url}/zip`,
    expired: artifact.expired,
    created_at: artifact.createdAt,
    expires_at: '2027-02-20T12:00:00Z',
    updated_at: artifact.createdAt,
    digest: artifact.digest,
    workflow_run: {
      id: artifact.runId,
      repository_id: ctx.state.repoId,
      head_repository_id:
        run && run.headRepository !== ctx.state.fullName ? idFor(run.headRepository) : ctx.state.repoId,
      head_branch: 'main',
      head_sha: run?.headSha ?? [...ctx.state.commits.keys()].at(-1) ?? '0'.repeat(40)
    }
  }
}

function repositoryJson(ctx: HandlerContext, fullName: string): Record<string, unknown> {
  const [owner, name] = fullName.split('/')
  const own = fullName === ctx.state.fullName
  return ctx.sample('minimal-repository', {
    id: own ? ctx.state.repoId : idFor(fullName),
    name,
    full_name: fullName,
    owner: user(ctx, owner!),
    private: false,
    fork: !own,
    html_url: `${ctx.base}/${fullName}`,
    url: `${ctx.base}/repos/${fullName}`
  })
}

/** A run as of `attempt` (1-based): that attempt's triggering actor, the run's own actor. */
function workflowRunJson(ctx: HandlerContext, run: WorkflowRun, attempt: number): Record<string, unknown> {
  const api = `${repoApi(ctx)}/actions/runs/${run.id}`
  const headRepository = repositoryJson(ctx, run.headRepository)
  return ctx.sample('workflow-run', {
    id: run.id,
    name: run.name,
    node_id: `WFR_${run.id}`,
    head_branch: 'main',
    head_sha: run.headSha,
    path: run.path,
    run_number: run.id,
    run_attempt: attempt,
    event: run.event,
    status: 'in_progress',
    conclusion: null,
    workflow_id: idFor(run.path),
    url: api,
    html_url: `${repoHtml(ctx)}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    actor: user(ctx, run.actor),
    triggering_actor: user(ctx, run.attempts[attempt - 1] ?? run.actor),
    head_commit: null,
    repository: repositoryJson(ctx, ctx.state.fullName),
    head_repository: headRepository,
    head_repository_id: headRepository.id
  })
}

function refJson(ctx: HandlerContext, ref: string, sha: string, type: string): Record<string, unknown> {
  return {
    ref,
    node_id: `REF_${Buffer.from(ref).toString('base64url')}`,
    url: `${repoApi(ctx)}/git/${ref}`,
    object: { type, sha, url: `${repoApi(ctx)}/git/${type === 'tag' ? 'tags' : 'commits'}/${sha}` }
  }
}

function tagJson(ctx: HandlerContext, tag: TagObject): Record<string, unknown> {
  return {
    node_id: `TAG_${tag.sha.slice(0, 12)}`,
    tag: tag.tag,
    sha: tag.sha,
    url: `${repoApi(ctx)}/git/tags/${tag.sha}`,
    message: tag.message,
    tagger: tag.tagger,
    object: { ...tag.object, url: `${repoApi(ctx)}/git/commits/${tag.object.sha}` },
    verification: { verified: false, reason: 'unsigned', payload: null, signature: null, verified_at: null }
  }
}

function assetJson(ctx: HandlerContext, release: Release, asset: Asset): Record<string, unknown> {
  return {
    url: `${repoApi(ctx)}/releases/assets/${asset.id}`,
    browser_download_url: `${repoHtml(ctx)}/releases/download/${encodeURIComponent(release.tagName)}/${encodeURIComponent(asset.name)}`,
    id: asset.id,
    node_id: `RA_${asset.id}`,
    name: asset.name,
    label: asset.label,
    state: 'uploaded',
    content_type: asset.contentType,
    size: asset.bytes.length,
    digest: ctx.state.assetDigests
      ? `sha256:${createHash('sha256').update(asset.bytes).digest('hex')}`
      : null,
    download_count: 0,
    created_at: asset.createdAt,
    updated_at: asset.createdAt,
    uploader: user(ctx, ctx.state.tokenUser.login, ctx.state.tokenUser.id)
  }
}

function releaseJson(ctx: HandlerContext, release: Release): Record<string, unknown> {
  const url = `${repoApi(ctx)}/releases/${release.id}`
  const tag = encodeURIComponent(release.tagName)
  return {
    url,
    html_url: release.draft
      ? `${repoHtml(ctx)}/releases/tag/untagged-${release.id}`
      : `${repoHtml(ctx)}/releases/tag/${tag}`,
    assets_url: `${url}/assets`,
    upload_url: `${ctx.base}/uploads/repos/${ctx.state.owner}/${ctx.state.repo}/releases/${release.id}/assets{?name,label}`,
    tarball_url: release.draft ? null : `${repoApi(ctx)}/tarball/${tag}`,
    zipball_url: release.draft ? null : `${repoApi(ctx)}/zipball/${tag}`,
    id: release.id,
    node_id: `RE_${release.id}`,
    tag_name: release.tagName,
    target_commitish: release.targetCommitish,
    name: release.name,
    body: release.body,
    draft: release.draft,
    prerelease: release.prerelease,
    immutable: release.immutable,
    created_at: release.createdAt,
    published_at: release.publishedAt,
    updated_at: release.updatedAt,
    author: user(ctx, release.author.login, release.author.id),
    assets: release.assets.map((asset) => assetJson(ctx, release, asset))
  }
}

function statusJson(ctx: HandlerContext, status: CommitStatus): Record<string, unknown> {
  return {
    url: `${repoApi(ctx)}/statuses/${status.sha}`,
    avatar_url: null,
    id: status.id,
    node_id: `SC_${status.id}`,
    state: status.state,
    description: status.description,
    target_url: status.targetUrl,
    context: status.context,
    created_at: status.createdAt,
    updated_at: status.createdAt,
    creator: user(ctx, ctx.state.tokenUser.login, ctx.state.tokenUser.id)
  }
}

function checkRunJson(ctx: HandlerContext, run: CheckRun): Record<string, unknown> {
  return {
    id: run.id,
    head_sha: run.sha,
    node_id: `CR_${run.id}`,
    external_id: null,
    url: `${repoApi(ctx)}/check-runs/${run.id}`,
    html_url: `${repoHtml(ctx)}/runs/${run.id}`,
    details_url: null,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.completedAt,
    completed_at: run.completedAt,
    output: {
      title: null,
      summary: null,
      text: null,
      annotations_count: 0,
      annotations_url: `${repoApi(ctx)}/check-runs/${run.id}/annotations`
    },
    name: run.name,
    check_suite: { id: run.id + 1 },
    app: ctx.sample('nullable-integration', {
      id: idFor(run.app),
      slug: run.app,
      name: run.app,
      owner: user(ctx, run.app),
      html_url: `${ctx.base}/apps/${run.app}`,
      permissions: { checks: 'write' },
      events: []
    }),
    pull_requests: []
  }
}

function reviewJson(ctx: HandlerContext, review: Review): Record<string, unknown> {
  return {
    state: review.state,
    comment: review.comment,
    user: user(ctx, review.user),
    environments: review.environments.map((name) => {
      const environment = ctx.state.environments.get(name)
      return {
        id: environment?.id ?? idFor(name),
        node_id: `EN_${idFor(name)}`,
        name,
        url: `${repoApi(ctx)}/environments/${encodeURIComponent(name)}`,
        html_url: `${repoHtml(ctx)}/deployments/activity_log?environments_filter=${encodeURIComponent(name)}`,
        created_at: '2026-01-01T00:00:00Z',
        updated_at: '2026-01-01T00:00:00Z'
      }
    })
  }
}

function teamJson(ctx: HandlerContext, slug: string): Record<string, unknown> {
  const id = idFor(`team:${slug}`)
  const api = `${ctx.base}/orgs/${ctx.state.owner}/teams/${slug}`
  return {
    id,
    node_id: `T_${id}`,
    url: api,
    html_url: `${ctx.base}/orgs/${ctx.state.owner}/teams/${slug}`,
    name: slug,
    slug,
    description: null,
    privacy: 'closed',
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${api}/members{/member}`,
    repositories_url: `${api}/repos`,
    parent: null
  }
}

const findRelease = (ctx: HandlerContext): Release | undefined =>
  ctx.state.releases.find((release) => release.id === Number(ctx.params.release_id))

const findAsset = (ctx: HandlerContext): { release: Release; asset: Asset } | undefined => {
  for (const release of ctx.state.releases) {
    const asset = release.assets.find((a) => a.id === Number(ctx.params.asset_id))
    if (asset) return { release, asset }
  }
  return undefined
}

const body = (ctx: HandlerContext): Record<string, unknown> => (ctx.body ?? {}) as Record<string, unknown>

/** An environment as `GET /environments/{name}` and the environments list show it. */
function environmentBody(ctx: HandlerContext, environment: Environment): Record<string, unknown> {
  const rules: unknown[] = []
  if (environment.waitTimer !== undefined)
    rules.push({
      id: environment.id * 10 + 1,
      node_id: `GA_${environment.id}_1`,
      type: 'wait_timer',
      wait_timer: environment.waitTimer
    })
  if (environment.reviewers)
    rules.push({
      id: environment.id * 10 + 2,
      node_id: `GA_${environment.id}_2`,
      type: 'required_reviewers',
      prevent_self_review: environment.preventSelfReview ?? false,
      reviewers: environment.reviewers.map((login) =>
        login.startsWith('team:')
          ? { type: 'Team', reviewer: teamJson(ctx, login.slice(5)) }
          : { type: 'User', reviewer: user(ctx, login) }
      )
    })
  const branches = environment.deploymentBranches
  if (branches)
    rules.push({ id: environment.id * 10 + 3, node_id: `GA_${environment.id}_3`, type: 'branch_policy' })
  return {
    id: environment.id,
    node_id: `EN_${environment.id}`,
    name: environment.name,
    url: `${repoApi(ctx)}/environments/${encodeURIComponent(environment.name)}`,
    html_url: `${repoHtml(ctx)}/deployments/activity_log?environments_filter=${encodeURIComponent(environment.name)}`,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    protection_rules: rules,
    deployment_branch_policy: branches
      ? { protected_branches: branches === 'protected', custom_branch_policies: branches !== 'protected' }
      : null,
    // Not in GitHub's OpenAPI description of the environment, but in its answers (one or listed).
    can_admins_bypass: environment.canAdminsBypass ?? true
  }
}

export const handlers: Record<string, Handler> = {
  'repos/get': (ctx) => ({
    status: 200,
    body: ctx.sample('full-repository', {
      id: ctx.state.repoId,
      name: ctx.state.repo,
      full_name: ctx.state.fullName,
      owner: user(ctx, ctx.state.owner),
      default_branch: 'main',
      private: false
    })
  }),

  'actions/list-workflow-run-artifacts': (ctx) => {
    const name = ctx.query.get('name')
    const ascending = ctx.query.get('direction') === 'asc'
    const matching = ctx.state.artifacts
      .filter((a) => a.runId === Number(ctx.params.run_id) && (name === null || a.name === name))
      .sort((a, b) => (ascending ? a.id - b.id : b.id - a.id))
    const { items, headers } = paginate(ctx, matching)
    return {
      status: 200,
      headers,
      body: { total_count: matching.length, artifacts: items.map((a) => artifactJson(ctx, a)) }
    }
  },

  'actions/get-artifact': (ctx) => {
    const artifact = ctx.state.artifacts.find((a) => a.id === Number(ctx.params.artifact_id))
    return artifact ? { status: 200, body: artifactJson(ctx, artifact) } : notFound()
  },

  'actions/download-artifact': (ctx) => {
    const artifact = ctx.state.artifacts.find((a) => a.id === Number(ctx.params.artifact_id))
    if (!artifact || ctx.params.archive_format !== 'zip') return notFound()
    if (artifact.expired) return error(410, 'Artifact has expired')
    // A signed, short-lived storage URL: like Azure Blob SAS URLs, it must be fetched without auth.
    return {
      status: 302,
      headers: {
        location: `${ctx.storageBase}/storage/artifacts/${artifact.id}.zip?sv=2025-01-05&sig=simulated-signature`
      }
    }
  },

  'actions/get-workflow-run': (ctx) => {
    const id = Number(ctx.params.run_id)
    if (!Number.isSafeInteger(id) || id < 1) return notFound()
    const run = ctx.state.workflowRun(id)
    return { status: 200, body: workflowRunJson(ctx, run, run.attempts.length) }
  },

  'actions/get-workflow-run-attempt': (ctx) => {
    const id = Number(ctx.params.run_id)
    const run = Number.isSafeInteger(id) && id > 0 ? ctx.state.workflowRun(id) : undefined
    const attempt = Number(ctx.params.attempt_number)
    if (
      !run ||
      !Number.isSafeInteger(attempt) ||
      attempt < 1 ||
      (attempt > run.attempts.length && !run.implicit)
    )
      return notFound()
    return { status: 200, body: workflowRunJson(ctx, run, attempt) }
  },

  'actions/get-reviews-for-run': (ctx) => ({
    status: 200,
    body: (ctx.state.reviews.get(Number(ctx.params.run_id)) ?? []).map((review) => reviewJson(ctx, review))
  }),

  'repos/get-environment': (ctx) => {
    const environment = ctx.state.environments.get(ctx.params.environment_name!)
    if (!environment) return notFound()
    return { status: 200, body: environmentBody(ctx, environment) }
  },

  // Paginated like every list (per_page ≤ 100); GitHub answers the page and the total.
  'repos/get-all-environments': (ctx) => {
    const all = [...ctx.state.environments.values()]
    const perPage = Math.min(100, Number(ctx.query.get('per_page') ?? 30))
    const page = Number(ctx.query.get('page') ?? 1)
    return {
      status: 200,
      body: {
        total_count: all.length,
        environments: all
          .slice((page - 1) * perPage, page * perPage)
          .map((environment) => environmentBody(ctx, environment))
      }
    }
  },

  'repos/list-deployment-branch-policies': (ctx) => {
    const environment = ctx.state.environments.get(ctx.params.environment_name!)
    if (!environment) return notFound()
    const patterns = Array.isArray(environment.deploymentBranches) ? environment.deploymentBranches : []
    const { items, headers } = paginate(ctx, patterns)
    return {
      status: 200,
      headers,
      body: {
        total_count: patterns.length,
        branch_policies: items.map((pattern, i) => ({
          id: environment.id * 100 + i,
          node_id: `DBP_${environment.id}_${i}`,
          name: pattern.name,
          type: pattern.type ?? 'branch'
        }))
      }
    }
  },

  'repos/get-branch': (ctx) => {
    const name = ctx.params.branch!
    const ref = ctx.state.refs.get(`refs/heads/${name}`)
    if (!ref) return error(404, 'Branch not found')
    const isProtected = ctx.state.protectedBranches.has(name)
    return {
      status: 200,
      body: ctx.sample('branch-with-protection', {
        name,
        commit: ctx.sample('commit', { sha: ref.sha, url: `${repoApi(ctx)}/commits/${ref.sha}` }),
        _links: { html: `${repoHtml(ctx)}/tree/${name}`, self: `${repoApi(ctx)}/branches/${name}` },
        protected: isProtected,
        protection: { enabled: isProtected },
        protection_url: `${repoApi(ctx)}/branches/${name}/protection`
      })
    }
  },

  'repos/get-content': (ctx) => {
    const ref = ctx.query.get('ref') ?? 'main'
    const branch = ref.replace(/^refs\/heads\//, '')
    const text = ctx.state.files.get(branch)?.get(ctx.params.path!)
    if (text === undefined) return notFound()
    const bytes = Buffer.from(text, 'utf8')
    const sha = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
    const path = ctx.params.path!
    const self = `${repoApi(ctx)}/contents/${path}?ref=${encodeURIComponent(branch)}`
    return {
      status: 200,
      body: {
        type: 'file',
        encoding: 'base64',
        size: bytes.length,
        name: path.split('/').at(-1),
        path,
        content: bytes.toString('base64').replace(/(.{60})/g, '$1\n'),
        sha,
        url: self,
        git_url: `${repoApi(ctx)}/git/blobs/${sha}`,
        html_url: `${repoHtml(ctx)}/blob/${encodeURIComponent(branch)}/${path}`,
        download_url: null,
        _links: { git: `${repoApi(ctx)}/git/blobs/${sha}`, html: null, self }
      }
    }
  },

  'checks/list-for-ref': (ctx) => {
    const sha = resolveRef(ctx, ctx.params.ref!)
    if (!sha) return error(422, `No commit found for SHA: ${ctx.params.ref}`)
    const name = ctx.query.get('check_name')
    const status = ctx.query.get('status')
    let runs = ctx.state.checkRuns.filter(
      (run) =>
        run.sha === sha && (name === null || run.name === name) && (status === null || run.status === status)
    )
    if (ctx.query.get('filter') !== 'all') {
      const latest = new Map<string, CheckRun>()
      for (const run of runs) latest.set(`${run.app}\u0000${run.name}`, run)
      runs = [...latest.values()]
    }
    runs = [...runs].reverse()
    const { items, headers } = paginate(ctx, runs)
    return {
      status: 200,
      headers,
      body: { total_count: runs.length, check_runs: items.map((r) => checkRunJson(ctx, r)) }
    }
  },

  'repos/get-combined-status-for-ref': (ctx) => {
    const sha = resolveRef(ctx, ctx.params.ref!)
    if (!sha) return notFound()
    const latest = new Map<string, CommitStatus>()
    for (const status of ctx.state.statuses.filter((s) => s.sha === sha)) latest.set(status.context, status)
    const statuses = [...latest.values()]
    const state = statuses.some((s) => s.state === 'error' || s.state === 'failure')
      ? 'failure'
      : statuses.length === 0 || statuses.some((s) => s.state === 'pending')
        ? 'pending'
        : 'success'
    const { items, headers } = paginate(ctx, statuses)
    return {
      status: 200,
      headers,
      body: {
        state,
        sha,
        total_count: statuses.length,
        statuses: items.map((s) => {
          const full = statusJson(ctx, s)
          delete full.creator
          return { ...full, target_url: s.targetUrl, avatar_url: null, required: null }
        }),
        repository: ctx.sample('minimal-repository', {
          id: ctx.state.repoId,
          name: ctx.state.repo,
          full_name: ctx.state.fullName,
          owner: user(ctx, ctx.state.owner)
        }),
        commit_url: `${repoApi(ctx)}/commits/${sha}`,
        url: `${repoApi(ctx)}/commits/${sha}/status`
      }
    }
  },

  'repos/list-commit-statuses-for-ref': (ctx) => {
    const sha = resolveRef(ctx, ctx.params.ref!)
    const statuses = sha ? ctx.state.statuses.filter((s) => s.sha === sha).reverse() : []
    const { items, headers } = paginate(ctx, statuses)
    return { status: 200, headers, body: items.map((s) => statusJson(ctx, s)) }
  },

  'git/list-matching-refs': (ctx) => {
    const prefix = `refs/${ctx.params.ref}`
    const refs = [...ctx.state.refs.values()]
      .filter((ref) => ref.ref.startsWith(prefix))
      .sort((a, b) => a.ref.localeCompare(b.ref))
    return { status: 200, body: refs.map((ref) => refJson(ctx, ref.ref, ref.sha, ref.type)) }
  },

  'git/get-ref': (ctx) => {
    const ref = ctx.state.refs.get(`refs/${ctx.params.ref}`)
    return ref ? { status: 200, body: refJson(ctx, ref.ref, ref.sha, ref.type) } : notFound()
  },

  'git/get-tag': (ctx) => {
    const tag = ctx.state.tagObjects.get(ctx.params.tag_sha!)
    return tag ? { status: 200, body: tagJson(ctx, tag) } : notFound()
  },

  'git/create-tag': (ctx) => {
    const request = body(ctx) as {
      tag: string
      message: string
      object: string
      type: string
      tagger?: { name: string; email: string; date?: string }
    }
    if (request.type !== 'commit' || !ctx.state.commits.has(request.object))
      return error(422, 'Object does not exist')
    const tagger = {
      name: request.tagger?.name ?? ctx.state.tokenUser.login,
      email:
        request.tagger?.email ??
        `${ctx.state.tokenUser.id}+${ctx.state.tokenUser.login}@users.noreply.github.com`,
      date: request.tagger?.date ?? ctx.state.now()
    }
    const created = ctx.state.createTagObject(request.tag, request.message, request.object, tagger)
    return {
      status: 201,
      body: tagJson(ctx, created),
      headers: { location: `${repoApi(ctx)}/git/tags/${created.sha}` }
    }
  },

  'git/create-ref': (ctx) => {
    const request = body(ctx) as { ref: string; sha: string }
    if (!/^refs\/[^/]+\/.+/.test(request.ref)) return error(422, 'Reference name is not valid')
    if (ctx.state.refs.has(request.ref)) return error(422, 'Reference already exists')
    const type = ctx.state.tagObjects.has(request.sha)
      ? 'tag'
      : ctx.state.commits.has(request.sha)
        ? 'commit'
        : undefined
    if (!type) return error(422, 'Object does not exist')
    ctx.state.refs.set(request.ref, { ref: request.ref, sha: request.sha, type })
    return {
      status: 201,
      body: refJson(ctx, request.ref, request.sha, type),
      headers: { location: `${repoApi(ctx)}/git/${request.ref}` }
    }
  },

  'git/get-commit': (ctx) => {
    const commit = ctx.state.commits.get(ctx.params.commit_sha!)
    if (!commit) return notFound()
    const person = { name: 'Trainer', email: 'trainer@example.invalid', date: commit.date }
    return {
      status: 200,
      body: {
        sha: commit.sha,
        node_id: `C_${commit.sha.slice(0, 12)}`,
        url: `${repoApi(ctx)}/git/commits/${commit.sha}`,
        html_url: `${repoHtml(ctx)}/commit/${commit.sha}`,
        author: person,
        committer: person,
        message: commit.message,
        tree: {
          sha: commit.sha.split('').reverse().join(''),
          url: `${repoApi(ctx)}/git/trees/${commit.sha}`
        },
        parents: commit.parents.map((sha) => ({
          sha,
          url: `${repoApi(ctx)}/git/commits/${sha}`,
          html_url: `${repoHtml(ctx)}/commit/${sha}`
        })),
        verification: {
          verified: false,
          reason: 'unsigned',
          signature: null,
          payload: null,
          verified_at: null
        }
      }
    }
  },

  'repos/get-commit': (ctx) => {
    const sha = resolveRef(ctx, ctx.params.ref!)
    if (!sha) return error(422, `No commit found for SHA: ${ctx.params.ref}`)
    const accept = String(ctx.headers.accept ?? '')
    if (/vnd\.github(\.v3)?\.sha/.test(accept)) return { status: 200, text: sha }
    const commit = ctx.state.commits.get(sha)!
    const person = { name: 'Trainer', email: 'trainer@example.invalid', date: commit.date }
    return {
      status: 200,
      body: ctx.sample('commit', {
        sha,
        url: `${repoApi(ctx)}/commits/${sha}`,
        html_url: `${repoHtml(ctx)}/commit/${sha}`,
        commit: {
          url: `${repoApi(ctx)}/git/commits/${sha}`,
          author: person,
          committer: person,
          message: commit.message,
          comment_count: 0,
          tree: { sha: sha.split('').reverse().join(''), url: `${repoApi(ctx)}/git/trees/${sha}` }
        },
        author: null,
        committer: null,
        parents: commit.parents.map((p) => ({ sha: p, url: `${repoApi(ctx)}/commits/${p}` })),
        files: []
      })
    }
  },

  'repos/list-releases': (ctx) => {
    const releases = [...ctx.state.releases].sort((a, b) => b.id - a.id)
    const { items, headers } = paginate(ctx, releases)
    return { status: 200, headers, body: items.map((r) => releaseJson(ctx, r)) }
  },

  'repos/get-release': (ctx) => {
    const release = findRelease(ctx)
    return release ? { status: 200, body: releaseJson(ctx, release) } : notFound()
  },

  'repos/get-release-by-tag': (ctx) => {
    // GitHub: "Get a published release with the specified tag name"; drafts are invisible here.
    const release = ctx.state.releases.find((r) => r.tagName === ctx.params.tag && !r.draft)
    return release ? { status: 200, body: releaseJson(ctx, release) } : notFound()
  },

  'repos/create-release': (ctx) => {
    const request = body(ctx) as {
      tag_name: string
      target_commitish?: string
      name?: string
      body?: string
      draft?: boolean
      prerelease?: boolean
    }
    // GitHub refuses a second PUBLISHED release of a tag; drafts are not bound to their tag yet,
    // so any number of drafts may name it (the duplicate a blind retry would leave behind).
    if (!request.draft && ctx.state.releases.some((r) => r.tagName === request.tag_name && !r.draft))
      return error(422, 'Validation Failed', [
        { resource: 'Release', code: 'already_exists', field: 'tag_name' }
      ])
    const tagExists = ctx.state.refs.has(`refs/tags/${request.tag_name}`)
    const target = request.target_commitish ?? 'main'
    if (!tagExists && !request.draft) {
      const sha = resolveRef(ctx, target)
      if (!sha)
        return error(422, 'Validation Failed', [
          { resource: 'Release', code: 'invalid', field: 'target_commitish' }
        ])
      ctx.state.refs.set(`refs/tags/${request.tag_name}`, {
        ref: `refs/tags/${request.tag_name}`,
        sha,
        type: 'commit'
      })
    }
    const now = ctx.state.now()
    const release: Release = {
      id: ctx.state.id(),
      tagName: request.tag_name,
      targetCommitish: target,
      name: request.name ?? null,
      body: request.body ?? null,
      draft: request.draft ?? false,
      prerelease: request.prerelease ?? false,
      createdAt: now,
      publishedAt: request.draft ? null : now,
      updatedAt: now,
      immutable: !request.draft && ctx.state.immutableReleases,
      assets: [],
      author: ctx.state.tokenUser
    }
    ctx.state.releases.push(release)
    return {
      status: 201,
      body: releaseJson(ctx, release),
      headers: { location: `${repoApi(ctx)}/releases/${release.id}` }
    }
  },

  'repos/update-release': (ctx) => {
    const release = findRelease(ctx)
    if (!release) return notFound()
    const request = body(ctx) as {
      tag_name?: string
      name?: string
      body?: string
      draft?: boolean
      prerelease?: boolean
    }
    if (release.immutable && request.tag_name !== undefined && request.tag_name !== release.tagName)
      return error(422, 'Cannot change the tag of an immutable release')
    if (request.name !== undefined) release.name = request.name
    if (request.body !== undefined) release.body = request.body
    if (request.prerelease !== undefined) release.prerelease = request.prerelease
    if (request.draft === false && release.draft) {
      if (ctx.state.releases.some((r) => r !== release && r.tagName === release.tagName && !r.draft))
        return error(422, 'Validation Failed', [
          { resource: 'Release', code: 'already_exists', field: 'tag_name' }
        ])
      release.draft = false
      release.publishedAt = ctx.state.now()
      release.immutable = ctx.state.immutableReleases
      if (!ctx.state.refs.has(`refs/tags/${release.tagName}`)) {
        const sha = resolveRef(ctx, release.targetCommitish)
        if (sha)
          ctx.state.refs.set(`refs/tags/${release.tagName}`, {
            ref: `refs/tags/${release.tagName}`,
            sha,
            type: 'commit'
          })
      }
    } else if (request.draft === true && !release.draft) {
      if (release.immutable) return error(422, 'Cannot unpublish an immutable release')
      release.draft = true
      release.publishedAt = null
    }
    release.updatedAt = ctx.state.now()
    return { status: 200, body: releaseJson(ctx, release) }
  },

  'repos/list-release-assets': (ctx) => {
    const release = findRelease(ctx)
    if (!release) return notFound()
    const { items, headers } = paginate(ctx, release.assets)
    return { status: 200, headers, body: items.map((a) => assetJson(ctx, release, a)) }
  },

  'repos/get-release-asset': (ctx) => {
    const found = findAsset(ctx)
    if (!found) return notFound()
    // `Accept: application/octet-stream` asks for the bytes (GitHub redirects to storage; the
    // simulator answers them directly).
    if (/application\/octet-stream/.test(String(ctx.headers.accept ?? '')))
      return { status: 200, text: found.asset.bytes.toString('utf8') }
    return { status: 200, body: assetJson(ctx, found.release, found.asset) }
  },

  'users/get-authenticated': (ctx) =>
    ctx.state.tokenKind === 'installation'
      ? error(403, 'Resource not accessible by integration')
      : {
          status: 200,
          body: ctx.sample('public-user', {
            ...user(ctx, ctx.state.tokenUser.login, ctx.state.tokenUser.id),
            user_view_type: 'public'
          })
        },

  'repos/delete-release-asset': (ctx) => {
    const found = findAsset(ctx)
    if (!found) return notFound()
    if (found.release.immutable) return error(422, 'Cannot delete an asset of an immutable release')
    found.release.assets = found.release.assets.filter((a) => a !== found.asset)
    return { status: 204 }
  },

  'repos/upload-release-asset': (ctx) => {
    const release = findRelease(ctx)
    if (!release) return notFound()
    const name = ctx.query.get('name')!
    if (release.immutable) return error(422, 'Cannot upload assets to an immutable release')
    if (release.assets.some((a) => a.name === name))
      return error(422, 'Validation Failed', [
        { resource: 'ReleaseAsset', code: 'already_exists', field: 'name' }
      ])
    const contentType = String(ctx.headers['content-type'] ?? '')
    if (!contentType) return error(422, 'Content-Type header is required')
    const asset: Asset = {
      id: ctx.state.id(),
      name,
      label: ctx.query.get('label'),
      contentType,
      bytes: ctx.raw,
      createdAt: ctx.state.now()
    }
    release.assets.push(asset)
    return { status: 201, body: assetJson(ctx, release, asset) }
  },

  'repos/create-attestation': (ctx) => {
    if (!ctx.state.attestationsWritable) return error(403, 'Resource not accessible by integration')
    const bundle = body(ctx).bundle as { dsseEnvelope?: unknown; messageSignature?: unknown } | undefined
    if (!bundle || (bundle.dsseEnvelope === undefined && bundle.messageSignature === undefined))
      return error(422, 'Validation Failed: bundle has no content')
    const id = ctx.state.id()
    ctx.state.attestations.push({ id, bundle })
    return { status: 201, body: { id } }
  },

  'repos/create-commit-status': (ctx) => {
    const request = body(ctx) as {
      state: CommitStatus['state']
      target_url?: string | null
      description?: string | null
      context?: string
    }
    if (!ctx.state.commits.has(ctx.params.sha!))
      return error(422, `No commit found for SHA: ${ctx.params.sha}`)
    if (request.description && [...request.description].length > 140)
      return error(422, 'Validation Failed', [
        {
          resource: 'Status',
          code: 'custom',
          field: 'description',
          message: 'description is too long (maximum is 140 characters)'
        }
      ])
    const status = ctx.state.addStatus(
      ctx.params.sha!,
      request.context ?? 'default',
      request.state,
      request.description ?? null
    )
    status.targetUrl = request.target_url ?? null
    return {
      status: 201,
      body: statusJson(ctx, status),
      headers: { location: `${repoApi(ctx)}/statuses/${status.sha}` }
    }
  }
}

/** Fills a schema's required fields with plausible values, recursively; overrides win. */
export function sampleFromSchema(
  resolve: (schema: Schema) => Schema,
  schema: Schema,
  base: string,
  overrides: Record<string, unknown> = {},
  depth = 0
): Record<string, unknown> {
  const resolved = resolve(schema)
  const properties = (resolved.properties ?? {}) as Record<string, Schema>
  const out: Record<string, unknown> = {}
  for (const name of (resolved.required ?? []) as string[]) {
    if (name in overrides) continue
    const property = resolve(properties[name] ?? {})
    out[name] = sampleValue(resolve, property, name, base, depth)
  }
  return { ...out, ...overrides }
}

function sampleValue(
  resolve: (schema: Schema) => Schema,
  schema: Schema,
  name: string,
  base: string,
  depth: number
): unknown {
  const first = (schema.anyOf ?? schema.oneOf ?? schema.allOf) as Schema[] | undefined
  if (first) return sampleValue(resolve, resolve(first[0]!), name, base, depth)
  if (schema.nullable) return null
  if (Array.isArray(schema.enum)) return schema.enum[0]
  switch (schema.type) {
    case 'string':
      if (schema.format === 'date-time' || name.endsWith('_at')) return '2026-01-01T00:00:00Z'
      if (schema.format === 'uri' || name.endsWith('url')) return `${base}/sample/${name}`
      return name
    case 'integer':
    case 'number':
      return 1
    case 'boolean':
      return false
    case 'array':
      return []
    case 'object':
      return depth > 6 ? {} : sampleFromSchema(resolve, schema, base, {}, depth + 1)
    default:
      return null
  }
}
