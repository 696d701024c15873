import { GitHubError } from '../errors.js'
import type { RepoRef } from './approvals.js'
import { githubError, statusOf, type GitHubClient } from './client.js'
import type { QueryRider } from './tag-objects.js'

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

/**
 * The same file read inside the registry's GraphQL query (`QueryRider`), so a promotion's policy
 * costs no request of its own: `defaultBranchRef`'s commit at `path` when `ref` is undefined (its
 * name is the ref reported), else `object(expression: "<ref>:<path>")`. The same limits as the
 * contents API apply, and a text GitHub cut short (`isTruncated`) or could not give (binary) fails.
 */
export function repositoryFileRider(
  repo: RepoRef,
  path: string,
  ref: string | undefined
): QueryRider<RepositoryFile> {
  const where = `${path} at ${ref === undefined ? 'the default branch' : `ref ${ref}`} of ${repo.owner}/${repo.repo}`
  // `<ref>:<path>` splits at the first colon: a ref holding one would read another file.
  if (ref !== undefined && (ref === '' || ref.includes(':') || [...ref].some((c) => c.charCodeAt(0) < 0x20)))
    throw new GitHubError(`not a ref to read ${path} at: "${ref.slice(0, 100)}"`)
  const blob = '... on Blob { byteSize isBinary isTruncated text }'
  const selection =
    ref === undefined
      ? `riderBranch: defaultBranchRef { name target { ... on Commit { file(path: $riderPath) { object { ${blob} } } } } }`
      : `riderFile: object(expression: $riderExpression) { ${blob} }`
  const variables: QueryRider<RepositoryFile>['variables'] =
    ref === undefined
      ? { riderPath: { type: 'String!', value: path } }
      : { riderExpression: { type: 'String!', value: `${ref}:${path}` } }
  return {
    description: `${path} at ${ref === undefined ? 'the default branch' : `ref ${ref}`}`,
    variables,
    selection,
    objects: 1,
    read(repository) {
      let object: unknown
      let answered = ref
      if (ref === undefined) {
        const branch = repository.riderBranch as
          { name?: unknown; target?: { file?: { object?: unknown } | null } | null } | null | undefined
        if (!branch) throw new GitHubError(`${where}: the repository has no default branch`)
        if (typeof branch.name === 'string' && branch.name !== '' && branch.name.length <= 255)
          answered = branch.name
        object = branch.target?.file?.object
      } else object = repository.riderFile
      if (object === null || object === undefined) throw new GitHubError(`there is no ${where}`, 404)
      const file = object as { byteSize?: unknown; isBinary?: unknown; isTruncated?: unknown; text?: unknown }
      if (typeof file.byteSize !== 'number' || !('text' in file))
        throw new GitHubError(`${where} is not a file`)
      if (file.byteSize > MAX_BYTES) throw new GitHubError(`${where} is larger than ${MAX_BYTES} bytes`)
      if (file.isTruncated !== false || typeof file.text !== 'string' || file.isBinary === true)
        throw new GitHubError(`${where} came without its whole text (binary or cut short)`)
      return { text: file.text, ref: answered }
    }
  }
}
