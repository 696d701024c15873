import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import {
  buildClientSchema,
  execute,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type IntrospectionQuery,
  type OperationDefinitionNode
} from 'graphql'
import type { GitHubState } from './state.js'

/**
 * GitHub's GraphQL endpoint (`POST /graphql`) over the simulator's state. Every query is parsed
 * and validated against GitHub's published schema (`@octokit/graphql-schema`, the schema the
 * package itself validates with), then executed by graphql-js against that same schema, so an
 * answer the simulator gives is typed as GitHub's would be (a non-null field left empty is an
 * error, not a silent null). Only what modelgate uses is resolved: `repository` with `id`,
 * `nameWithOwner`, `object(oid:)` (tags and commits), `object(expression: "<branch>:<path>")` and
 * `defaultBranchRef { name target { ... on Commit { file(path:) { object } } } }` (files as
 * Blobs), and the `updateRefs` mutation (all or none, as GitHub applies it); anything else
 * resolves to null and, where the schema forbids null, fails the query. GitHub's own limits are enforced where modelgate
 * could meet them: at most 100 objects per query (modelgate's batch size).
 */

const SCHEMA_FILE = new URL('../../node_modules/@octokit/graphql-schema/schema.json', import.meta.url)
let cached: GraphQLSchema | undefined

/** GitHub's schema, built once per process (the introspection JSON is 5 MB). */
export function githubSchema(): GraphQLSchema {
  cached ??= buildClientSchema(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as IntrospectionQuery)
  return cached
}

export const MAX_OBJECTS_PER_QUERY = 100

export interface GraphqlAnswer {
  status: number
  body: { data?: unknown; errors?: Array<{ message: string; type?: string; path?: unknown }> }
  /** What the query did wrong (schema, limits): recorded as simulator problems. */
  problems: string[]
  /** `query` or `mutation` (for the request log). */
  kind: string
}

/** Schema problems of a query text, empty when GitHub would accept it. */
export function validateQuery(text: string): string[] {
  let document: DocumentNode
  try {
    document = parse(text)
  } catch (error) {
    return [`syntax: ${(error as Error).message}`]
  }
  return validate(githubSchema(), document).map((error) => error.message)
}

export function answerGraphql(state: GitHubState, raw: Buffer): GraphqlAnswer {
  let request: { query?: unknown; variables?: unknown; operationName?: unknown }
  try {
    request = JSON.parse(raw.toString('utf8')) as typeof request
  } catch {
    return fail(400, 'Problems parsing JSON', ['the GraphQL request body is not JSON'])
  }
  if (typeof request.query !== 'string')
    return fail(400, 'A query attribute must be specified', ['the GraphQL request has no query'])
  let document: DocumentNode
  try {
    document = parse(request.query)
  } catch (error) {
    return fail(200, (error as Error).message, [`GraphQL syntax: ${(error as Error).message}`])
  }
  const invalid = validate(githubSchema(), document)
  if (invalid.length > 0)
    return {
      status: 200,
      body: { errors: invalid.map((error) => ({ message: error.message })) },
      problems: invalid.map((error) => `GraphQL query invalid against GitHub's schema: ${error.message}`),
      kind: operationKind(document)
    }
  const objects = countObjectFields(document)
  if (objects > MAX_OBJECTS_PER_QUERY)
    return fail(200, `too many objects in one query (${objects})`, [
      `GraphQL query reads ${objects} objects (more than ${MAX_OBJECTS_PER_QUERY})`
    ])
  const result = execute({
    schema: githubSchema(),
    document,
    rootValue: root(state),
    variableValues: (request.variables ?? {}) as Record<string, unknown>,
    ...(typeof request.operationName === 'string' && { operationName: request.operationName })
  }) as { data?: unknown; errors?: readonly GraphQLError[] }
  if ('then' in result) throw new Error('the simulator resolves synchronously')
  const errors = (result.errors ?? []).map((error) => ({
    message: error.message,
    ...(error.originalError instanceof Refusal && { type: error.originalError.type }),
    ...(error.path && { path: error.path })
  }))
  return {
    status: 200,
    body: { data: result.data ?? null, ...(errors.length > 0 && { errors }) },
    // GitHub refusing a well-formed mutation (a ref that already exists) is an answer, not a fault
    // of the query; anything else that fails in execution is.
    problems: (result.errors ?? [])
      .filter((error) => !(error.originalError instanceof Refusal))
      .map((error) => `GraphQL execution: ${error.message} at ${JSON.stringify(error.path)}`),
    kind: operationKind(document)
  }
}

