import { RegistryError } from '../errors.js'
import { counterClaimRef } from './claims.js'
import type { CreateTagRequest, RawTag, RegistryBackend } from './types.js'

/**
 * A registry held in memory, with the same write semantics as the git and GitHub backends: a tag
 * name is created once, a model's counter is claimed once (`claims.ts`), the message is kept
 * verbatim, the tagger date comes from the injected clock. For tests of the promote and rollback
 * flows and for library users who want to dry-run a lifecycle without a repository.
 */
export class MemoryRegistry implements RegistryBackend {
  readonly description: string
  private readonly tags = new Map<string, RawTag>()
  private readonly claims = new Set<string>()

  /**
   * @param revisions revision → commit sha; `HEAD` must be among them for `resolveCommit()`.
   * @param now the clock for tagger dates.
   */
  constructor(
    private readonly revisions: Readonly<Record<string, string>>,
    private readonly now: () => Date = () => new Date(),
    private readonly tagger = { name: 'modelgate', email: 'modelgate@example.invalid' }
  ) {
    this.description = 'memory'
  }

  async listTags(prefixes?: readonly string[]): Promise<RawTag[]> {
    const all = [...this.tags.values()]
    const wanted = prefixes ? all.filter((tag) => prefixes.some((p) => tag.name.startsWith(p))) : all
    return wanted.map((tag) => ({ ...tag, ...(tag.tagger && { tagger: { ...tag.tagger } }) }))
  }

  async createTag(request: CreateTagRequest): Promise<boolean> {
    const claim = counterClaimRef(request.name)
    if (this.tags.has(request.name) || (claim && this.claims.has(claim))) return false
    if (claim) this.claims.add(claim)
    // Git keeps tagger dates to the second; so does this backend, so ordering behaves the same.
    const date =
      request.tagger?.date ?? new Date(Math.floor(this.now().getTime() / 1000) * 1000).toISOString()
    this.tags.set(request.name, {
      name: request.name,
      commit: request.commit,
      message: request.message,
      tagger: {
        name: request.tagger?.name ?? this.tagger.name,
        email: request.tagger?.email ?? this.tagger.email,
        date
      }
    })
    return true
  }

  /** All or none: every name and counter claim is checked before any tag is written. */
  async createTags(requests: readonly CreateTagRequest[]): Promise<boolean> {
    const names = new Set<string>()
    const claims = new Set<string>()
    for (const request of requests) {
      const claim = counterClaimRef(request.name)
      if (this.tags.has(request.name) || names.has(request.name)) return false
      if (claim && (this.claims.has(claim) || claims.has(claim))) return false
      names.add(request.name)
      if (claim) claims.add(claim)
    }
    for (const request of requests) await this.createTag(request)
    return true
  }

  /** Adds a tag as another tool would have written it (GTO, or a lightweight `git tag`). */
  seed(tag: RawTag): void {
    this.tags.set(tag.name, tag)
  }

  async resolveCommit(revision = 'HEAD'): Promise<string> {
    const sha = this.revisions[revision] ?? Object.values(this.revisions).find((s) => s.startsWith(revision))
    if (!sha) throw new RegistryError(`no commit "${revision}" in the registry`, { file: this.description })
    return sha
  }
}
