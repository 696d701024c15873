import { readFileSync } from 'node:fs'
import { SchemaValidator, type Schema } from './schema.js'

/**
 * The slice of GitHub's OpenAPI description modelgate uses (test/fixtures/github-openapi.json,
 * made by scripts/extract-openapi.mjs), compiled into route matchers and validators.
 */

interface Parameter {
  name: string
  in: 'path' | 'query' | 'header'
  required?: boolean
  schema?: Schema
}

interface Operation {
  operationId: string
  parameters?: Parameter[]
  requestBody?: { required?: boolean; content: Record<string, { schema?: Schema }> }
  responses: Record<
    string,
    { content?: Record<string, { schema?: Schema }>; headers?: Record<string, unknown> }
  >
  servers?: Array<{ url: string }>
}

export interface Route {
  operationId: string
  method: string
  template: string
  /** Served by the uploads host (`upload_url`), not the API host. */
  uploads: boolean
  operation: Operation
  regex: RegExp
  names: string[]
  literals: number
}

export interface MatchedRoute {
  route: Route
  params: Record<string, string>
}

const FIXTURE = new URL('../fixtures/github-openapi.json', import.meta.url)

export class OpenApi {
  readonly routes: Route[] = []
  readonly validator: SchemaValidator

  constructor(path: URL | string = FIXTURE) {
    const spec = JSON.parse(readFileSync(path, 'utf8')) as {
      paths: Record<string, Record<string, Operation>>
      components: { schemas: Record<string, Schema> }
    }
    this.validator = new SchemaValidator(spec.components.schemas)
    for (const [template, item] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const names: string[] = []
        const segments = template.split('/')
        const pattern = segments
          .map((segment, i) => {
            const param = /^\{(.+)\}$/.exec(segment)
            if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
            names.push(param[1]!)
            // A trailing git ref (`tags/fraud@v1.0.0`) may contain slashes.
            return i === segments.length - 1 && param[1] === 'ref' ? '(.+)' : '([^/]+)'
          })
          .join('/')
        this.routes.push({
          operationId: operation.operationId,
          method: method.toUpperCase(),
          template,
          uploads: (operation.servers ?? []).some((server) => server.url.includes('uploads.github.com')),
          operation,
          regex: new RegExp(`^${pattern}$`),
          names,
          literals: segments.filter((segment) => !segment.startsWith('{')).length
        })
      }
    }
    // Most literal segments first: `/releases/tags/{tag}` before `/releases/{release_id}`.
    this.routes.sort((a, b) => b.literals - a.literals)
  }

  match(method: string, rawPath: string, uploads: boolean): MatchedRoute | undefined {
    for (const route of this.routes) {
      if (route.method !== method || route.uploads !== uploads) continue
      const found = route.regex.exec(rawPath)
      if (!found) continue
      const params: Record<string, string> = {}
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1]!)
      })
      return { route, params }
    }
    return undefined
  }

  /** Problems with a request's parameters and body; empty when it conforms. */
  checkRequest(
    matched: MatchedRoute,
    query: URLSearchParams,
    contentType: string | undefined,
    body: Buffer
  ): string[] {
    const problems: string[] = []
    const parameters = matched.route.operation.parameters ?? []
    for (const parameter of parameters) {
      const raw = parameter.in === 'path' ? matched.params[parameter.name] : query.get(parameter.name)
      if (parameter.in !== 'path' && parameter.in !== 'query') continue
      if (raw === undefined || raw === null) {
        if (parameter.required) problems.push(`missing required ${parameter.in} parameter ${parameter.name}`)
        continue
      }
      const problem = checkScalar(raw, parameter.schema ?? {})
      if (problem) problems.push(`${parameter.in} parameter ${parameter.name}: ${problem}`)
    }
    const known = new Set(parameters.filter((p) => p.in === 'query').map((p) => p.name))
    for (const name of query.keys()) {
      if (!known.has(name)) problems.push(`unknown query parameter ${name}`)
    }
    const requestBody = matched.route.operation.requestBody
    if (!requestBody) {
      if (body.length > 0) problems.push('a body was sent to an operation that takes none')
      return problems
    }
    if (body.length === 0) {
      if (requestBody.required) problems.push('the required request body is missing')
      return problems
    }
    const json = requestBody.content['application/json']
    if (json) {
      if (!contentType?.includes('json'))
        problems.push(`expected a JSON body, content-type was ${contentType}`)
      let parsed: unknown
      try {
        parsed = JSON.parse(body.toString('utf8'))
      } catch {
        problems.push('the request body is not JSON')
        return problems
      }
      if (json.schema)
        for (const p of this.validator.validate(parsed, json.schema, 'body'))
          problems.push(`${p.path}: ${p.message}`)
    }
    return problems
  }

  /** Problems with a response the simulator is about to serve. */
  checkResponse(
    matched: MatchedRoute,
    status: number,
    body: unknown,
    headers: Record<string, string>
  ): string[] {
    const responses = matched.route.operation.responses
    const declared = responses[String(status)]
    if (!declared) {
      // GitHub answers any operation with these; the description only lists some per operation.
      if (status >= 400) return body === undefined ? [] : this.checkError(body)
      return [`status ${status} is not a documented response of ${matched.route.operationId}`]
    }
    const problems: string[] = []
    for (const name of Object.keys(declared.headers ?? {})) {
      if (name.toLowerCase() === 'location' && !headers.location) problems.push('missing Location header')
    }
    const schema = declared.content?.['application/json']?.schema
    if (schema && body !== undefined) {
      for (const p of this.validator.validate(body, schema, 'response'))
        problems.push(`${p.path}: ${p.message}`)
    }
    return problems
  }

  private checkError(body: unknown): string[] {
    const schema = { $ref: '#/components/schemas/basic-error' }
    return this.validator.validate(body, schema, 'error').map((p) => `${p.path}: ${p.message}`)
  }
}

function checkScalar(raw: string, schema: Schema): string | undefined {
  if (schema.type === 'integer' && !/^-?\d+$/.test(raw)) return `"${raw}" is not an integer`
  if (schema.type === 'number' && Number.isNaN(Number(raw))) return `"${raw}" is not a number`
  if (schema.type === 'boolean' && raw !== 'true' && raw !== 'false') return `"${raw}" is not a boolean`
  if (Array.isArray(schema.enum) && !schema.enum.includes(raw))
    return `"${raw}" is not one of ${schema.enum.join(', ')}`
  return undefined
}