/** GitHub's answer to a mutation it will not carry out, as an `errors` entry with its `type`. */
class Refusal extends Error {
  constructor(
    message: string,
    readonly type = 'UNPROCESSABLE'
  ) {
    super(message)
  }
}

/** Whether a request body holds a mutation (faults can target `graphql:mutation` / `graphql:query`). */
export function graphqlKindOf(raw: Buffer): string {
  try {
    const request = JSON.parse(raw.toString('utf8')) as { query?: unknown }
    return typeof request.query === 'string' ? operationKind(parse(request.query)) : 'invalid'
  } catch {
    return 'invalid'
  }
}

function fail(status: number, message: string, problems: string[]): GraphqlAnswer {
  return { status, body: { errors: [{ message }] }, problems, kind: 'invalid' }
}

function operationKind(document: DocumentNode): string {
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION
  )
  return operation?.operation ?? 'query'
}

/** `object(...)` fields anywhere in the document (aliases count one each). */
function countObjectFields(document: DocumentNode): number {
  let count = 0
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return
    const n = node as { kind?: string; name?: { value?: string } }
    if (n.kind === Kind.FIELD && n.name?.value === 'object') count++
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit)
      else if (value && typeof value === 'object' && 'kind' in value) visit(value)
    }
  }
  visit(document)
  return count
}

