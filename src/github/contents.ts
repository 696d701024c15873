import { GitHubError } from '../errors.js'
import type { RepoRef } from './approvals.js'
import { githubError, statusOf, type GitHubClient } from './client.js'

/** A file as the repository holds it at a ref, not as a job's checkout has it. */
export interface RepositoryFile {
  text: string
  /** The ref GitHub read it at, when its answer names one (the default branch's name when none was asked). */
  ref: string | undefined
}

/** Policies are small; the contents API inlines files up to 1 MB. */
const MAX_BYTES = 1 << 20

/**
 * `GET /repos/{owner}/{repo}/contents/{path}?ref=`: a file at a ref, or at the default branch
 * when `ref` is undefined. Fails with a GitHubError naming the path and ref when it is not a
 * readable file.
 */
export async function readRepositoryFile(
  client: GitHubClient,
  repo: RepoRef,
  path: string,
  ref: string | undefined
): Promise<RepositoryFile> {
  const where = `${path} at ${ref === undefined ? 'the default branch' : `ref ${ref}`} of ${repo.owner}/${repo.repo}`
  let data: unknown
  try {
    data = (await client.repos.getContent({ ...repo, path, ...(ref !== undefined && { ref }) })).data
  } catch (error) {
    if (statusOf(error) === 404) throw new GitHubError(`there is no ${where}`, 404)
    throw githubError(`reading ${where}`, 'contents', error)
  }
  const file = data as {
    type?: unknown
    encoding?: unknown
    content?: unknown
    size?: unknown
    url?: unknown
  }
  if (Array.isArray(data) || file.type !== 'file') throw new GitHubError(`${where} is not a file`)
  if (typeof file.size === 'number' && file.size > MAX_BYTES)
    throw new GitHubError(`${where} is larger than ${MAX_BYTES} bytes`)
  if (file.encoding !== 'base64' || typeof file.content !== 'string')
    throw new GitHubError(`${where} came without its content (encoding ${JSON.stringify(file.encoding)})`)
  const text = Buffer.from(file.content.replace(/\s+/g, ''), 'base64').toString('utf8')
  let answered: string | undefined
  try {
    answered =
      typeof file.url === 'string' ? (new URL(file.url).searchParams.get('ref') ?? undefined) : undefined
  } catch {
    answered = undefined
  }
  return { text, ref: ref ?? answered }
}
