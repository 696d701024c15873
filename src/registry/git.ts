import { execFile } from 'node:child_process'
import { RegistryError } from '../errors.js'
import { counterClaimRef } from './claims.js'
import type { CreateTagRequest, RawTag, RegistryBackend } from './types.js'

const FIELD = '\u0000'
const RECORD_END = '\u0000\u001e'
// One process reads every tag: name, peeled commit, tagger and the whole message.
const FORMAT =
  [
    '%(refname:strip=2)',
    '%(objecttype)',
    '%(objectname)',
    '%(*objectname)',
    '%(taggername)',
    '%(taggeremail:trim)',
    '%(taggerdate:iso-strict)',
    '%(contents)'
  ].join('%00') + '%00%1e'

const firstLine = (text: string): string => text.trim().split('\n')[0] || 'git failed'

interface GitResult {
  stdout: string
  stderr: string
  code: number
}

/** The local git repository as a registry (the CLI's embedded default). */
export class GitRegistry implements RegistryBackend {
  readonly description: string

  constructor(
    private readonly dir: string,
    private readonly identity?: { name: string; email: string }
  ) {
    this.description = dir
  }

  private git(args: string[], input?: string, date?: string): Promise<GitResult> {
    return new Promise((resolve, reject) => {
      const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' }
      if (this.identity) {
        env.GIT_COMMITTER_NAME = this.identity.name
        env.GIT_COMMITTER_EMAIL = this.identity.email
      }
      if (date) env.GIT_COMMITTER_DATE = date
      const child = execFile(
        'git',
        args,
        { cwd: this.dir, env, maxBuffer: 1 << 30 },
        (error, stdout, stderr) => {
          if (error && typeof (error as NodeJS.ErrnoException).code === 'string') {
            reject(
              new RegistryError(`cannot run git: ${(error as NodeJS.ErrnoException).code}`, {
                file: this.dir
              })
            )
            return
          }
          resolve({ stdout, stderr, code: error ? Number((error as { code?: number }).code ?? 1) : 0 })
        }
      )
      if (input !== undefined) child.stdin?.end(input)
    })
  }

  private async gitOk(args: string[], what: string, input?: string): Promise<string> {
    const result = await this.git(args, input)
    if (result.code !== 0) {
      throw new RegistryError(
        `${what} failed: ${result.stderr.trim().split('\n')[0] || `git exited ${result.code}`}`,
        { file: this.dir }
      )
    }
    return result.stdout
  }

  async listTags(prefixes?: readonly string[]): Promise<RawTag[]> {
    // Prefix patterns let git skip other models' tags. for-each-ref's `*` stops at "/", and GTO's
    // names may hold "/" (`team/churn`, stage `prod/eu`), so each prefix also gets `*/**`. Without
    // prefixes (or with glob characters in one) every tag is read and filtered here; never other
    // refs: a branch or a counter claim is not a tag.
    const patterns =
      prefixes && prefixes.every((p) => !/[*?[\]\\]/.test(p))
        ? prefixes.flatMap((p) => [`refs/tags/${p}*`, `refs/tags/${p}*/**`])
        : ['refs/tags']
    const out = await this.gitOk(['for-each-ref', `--format=${FORMAT}`, ...patterns], 'reading tags')
    const tags: RawTag[] = []
    for (const chunk of out.split(`${RECORD_END}\n`)) {
      if (!chunk) continue
      const [name, type, object, peeled, taggerName, taggerEmail, taggerDate, ...contents] =
        chunk.split(FIELD)
      if (!name || (prefixes && !prefixes.some((p) => name.startsWith(p)))) continue
      const annotated = type === 'tag'
      tags.push({
        name,
        commit: (annotated ? peeled : object) ?? '',
        message: annotated ? contents.join(FIELD) : '',
        ...(annotated &&
          taggerDate && { tagger: { name: taggerName ?? '', email: taggerEmail ?? '', date: taggerDate } })
      })
    }
    return tags
  }

  /**
   * One atomic ref transaction creates the tag and, for a counted tag, its counter claim
   * (`claims.ts`): both or neither, so two racing writers never share a counter and a crash
   * leaves at most an unreferenced tag object. The tag object is written first with `git mktag`.
   * `createTags` does the same for several tags: one transaction for all of them.
   */
  async createTag(request: CreateTagRequest): Promise<boolean> {
    return this.createTags([request])
  }

  /** Every tag object first, then one `update-ref --stdin` transaction for all their refs and claims. */
  async createTags(requests: readonly CreateTagRequest[]): Promise<boolean> {
    const updates: string[] = []
    for (const request of requests) {
      const tagObject = await this.writeTagObject(request)
      const claim = counterClaimRef(request.name)
      // `create` fails when the ref exists; in --stdin mode all lines are one transaction.
      updates.push(
        `create refs/tags/${request.name} ${tagObject}`,
        ...(claim ? [`create ${claim} ${tagObject}`] : [])
      )
    }
    const result = await this.git(['update-ref', '--stdin'], `${updates.join('\n')}\n`)
    if (result.code === 0) return true
    // Of two racing writers one gets "reference already exists" or "cannot lock ref" (the other
    // holds the lock); either way the name or counter is taken and the caller takes the next one.
    if (/already exists|cannot lock ref/i.test(result.stderr)) return false
    throw new RegistryError(
      `creating tag ${requests.map((r) => r.name).join(', ')} failed: ${firstLine(result.stderr)}`,
      { file: this.dir }
    )
  }

  private async writeTagObject(request: CreateTagRequest): Promise<string> {
    const config: string[] = []
    if (request.tagger)
      config.push('-c', `user.name=${request.tagger.name}`, '-c', `user.email=${request.tagger.email}`)
    const ident = await this.git([...config, 'var', 'GIT_COMMITTER_IDENT'], undefined, request.tagger?.date)
    if (ident.code !== 0) {
      if (/please tell me who you are|unable to auto-detect email|empty ident/i.test(ident.stderr)) {
        throw new RegistryError(
          'git has no identity to sign the tag: set git config user.name and user.email (or GIT_COMMITTER_NAME/EMAIL)',
          { file: this.dir }
        )
      }
      throw new RegistryError(`reading the tagger identity failed: ${firstLine(ident.stderr)}`, {
        file: this.dir
      })
    }
    const type = (await this.gitOk(['cat-file', '-t', request.commit], `reading ${request.commit}`)).trim()
    const object = `object ${request.commit}\ntype ${type}\ntag ${request.name}\ntagger ${ident.stdout.trim()}\n\n${request.message}`
    return (await this.gitOk(['mktag'], `writing tag object ${request.name}`, object)).trim()
  }

  async resolveCommit(revision = 'HEAD'): Promise<string> {
    const result = await this.git(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`])
    if (result.code !== 0) {
      if (revision === 'HEAD') {
        const inside = await this.git(['rev-parse', '--git-dir'])
        if (inside.code !== 0)
          throw new RegistryError('not a git repository (use --registry DIR)', { file: this.dir })
        throw new RegistryError('the repository has no commits yet', { file: this.dir })
      }
      throw new RegistryError(`no commit "${revision}" in the registry`, { file: this.dir })
    }
    return result.stdout.trim()
  }
}
