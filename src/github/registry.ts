import { RegistryError } from '../errors.js'
import type { CreateTagRequest, RawTag, RegistryBackend } from '../registry/types.js'
import { FIRST_DEPTH, tagsStillNeeded, tagsToRead, type TagQuestion } from '../registry/window.js'
import { githubError, statusOf, type GitHubClient } from './client.js'
import { readTagObjects, TAG_OBJECTS_PER_QUERY } from './tag-objects.js'

interface ListedRef {
  name: string
  type: string
  sha: string
}

/** Stage windows deepen by this factor per pass when the first one does not reach far enough. */
const DEEPEN = 4

/**
 * The GTO registry over GitHub's git data API: the same annotated tags the CLI writes locally.
 * A tag is created as a tag object (`POST /git/tags`) and then a ref (`POST /git/refs`); the ref
 * is the atomic step, and 422 "Reference already exists" means another writer took that counter.
 *
 * Reads cost the same at any history length: one `matching-refs` call per run lists every tag
 * NAME of the model (unpaginated), and one GraphQL query reads the tag objects a `TagQuestion`
 * needs (up to 100 per query, `tag-objects.ts`): the stage windows and the registrations that
 * map their commits to versions (`registry/window.ts`). Without a question (history) every tag
 * object is read, 100 per query. The listing is kept and amended with this run's own writes
 * (whose tag objects GitHub returns, tagger date included), and dropped when a write loses a race
 * so the next read sees the winner. Tag objects are content-addressed, so each is read once.
 */
export class GitHubRegistry implements RegistryBackend {
  readonly description: string
  private listing?: Promise<ListedRef[]>
  private listedPrefix?: string
  /** Tag object sha → the tag it holds (undefined: not a tag of a commit). */
  private readonly objects = new Map<string, RawTag | undefined>()

  constructor(
    private readonly client: GitHubClient,
    private readonly owner: string,
    private readonly repo: string,
    private readonly tagger: { name: string; email: string },
    private readonly now: () => Date = () => new Date()
  ) {
    this.description = `${owner}/${repo}`
  }

  async listTags(prefixes?: readonly string[], question?: TagQuestion): Promise<RawTag[]> {
    const refs = (await this.refs(prefixes)).filter(
      (ref) => !prefixes || prefixes.some((p) => ref.name.startsWith(p))
    )
    if (!question) {
      await this.read(refs)
      return this.assemble(refs)
    }
    const byName = new Map(refs.map((ref) => [ref.name, ref]))
    const pick = (names: Iterable<string>): ListedRef[] =>
      [...names].map((name) => byName.get(name)).filter((ref): ref is ListedRef => ref !== undefined)
    let depth = FIRST_DEPTH
    await this.read(pick(tagsToRead([...byName.keys()], question, depth)))
    // Each pass reads what the previous one showed missing; a pass that finds nothing ends it.
    for (;;) {
      const tags = this.assemble(refs)
      const still = tagsStillNeeded(tags, question, depth)
      if (still.deeper) {
        depth *= DEEPEN
        for (const name of tagsToRead([...byName.keys()], { ...question, versions: [], latest: 0 }, depth))
          still.names.add(name)
      }
      const next = pick(still.names).filter((ref) => ref.type === 'tag' && !this.objects.has(ref.sha))
      if (next.length === 0) return tags
      await this.read(next)
    }
  }

  /** The model's refs under the common prefix: one `matching-refs` call, kept for the run. */
  private refs(prefixes?: readonly string[]): Promise<ListedRef[]> {
    const prefix = commonPrefix(prefixes ?? [''])
    if (!this.listing || this.listedPrefix === undefined || !prefix.startsWith(this.listedPrefix)) {
      this.listedPrefix = prefix
      this.listing = this.fetchRefs(prefix)
      this.listing.catch(() => {
        this.listing = undefined
      })
    }
    return this.listing
  }

  private async fetchRefs(prefix: string): Promise<ListedRef[]> {
    let refs: Array<{ ref: string; object: { sha: string; type: string } }>
    try {
      // matching-refs is not paginated: it answers every ref under the prefix at once.
      const response = await this.client.git.listMatchingRefs({
        owner: this.owner,
        repo: this.repo,
        ref: `tags/${prefix}`
      })
      refs = response.data
    } catch (error) {
      throw githubError(`reading the registry tags (tags/${prefix}*) of ${this.description}`, 'tags', error)
    }
    const listed: ListedRef[] = []
    for (const ref of refs) {
      if (typeof ref?.ref !== 'string' || !ref.ref.startsWith('refs/tags/')) continue
      // Object ids go into GraphQL variables: only what a git sha looks like.
      if (typeof ref.object?.sha !== 'string' || !/^[0-9a-f]{40}$/.test(ref.object.sha)) continue
      listed.push({ name: ref.ref.slice('refs/tags/'.length), type: ref.object.type, sha: ref.object.sha })
    }
    return listed
  }