/** Resolvers as graphql-js' default resolver calls them: functions of (args). */
function root(state: GitHubState): Record<string, unknown> {
  const gitObject = (oid: string): Record<string, unknown> | null => {
    const tag = state.tagObjects.get(oid)
    if (tag)
      return {
        __typename: 'Tag',
        id: `TAG_${oid}`,
        oid,
        abbreviatedOid: oid.slice(0, 7),
        name: tag.tag,
        message: tag.message,
        tagger: { name: tag.tagger.name, email: tag.tagger.email, date: tag.tagger.date },
        target: () => gitObject(tag.object.sha)
      }
    const commit = state.commits.get(oid)
    if (commit)
      return {
        __typename: 'Commit',
        id: `C_${oid}`,
        oid,
        abbreviatedOid: oid.slice(0, 7),
        message: commit.message
      }
    return null
  }
  /** A file of a branch as a Blob (the simulator keeps files per branch, as the contents API serves them). */
  const blob = (branch: string, path: string): Record<string, unknown> | null => {
    const text = state.files.get(branch)?.get(path)
    if (text === undefined) return null
    const bytes = Buffer.from(text, 'utf8')
    const oid = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
    return {
      __typename: 'Blob',
      id: `B_${oid}`,
      oid,
      abbreviatedOid: oid.slice(0, 7),
      byteSize: bytes.length,
      isBinary: false,
      // GitHub cuts Blob.text of large files and says so.
      isTruncated: bytes.length > MAX_BLOB_TEXT_BYTES,
      text:
        bytes.length > MAX_BLOB_TEXT_BYTES ? bytes.subarray(0, MAX_BLOB_TEXT_BYTES).toString('utf8') : text
    }
  }
  const branchHead = (branch: string): Record<string, unknown> | null => {
    const ref = state.refs.get(`refs/heads/${branch}`)
    if (!ref) return null
    const commit = gitObject(ref.sha)
    return commit && { ...commit, file: ({ path }: { path: string }) => treeEntry(branch, path) }
  }
  const treeEntry = (branch: string, path: string): Record<string, unknown> | null => {
    const object = blob(branch, path)
    return object && { name: path.split('/').at(-1), path, oid: object.oid, object }
  }
  /** `<ref>:<path>` (a branch, with or without refs/heads/) or a bare object id. */
  const byExpression = (expression: string): Record<string, unknown> | null => {
    const colon = expression.indexOf(':')
    if (colon < 0) return gitObject(expression)
    const ref = expression.slice(0, colon).replace(/^refs\/heads\//, '')
    return blob(ref === 'HEAD' ? DEFAULT_BRANCH : ref, expression.slice(colon + 1))
  }
  const repositoryMatches = (owner: string, name: string): boolean =>
    owner.toLowerCase() === state.owner.toLowerCase() && name.toLowerCase() === state.repo.toLowerCase()
  return {
    repository: ({ owner, name }: { owner: string; name: string }) =>
      repositoryMatches(owner, name)
        ? {
            id: `R_${state.repoId}`,
            name: state.repo,
            nameWithOwner: state.fullName,
            object: ({ oid, expression }: { oid?: string; expression?: string }) =>
              oid ? gitObject(oid) : expression ? byExpression(expression) : null,
            defaultBranchRef: () => {
              const target = branchHead(DEFAULT_BRANCH)
              return (
                target && { id: `REF_${DEFAULT_BRANCH}`, name: DEFAULT_BRANCH, prefix: 'refs/heads/', target }
              )
            }
          }
        : null,
    /**
     * GitHub's `updateRefs`: every update checked first (the repository, a full ref name, the
     * object it points at, `beforeOid` — all zeros: must not exist), then all applied, or none.
     */
    updateRefs: ({ input }: { input: UpdateRefsInput }) => {
      if (input.repositoryId !== `R_${state.repoId}`)
        throw new Refusal(
          `Could not resolve to a node with the global id of '${input.repositoryId}'`,
          'NOT_FOUND'
        )
      const names = new Set<string>()
      const planned: Array<
        { ref: string; sha: string; type: 'commit' | 'tag' } | { ref: string; remove: true }
      > = []
      for (const update of input.refUpdates) {
        if (!/^refs\/[^/]+\/.+/.test(update.name) || names.has(update.name))
          throw new Refusal(`Reference name is not valid: ${update.name}`)
        names.add(update.name)
        const current = state.refs.get(update.name)?.sha ?? ZERO_OID
        if (update.beforeOid !== undefined && update.beforeOid !== null && update.beforeOid !== current)
          throw new Refusal(
            current === ZERO_OID
              ? `Reference ${update.name} does not exist`
              : `Reference ${update.name} already exists or has moved`
          )
        if (update.afterOid === ZERO_OID) {
          planned.push({ ref: update.name, remove: true })
          continue
        }
        const type = state.tagObjects.has(update.afterOid)
          ? 'tag'
          : state.commits.has(update.afterOid)
            ? 'commit'
            : undefined
        if (!type) throw new Refusal(`Object ${update.afterOid} does not exist`)
        planned.push({ ref: update.name, sha: update.afterOid, type })
      }
      for (const change of planned)
        if ('remove' in change) state.refs.delete(change.ref)
        else state.refs.set(change.ref, change)
      return { clientMutationId: input.clientMutationId ?? null }
    }
  }
}

interface UpdateRefsInput {
  repositoryId: string
  refUpdates: Array<{ name: string; afterOid: string; beforeOid?: string | null; force?: boolean }>
  clientMutationId?: string
}

const ZERO_OID = '0'.repeat(40)
const DEFAULT_BRANCH = 'main'
/** Where GitHub cuts `Blob.text` (it reports `isTruncated`); files above it are read elsewhere. */
export const MAX_BLOB_TEXT_BYTES = 512 * 1024
