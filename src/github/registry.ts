import { GitHubError, isModelgateError, RegistryError } from '../errors.js'
import type { CreateTagRequest, RawTag, RegistryBackend, TagQuestion } from '../registry/types.js'
import { FIRST_DEPTH, tagsStillNeeded, tagsToRead } from '../registry/window.js'
import { githubError, statusOf, type GitHubClient } from './client.js'
import {
  graphqlErrors,
  readTagObjectsWith,
  TAG_OBJECTS_PER_QUERY,
  type QueryRider,
  type TagObjectsAnswer
} from './tag-objects.js'

interface TagObject {
  sha: string
  tagger: { name: string; email: string; date: string }
}

/** Creates refs, all or none (GitHub's GraphQL `updateRefs`); the refs travel as variables. */
const UPDATE_REFS = `mutation modelgateRegistryRefs($input: UpdateRefsInput!) {
  updateRefs(input: $input) { clientMutationId }
}`

interface ListedRef {
  name: string
  type: string
  sha: string
}

/** A rider waiting for its query, and its answer once it went. */
interface RiderSeat<T> {
  rider: QueryRider<T>
  answer?: { value: T }
}

/** `beforeOid` for a ref that must not exist yet. */
const NO_REF = '0'.repeat(40)

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
  /** The repository's GraphQL node id, from the first query (`updateRefs` names it so). */
  private repositoryId?: string

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
    return this.list(prefixes, question)
  }

  /**
   * `listTags`, with another read carried in the first tag-object query (`QueryRider`): the
   * policy file costs no request of its own. When no tag object needs reading, the rider goes
   * alone, in one query.
   */
  async listTagsWith<T>(
    rider: QueryRider<T>,
    prefixes: readonly string[],
    question: TagQuestion
  ): Promise<{ tags: RawTag[]; ridden: T }> {
    const seat: RiderSeat<T> = { rider }
    const tags = await this.list(prefixes, question, seat)
    if (!seat.answer) await this.read([], seat)
    return { tags, ridden: seat.answer!.value }
  }

  private async list(
    prefixes: readonly string[] | undefined,
    question: TagQuestion | undefined,
    seat?: RiderSeat<unknown>
  ): Promise<RawTag[]> {
    const refs = (await this.refs(prefixes)).filter(
      (ref) => !prefixes || prefixes.some((p) => ref.name.startsWith(p))
    )
    if (!question) {
      await this.read(refs, seat)
      return this.assemble(refs)
    }
    const byName = new Map(refs.map((ref) => [ref.name, ref]))
    const pick = (names: Iterable<string>): ListedRef[] =>
      [...names].map((name) => byName.get(name)).filter((ref): ref is ListedRef => ref !== undefined)
    let depth = FIRST_DEPTH
    await this.read(pick(tagsToRead([...byName.keys()], question, depth)), seat)
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

  /**
   * Reads the tag objects not read yet, 100 per GraphQL query; a rider not yet answered takes its
   * seat in the first query (and a query of its own when there is nothing else to read).
   */
  private async read(refs: readonly ListedRef[], seat?: RiderSeat<unknown>): Promise<void> {
    const wanted = [
      ...new Set(refs.filter((r) => r.type === 'tag' && !this.objects.has(r.sha)).map((r) => r.sha))
    ]
    let rider = seat && !seat.answer ? seat.rider : undefined
    for (let i = 0; i < wanted.length || rider;) {
      const size = TAG_OBJECTS_PER_QUERY - (rider?.objects ?? 0)
      const batch = wanted.slice(i, i + size)
      i += batch.length
      let read: TagObjectsAnswer<unknown>
      try {
        read = await readTagObjectsWith(this.client, { owner: this.owner, repo: this.repo }, batch, rider)
      } catch (error) {
        throw githubError(
          `reading ${rider ? `${rider.description} and ` : ''}${batch.length} registry tag objects of ${this.description}`,
          'tags',
          error
        )
      }
      this.repositoryId = read.repositoryId
      if (rider) {
        seat!.answer = { value: read.ridden }
        rider = undefined
      }
      for (const sha of batch) this.objects.set(sha, read.tags.get(sha))
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

  /**
   * Several tags, all or none: their tag objects (one `POST /git/tags` each; an object no ref
   * points at is inert), then every ref in one GraphQL `updateRefs` mutation, which GitHub applies
   * atomically, each ref required not to exist yet. When the mutation fails or its answer is lost,
   * the refs as they stand decide: all ours is success (a retry after a write that landed), a name
   * held by someone else is a lost race (nothing of ours was written: the caller takes the next
   * counters), none at all is the failure it reported.
   */
  async createTags(requests: readonly CreateTagRequest[]): Promise<boolean> {
    if (requests.length === 0) return true
    if (requests.length === 1) return this.createTag(requests[0]!)
    const objects: TagObject[] = []
    for (const request of requests) objects.push(await this.createTagObject(request))
    const names = requests.map((r) => r.name).join(', ')
    const repositoryId = await this.nodeId()
    try {
      await this.client.graphql(UPDATE_REFS, {
        input: {
          repositoryId,
          refUpdates: requests.map((request, i) => ({
            name: `refs/tags/${request.name}`,
            beforeOid: NO_REF,
            afterOid: objects[i]!.sha
          }))
        }
      })
    } catch (error) {
      const failure = graphqlErrors(error) ?? error
      let listed: ListedRef[]
      try {
        listed = await this.fetchRefs(commonPrefix(requests.map((r) => r.name)))
      } catch (readError) {
        const detail = isModelgateError(readError) ? readError.message : String(readError)
        throw new GitHubError(
          `creating refs for tags ${names} did not answer clearly, and reading them back: ${detail}. Re-run this job: it finds what was written`,
          statusOf(readError) ?? (readError as { status?: number }).status
        )
      }
      const standing = new Map(listed.map((r) => [r.name, r.sha]))
      const ours = requests.map((request, i) => standing.get(request.name) === objects[i]!.sha)
      const taken = requests.filter((request, i) => standing.has(request.name) && !ours[i])
      if (ours.every(Boolean)) {
        requests.forEach((request, i) => this.remember(request, objects[i]!))
        return true
      }
      if (ours.some(Boolean))
        // GitHub applies updateRefs all or none; a partial result is nothing to build on.
        throw new GitHubError(
          `creating tags ${names} left only some of them (${requests
            .filter((_, i) => ours[i])
            .map((r) => r.name)
            .join(', ')}); delete them and re-run`
        )
      if (taken.length > 0) {
        // Someone else holds a name: forget the listing so the caller's re-read sees them.
        this.listing = undefined
        return false
      }
      throw githubError(`creating refs for tags ${names}`, 'tags', failure)
    }
    requests.forEach((request, i) => this.remember(request, objects[i]!))
    return true
  }

  /** The repository's GraphQL node id: known from the first tag-object query, else asked for. */
  private async nodeId(): Promise<string> {
    if (this.repositoryId) return this.repositoryId
    let read: TagObjectsAnswer<unknown>
    try {
      read = await readTagObjectsWith(this.client, { owner: this.owner, repo: this.repo }, [])
    } catch (error) {
      throw githubError(`reading the GraphQL id of ${this.description}`, 'tags', error)
    }
    this.repositoryId = read.repositoryId
    return read.repositoryId
  }

  private async createTagObject(request: CreateTagRequest): Promise<TagObject> {
    const tagger = {
      name: request.tagger?.name ?? this.tagger.name,
      email: request.tagger?.email ?? this.tagger.email,
      date:
        request.tagger?.date ??
        this.now()
          .toISOString()
          .replace(/\.\d{3}Z$/, 'Z')
    }
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
      return data
    } catch (error) {
      throw githubError(`creating tag object ${request.name}`, 'tags', error)
    }
  }

  async createTag(request: CreateTagRequest): Promise<boolean> {
    const object = await this.createTagObject(request)
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
  private remember(request: CreateTagRequest, object: TagObject): true {
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
