import { execFile } from 'node:child_process'
import { RegistryError } from '../errors.js'
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

  private git(args: string[], input?: string): Promise<GitResult> {
    return new Promise((resolve, reject) => {
      const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' }
      if (this.identity) {
        env.GIT_COMMITTER_NAME = this.identity.name
        env.GIT_COMMITTER_EMAIL = this.identity.email
      }
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
    // Prefix patterns let git skip other models' tags; names with "/" are matched in code instead,
    // since for-each-ref patterns treat "/" specially.
    const patterns =
      prefixes && prefixes.every((p) => !p.includes('/') && !/[*?[\]\\]/.test(p))
        ? prefixes.map((p) => `refs/tags/${p}*`)
        : []
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

  async createTag(request: CreateTagRequest): Promise<boolean> {
    const args = ['tag', '-a', '--cleanup=verbatim', '-F', '-', request.name, request.commit]
    const env: string[] = []
    if (request.tagger)
      env.push('-c', `user.name=${request.tagger.name}`, '-c', `user.email=${request.tagger.email}`)
    const result = await this.git([...env, ...args], request.message)
    if (result.code === 0) return true
    // `git tag` creates the ref under a lock: of two racing writers one gets "already exists"
    // or "cannot lock ref"; either way the name is taken and the caller takes the next counter.
    if (/already exists|cannot lock ref|reference already exists/i.test(result.stderr)) return false
    if (/please tell me who you are|unable to auto-detect email/i.test(result.stderr)) {
      throw new RegistryError(
        'git has no identity to sign the tag: set git config user.name and user.email (or GIT_COMMITTER_NAME/EMAIL)',
        {
          file: this.dir
        }
      )
    }
    throw new RegistryError(`creating tag ${request.name} failed: ${result.stderr.trim().split('\n')[0]}`, {
      file: this.dir
    })
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
