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
 * error, not a silent null). Only what modelgate reads is resolved: `repository` with `id`,
 * `nameWithOwner` and `object(oid:)` (tags and commits); anything else resolves to null and, where
 * the schema forbids null, fails the query. GitHub's own limits are enforced where modelgate
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
    ...(error.path && { path: error.path })
  }))
  return {
    status: 200,
    body: { data: result.data ?? null, ...(errors.length > 0 && { errors }) },
    problems: errors.map((error) => `GraphQL execution: ${error.message} at ${JSON.stringify(error.path)}`),
    kind: operationKind(document)
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
  return {
    repository: ({ owner, name }: { owner: string; name: string }) =>
      owner.toLowerCase() === state.owner.toLowerCase() && name.toLowerCase() === state.repo.toLowerCase()
        ? {
            id: `R_${state.repoId}`,
            name: state.repo,
            nameWithOwner: state.fullName,
            object: ({ oid }: { oid?: string }) => (oid ? gitObject(oid) : null)
          }
        : null
  }
}
