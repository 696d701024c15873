import { GitHubError } from '../errors.js'
import type { RawTag } from '../registry/types.js'
import type { RepoRef } from './approvals.js'
import type { GitHubClient } from './client.js'

/**
 * Annotated tag objects in bulk. The REST API reads one tag object per request
 * (`GET /git/tags/{sha}`); GraphQL reads many in one query, each as an aliased
 * `repository.object(oid:)`. Object ids travel as variables, never spliced into the query text.
 * 100 per query keeps each query small and well inside GitHub's limits.
 */
export const TAG_OBJECTS_PER_QUERY = 100

/** The query for `count` objects: `$o0 … $o{count-1}`, the owner and the repository name. */
export function tagObjectsQuery(count: number): string {
  const variables = Array.from({ length: count }, (_, i) => `$o${i}: GitObjectID!`).join(', ')
  const fields = Array.from(
    { length: count },
    (_, i) => `    o${i}: object(oid: $o${i}) { ...registryTag }`
  ).join('\n')
  return `query modelgateRegistryTags($owner: String!, $name: String!, ${variables}) {
  repository(owner: $owner, name: $name) {
${fields}
  }
}
fragment registryTag on GitObject {
  __typename
  oid
  ... on Tag {
    name
    message
    tagger { name email date }
    target { __typename oid }
  }
}`
}

interface TagNode {
  __typename?: unknown
  oid?: unknown
  name?: unknown
  message?: unknown
  tagger?: { name?: unknown; email?: unknown; date?: unknown } | null
  target?: { __typename?: unknown; oid?: unknown } | null
}

const SHA = /^[0-9a-f]{40}$/

/**
 * Tag object sha → the tag it holds. An object that is not an annotated tag of a commit (a tag
 * of a tag, a missing object) maps to undefined, as the REST reader skipped it. An answer that
 * is not shaped as asked fails: it is data someone else produced.
 */
export async function readTagObjects(
  client: GitHubClient,
  repo: RepoRef,
  shas: readonly string[]
): Promise<Map<string, RawTag | undefined>> {
  if (shas.length > TAG_OBJECTS_PER_QUERY)
    throw new GitHubError(`at most ${TAG_OBJECTS_PER_QUERY} tag objects per query, got ${shas.length}`)
  const variables: Record<string, string> = { owner: repo.owner, name: repo.repo }
  shas.forEach((sha, i) => {
    if (!SHA.test(sha)) throw new GitHubError(`not a git object id: "${sha.slice(0, 60)}"`)
    variables[`o${i}`] = sha
  })
  let data: { repository: Record<string, TagNode | null> | null }
  try {
    data = await client.graphql<typeof data>(tagObjectsQuery(shas.length), variables)
  } catch (error) {
    throw graphqlErrors(error) ?? error
  }
  if (!data?.repository) throw new GitHubError(`repository ${repo.owner}/${repo.repo} not found over GraphQL`)
  const result = new Map<string, RawTag | undefined>()
  shas.forEach((sha, i) => result.set(sha, toRawTag(data.repository![`o${i}`], sha)))
  return result
}

/**
 * GitHub answers a failed GraphQL query with HTTP 200 and an `errors` list: one line of the first
 * few messages (bounded: they may echo what was asked), for the caller's "… failed: " message.
 */
function graphqlErrors(error: unknown): Error | undefined {
  const errors = (error as { errors?: unknown }).errors
  if (!Array.isArray(errors) || errors.length === 0) return undefined
  const messages = errors.slice(0, 3).map((e) =>
    String((e as { message?: unknown })?.message ?? 'unknown error')
      .replace(/\s+/g, ' ')
      .slice(0, 200)
  )
  return new Error(
    `GraphQL answered: ${messages.join('; ')}${errors.length > 3 ? ` (+${errors.length - 3} more)` : ''}`
  )
}

function toRawTag(node: TagNode | null | undefined, sha: string): RawTag | undefined {
  if (!node || node.__typename !== 'Tag') return undefined
  if (node.oid !== sha)
    throw new GitHubError(`GraphQL answered object ${String(node.oid).slice(0, 40)} for ${sha}`)
  const target = node.target
  if (!target || target.__typename !== 'Commit') return undefined
  const tagger = node.tagger
  if (
    typeof node.name !== 'string' ||
    typeof node.message !== 'string' ||
    typeof target.oid !== 'string' ||
    !SHA.test(target.oid) ||
    !tagger ||
    typeof tagger.name !== 'string' ||
    typeof tagger.email !== 'string' ||
    typeof tagger.date !== 'string'
  )
    throw new GitHubError(
      `GraphQL answered tag object ${sha.slice(0, 12)} without its name, message, tagger or commit`
    )
  return {
    name: node.name,
    commit: target.oid,
    message: node.message,
    tagger: { name: tagger.name, email: tagger.email, date: tagger.date }
  }
}