  /** Reads the tag objects not read yet, 100 per GraphQL query. */
  private async read(refs: readonly ListedRef[]): Promise<void> {
    const wanted = [
      ...new Set(refs.filter((r) => r.type === 'tag' && !this.objects.has(r.sha)).map((r) => r.sha))
    ]
    for (let i = 0; i < wanted.length; i += TAG_OBJECTS_PER_QUERY) {
      const batch = wanted.slice(i, i + TAG_OBJECTS_PER_QUERY)
      let read: Awaited<ReturnType<typeof readTagObjects>>
      try {
        read = await readTagObjects(this.client, { owner: this.owner, repo: this.repo }, batch)
      } catch (error) {
        throw githubError(
          `reading ${batch.length} registry tag objects of ${this.description}`,
          'tags',
          error
        )
      }
      for (const sha of batch) this.objects.set(sha, read.get(sha))
    }
  }

  /** Lightweight refs as they are, read tag objects in full, the rest listed `unread`. */
  private assemble(refs: readonly ListedRef[]): RawTag[] {
    const tags: RawTag[] = []
    for (const ref of refs) {
      if (ref.type === 'commit') {
        tags.push({ name: ref.name, commit: ref.sha, message: '' })
        continue
      }
      if (ref.type !== 'tag') continue
      if (!this.objects.has(ref.sha)) {
        tags.push({ name: ref.name, commit: '', message: '', unread: true })
        continue
      }
      const object = this.objects.get(ref.sha)
      // A tag of a tag is legal git; GTO and modelgate only write tags of commits.
      if (object) tags.push({ ...object, name: ref.name })
    }
    return tags
  }

  async createTag(request: CreateTagRequest): Promise<boolean> {
    const tagger = {
      name: request.tagger?.name ?? this.tagger.name,
      email: request.tagger?.email ?? this.tagger.email,
      date:
        request.tagger?.date ??
        this.now()
          .toISOString()
          .replace(/\.\d{3}Z$/, 'Z')
    }
    let object: { sha: string; tagger: { name: string; email: string; date: string } }
    try {
      const { data } = await this.client.git.createTag({
        owner: this.owner,
        repo: this.repo,
        tag: request.name,
        message: request.message,
        object: request.commit,
        type: 'commit',
        tagger
      })
      object = data
    } catch (error) {
      throw githubError(`creating tag object ${request.name}`, 'tags', error)
    }
    try {
      await this.client.git.createRef({
        owner: this.owner,
        repo: this.repo,
        ref: `refs/tags/${request.name}`,
        sha: object.sha
      })
    } catch (error) {
      if (statusOf(error) === 422 && /already exists/i.test(String((error as Error).message))) {
        // A retried request whose first try succeeded (a 502 after the write) finds its own ref:
        // that is success, not a lost race, or the caller would write the assignment twice.
        if (await this.refPointsAt(request.name, object.sha)) return this.remember(request, object)
        // Someone else holds this name: forget the listing so the caller's re-read sees them.
        this.listing = undefined
        return false
      }
      throw githubError(`creating ref refs/tags/${request.name}`, 'tags', error)
    }
    return this.remember(request, object)
  }

  private async refPointsAt(name: string, sha: string): Promise<boolean> {
    try {
      const { data } = await this.client.git.getRef({
        owner: this.owner,
        repo: this.repo,
        ref: `tags/${name}`
      })
      return data.object.sha === sha
    } catch (error) {
      throw githubError(`reading ref refs/tags/${name}`, 'tags', error)
    }
  }

  /** Adds this run's own write to the kept listing, with the tagger GitHub recorded. */
  private remember(
    request: CreateTagRequest,
    object: { sha: string; tagger: { name: string; email: string; date: string } }
  ): true {
    const created: RawTag = {
      name: request.name,
      commit: request.commit,
      message: request.message,
      tagger: object.tagger
    }
    this.objects.set(object.sha, created)
    if (this.listing && request.name.startsWith(this.listedPrefix ?? '')) {
      const listing = this.listing
      const ref: ListedRef = { name: request.name, type: 'tag', sha: object.sha }
      this.listing = listing.then((refs) => [...refs.filter((r) => r.name !== request.name), ref])
    }
    return true
  }

  async resolveCommit(revision = 'HEAD'): Promise<string> {
    if (revision === 'HEAD')
      throw new RegistryError('the GitHub registry needs an explicit commit (GITHUB_SHA)')
    try {
      const response = await this.client.repos.getCommit({
        owner: this.owner,
        repo: this.repo,
        ref: revision,
        mediaType: { format: 'sha' }
      })
      // Octokit hands back text or, for a content type it does not know, an ArrayBuffer.
      const data = response.data as unknown
      const sha = (
        data instanceof ArrayBuffer || ArrayBuffer.isView(data)
          ? Buffer.from(data as ArrayBuffer).toString('utf8')
          : String(data)
      ).trim()
      if (!/^[0-9a-f]{40}$/.test(sha)) throw new Error(`unexpected answer "${sha.slice(0, 60)}"`)
      return sha
    } catch (error) {
      throw githubError(`resolving commit ${revision}`, 'tags', error)
    }
  }
}

function commonPrefix(values: readonly string[]): string {
  if (values.length === 0) return ''
  let prefix = values[0]!
  for (const value of values) while (!value.startsWith(prefix)) prefix = prefix.slice(0, -1)
  return prefix
}
