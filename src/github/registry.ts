import { RegistryError } from '../errors.js'
import type { CreateTagRequest, RawTag, RegistryBackend } from '../registry/types.js'
import { githubError, statusOf, type GitHubClient } from './client.js'

/**
 * The GTO registry over GitHub's git data API: the same annotated tags the CLI writes locally.
 * A tag is created as a tag object (`POST /git/tags`) and then a ref (`POST /git/refs`); the ref
 * is the atomic step, and 422 "Reference already exists" means another writer took that counter.
 *
 * Reads cost one `matching-refs` call per run: the listing is kept and amended with this run's
 * own writes (whose tag objects GitHub returns, tagger date included), and dropped when a write
 * loses a race so the next read sees the winner. Tag objects are content-addressed, so each is
 * fetched once.
 */
export class GitHubRegistry implements RegistryBackend {
  readonly description: string
  private listing?: Promise<RawTag[]>
  private listedPrefix?: string
  private readonly objects = new Map<string, Promise<RawTag | undefined>>()

  constructor(
    private readonly client: GitHubClient,
    private readonly owner: string,
    private readonly repo: string,
    private readonly tagger: { name: string; email: string },
    private readonly now: () => Date = () => new Date()
  ) {
    this.description = `${owner}/${repo}`
  }

  async listTags(prefixes?: readonly string[]): Promise<RawTag[]> {
    const prefix = commonPrefix(prefixes ?? [''])
    if (!this.listing || this.listedPrefix === undefined || !prefix.startsWith(this.listedPrefix)) {
      this.listedPrefix = prefix
      this.listing = this.fetchTags(prefix)
      this.listing.catch(() => {
        this.listing = undefined
      })
    }
    const tags = await this.listing
    return tags.filter((tag) => !prefixes || prefixes.some((p) => tag.name.startsWith(p)))
  }

  private async fetchTags(prefix: string): Promise<RawTag[]> {
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
    const tags = await mapLimited(refs, 8, async (ref) => {
      const name = ref.ref.replace(/^refs\/tags\//, '')
      if (ref.object.type === 'commit') return { name, commit: ref.object.sha, message: '' }
      if (ref.object.type !== 'tag') return undefined
      const object = await this.tagObject(ref.object.sha)
      return object && { ...object, name }
    })
    return tags.filter((tag): tag is RawTag => tag !== undefined)
  }

  private tagObject(sha: string): Promise<RawTag | undefined> {
    let found = this.objects.get(sha)
    if (!found) {
      found = (async () => {
        try {
          const { data } = await this.client.git.getTag({ owner: this.owner, repo: this.repo, tag_sha: sha })
          // A tag of a tag is legal git; GTO and modelgate only write tags of commits.
          if (data.object.type !== 'commit') return undefined
          return {
            name: data.tag,
            commit: data.object.sha,
            message: data.message,
            tagger: { name: data.tagger.name, email: data.tagger.email, date: data.tagger.date }
          }
        } catch (error) {
          throw githubError(`reading tag object ${sha.slice(0, 12)}`, 'tags', error)
        }
      })()
      this.objects.set(sha, found)
      found.catch(() => this.objects.delete(sha))
    }
    return found
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
    this.objects.set(object.sha, Promise.resolve(created))
    if (this.listing && request.name.startsWith(this.listedPrefix ?? '')) {
      const listing = this.listing
      this.listing = listing.then((tags) => [...tags.filter((t) => t.name !== request.name), created])
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

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await fn(items[index]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
