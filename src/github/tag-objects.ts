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

/**
 * Another read that travels in the registry's query instead of a request of its own (the policy
 * file beside the tag objects). Its fields sit inside `repository { … }` under aliases of its
 * own, its variables are declared with the query's, and its `object` fields count toward the
 * query's TAG_OBJECTS_PER_QUERY.
 */
export interface QueryRider<T> {
  /** What it reads, for error messages ("the policy .github/modelgate.yml at the default branch"). */
  description: string
  /** Variable name (without `$`, prefixed `rider`) → its GraphQL type and value. */
  variables: Record<string, { type: string; value: string }>
  /** The selection inside `repository { … }`; every top-level field aliased `rider…`. */
  selection: string
  /** `object` fields the selection reads. */
  objects: number
  /** Its answer, from the `repository` object GitHub returned; throws when it is unusable. */
  read(repository: Record<string, unknown>): T
}

const RIDER_NAME = /^rider[A-Za-z0-9]*$/

/** The query for `count` objects: `$o0 … $o{count-1}`, the owner and the repository name. */
export function tagObjectsQuery(count: number, rider?: QueryRider<unknown>): string {
  const riderVariables = rider
    ? Object.entries(rider.variables).map(([name, v]) => {
        if (!RIDER_NAME.test(name) || !/^[A-Za-z]+!?$/.test(v.type))
          throw new GitHubError(`not a rider variable: ${name.slice(0, 40)}: ${v.type.slice(0, 40)}`)
        return `$${name}: ${v.type}`
      })
    : []
  const variables = [
    '$owner: String!',
    '$name: String!',
    ...riderVariables,
    ...Array.from({ length: count }, (_, i) => `$o${i}: GitObjectID!`)
  ].join(', ')
  const fields = Array.from(
    { length: count },
    (_, i) => `    o${i}: object(oid: $o${i}) { ...registryTag }`
  ).join('\n')
  const query = `query modelgateRegistryTags(${variables}) {
  repository(owner: $owner, name: $name) {
    id
${fields}${rider ? `\n    ${rider.selection}` : ''}
  }
}`
  // GraphQL refuses a document with a fragment nothing uses.
  return count === 0 ? query : `${query}\n${REGISTRY_TAG_FRAGMENT}`
}

const REGISTRY_TAG_FRAGMENT = `fragment registryTag on GitObject {
  __typename
  oid
  ... on Tag {
    name
    message
    tagger { name email date }
    target { __typename oid }
  }
}`

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
  return (await readTagObjectsWith(client, repo, shas)).tags
}

export interface TagObjectsAnswer<T> {
  tags: Map<string, RawTag | undefined>
  /** The repository's GraphQL node id (what mutations such as `updateRefs` name it by). */
  repositoryId: string
  /** The rider's answer, when one travelled along. */
  ridden?: T
}

/** `readTagObjects` with an optional rider in the same query (`shas` may then be empty). */
export async function readTagObjectsWith<T>(
  client: GitHubClient,
  repo: RepoRef,
  shas: readonly string[],
  rider?: QueryRider<T>
): Promise<TagObjectsAnswer<T>> {
  const room = TAG_OBJECTS_PER_QUERY - (rider?.objects ?? 0)
  if (shas.length > room)
    throw new GitHubError(`at most ${room} tag objects in this query, got ${shas.length}`)
  const variables: Record<string, string> = { owner: repo.owner, name: repo.repo }
  for (const [name, v] of Object.entries(rider?.variables ?? {})) variables[name] = v.value
  shas.forEach((sha, i) => {
    if (!SHA.test(sha)) throw new GitHubError(`not a git object id: "${sha.slice(0, 60)}"`)
    variables[`o${i}`] = sha
  })
  let data: { repository: Record<string, unknown> | null }
  try {
    data = await client.graphql<typeof data>(tagObjectsQuery(shas.length, rider), variables)
  } catch (error) {
    throw graphqlErrors(error) ?? error
  }
  const repository = data?.repository
  if (!repository) throw new GitHubError(`repository ${repo.owner}/${repo.repo} not found over GraphQL`)
  if (typeof repository.id !== 'string' || repository.id === '' || repository.id.length > 200)
    throw new GitHubError(`GraphQL answered repository ${repo.owner}/${repo.repo} without its id`)
  const tags = new Map<string, RawTag | undefined>()
  shas.forEach((sha, i) => tags.set(sha, toRawTag(repository[`o${i}`] as TagNode | null | undefined, sha)))
  return { tags, repositoryId: repository.id, ...(rider && { ridden: rider.read(repository) }) }
}

/**
 * GitHub answers a failed GraphQL query with HTTP 200 and an `errors` list: one line of the first
 * few messages (bounded: they may echo what was asked), for the caller's "… failed: " message.
 */
export function graphqlErrors(error: unknown): Error | undefined {
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
