import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { answerGraphql, graphqlKindOf } from './graphql.js'
import { error, handlers, sampleFromSchema, type HandlerContext, type HandlerResult } from './handlers.js'
import { OpenApi, type MatchedRoute } from './openapi.js'
import type { Schema } from './schema.js'
import { GitHubState } from './state.js'
import { sliceZip } from './zip.js'

/**
 * A local GitHub REST API for end-to-end tests. It serves the operations modelgate calls over an
 * in-memory repository (state.ts), and it is strict where GitHub is and stricter where a test
 * needs it:
 *
 * - every request is matched against GitHub's OpenAPI description (path template, method,
 *   path/query parameters and their types, JSON body against the schema); an unknown route is a
 *   404 and a recorded problem;
 * - every response it serves is validated against the documented response schema, so a test
 *   also fails when the simulator itself drifts from GitHub;
 * - release assets are uploaded under `/uploads` (what `upload_url` points at), artifact zips
 *   are served from a signed storage URL on a second origin that honours Range requests and
 *   REJECTS any request carrying an Authorization header (the token must never leave GitHub);
 * - `POST /graphql` queries are validated against GitHub's published GraphQL schema
 *   (`@octokit/graphql-schema`) and executed over the same state (graphql.ts); each counts as one
 *   request, operation `graphql`;
 * - every request is recorded (method, path, operation, headers without credentials, status,
 *   bytes) for assertions and request counting;
 * - faults can be injected per operation and per nth call: a status with headers such as
 *   `retry-after` / `x-ratelimit-reset`, a connection reset, a delay.
 *
 * Tests assert `sim.problems` is empty after every run.
 */

export type Area = 'api' | 'uploads' | 'storage'

export interface RecordedRequest {
  area: Area
  method: string
  /** Decoded path without the query. */
  path: string
  query: string
  /** The OpenAPI operationId, `storage` for blob reads, or undefined for an unknown route. */
  operation: string | undefined
  /** Request headers minus credentials. */
  headers: Record<string, string>
  /** The request body as text (truncated), for grepping. */
  body: string
  status: number
  /** For `POST /graphql`: whether it was a query (a read) or a mutation. */
  graphql?: string
  /** Response body bytes sent. */
  bytes: number
  fault: boolean
}

export interface Fault {
  /**
   * An operationId, `storage`, `*` for every API call, or `graphql:query` / `graphql:mutation`
   * for GraphQL calls of that kind (`graphql` hits both).
   */
  operation: string
  /** 1-based call numbers of that operation this fault hits; default every call. */
  calls?: number[]
  /** Hit at most this many times. */
  times?: number
  method?: string
  status?: number
  headers?: Record<string, string>
  body?: unknown
  /** Destroy the connection without answering. */
  reset?: boolean
  /** Wait before answering (or before the fault). */
  delayMs?: number
  /**
   * Carry the request out first, then answer with the fault: the write happened but its answer
   * was lost (a 502 or a reset after the commit), the case retries must recognise.
   */
  after?: boolean
  /**
   * Runs against the state just before the request is handled: a concurrent writer (another job
   * taking the same tag name first), without a status of its own the request then meets GitHub's
   * real answer.
   */
  before?: (state: GitHubState) => void
}

export interface SimulatorOptions {
  repository?: string
  /** The only token the API accepts. */
  token?: string
  state?: GitHubState
}

const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization'])

export class GitHubSimulator {
  readonly state: GitHubState
  readonly token: string
  readonly openapi = new OpenApi()
  readonly requests: RecordedRequest[] = []
  readonly problems: string[] = []
  /** Bodies of every GraphQL request, in order (each was validated against GitHub's schema). */
  readonly graphqlQueries: string[] = []
  private readonly faults: Array<Fault & { hits: number }> = []
  private readonly calls = new Map<string, number>()
  private api?: Server
  private storage?: Server
  url = ''
  storageUrl = ''

  constructor(options: SimulatorOptions = {}) {
    this.state = options.state ?? new GitHubState(options.repository)
    this.token = options.token ?? 'ghs_simulatorTokenDoNotLeak0123456789abcd'
  }

  async start(): Promise<string> {
    this.api = createServer((req, res) => void this.handle(req, res, false))
    this.storage = createServer((req, res) => void this.handle(req, res, true))
    const listen = (server: Server): Promise<string> =>
      new Promise((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
        )
      )
    this.url = await listen(this.api)
    this.storageUrl = await listen(this.storage)
    return this.url
  }

  async stop(): Promise<void> {
    const close = (server?: Server): Promise<void> =>
      new Promise((resolve) => {
        if (!server) return resolve()
        server.closeAllConnections()
        server.close(() => resolve())
      })
    await Promise.all([close(this.api), close(this.storage)])
  }

  /** Injects a fault; returns it so a test can read how often it hit. */
  fault(fault: Fault): Fault & { hits: number } {
    const added = { ...fault, hits: 0 }
    this.faults.push(added)
    return added
  }

  clearFaults(): void {
    this.faults.length = 0
  }

  /** Forgets recorded requests and call counts (state and problems are kept). */
  resetRecording(): void {
    this.requests.length = 0
    this.calls.clear()
  }

  /** Recorded requests to one operation (or all API and upload requests). */
  count(operation?: string): number {
    return this.requests.filter((r) =>
      operation === undefined ? r.area !== 'storage' : r.operation === operation
    ).length
  }

  /** Response bytes served from artifact storage. */
  storageBytes(): number {
    return this.requests.filter((r) => r.area === 'storage').reduce((sum, r) => sum + r.bytes, 0)
  }

  private sample = (name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => {
    const resolve = (schema: Schema): Schema => {
      let current = schema
      while (typeof current.$ref === 'string') {
        const key = (current.$ref as string).replace('#/components/schemas/', '')
        current = this.openapi.validator.components[key]!
      }
      return current
    }
    return sampleFromSchema(resolve, { $ref: `#/components/schemas/${name}` }, this.url, overrides)
  }

  private async handle(req: IncomingMessage, res: ServerResponse, storageOrigin: boolean): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid')
    const method = req.method ?? 'GET'
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks)
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(req.headers)) {
      if (!CREDENTIAL_HEADERS.has(name) && value !== undefined) headers[name] = String(value)
    }
    let area: Area = 'api'
    let rawPath = url.pathname
    if (storageOrigin) area = 'storage'
    else if (rawPath.startsWith('/uploads/')) {
      area = 'uploads'
      rawPath = rawPath.slice('/uploads'.length)
    }
    const graphql = area === 'api' && method === 'POST' && rawPath === '/graphql'
    const matched =
      area === 'storage' || graphql ? undefined : this.openapi.match(method, rawPath, area === 'uploads')
    const operation = area === 'storage' ? 'storage' : graphql ? 'graphql' : matched?.route.operationId
    const record: RecordedRequest = {
      area,
      method,
      path: safeDecode(url.pathname),
      query: url.search,
      operation,
      headers,
      body: raw.subarray(0, 65536).toString('utf8'),
      status: 0,
      bytes: 0,
      fault: false
    }
    this.requests.push(record)
    const key = operation ?? `${method} ${url.pathname}`
    const call = (this.calls.get(key) ?? 0) + 1
    this.calls.set(key, call)
    // GraphQL calls are also counted by kind, so a fault can hit the nth mutation alone.
    const kindKey = graphql ? `graphql:${graphqlKindOf(raw)}` : undefined
    const kindCall = kindKey ? (this.calls.get(kindKey) ?? 0) + 1 : 0
    if (kindKey) this.calls.set(kindKey, kindCall)

    const fault = this.faults.find(
      (f) =>
        (f.operation === operation ||
          (kindKey !== undefined && f.operation === kindKey) ||
          (f.operation === '*' && area !== 'storage')) &&
        (f.method === undefined || f.method === method) &&
        (f.calls === undefined || f.calls.includes(f.operation === kindKey ? kindCall : call)) &&
        (f.times === undefined || f.hits < f.times)
    )
    fault?.before?.(this.state)
    if (fault && !fault.after) {
      fault.hits++
      // Without a status or a reset the request goes through after the delay; a fault that only
      // changes state (a competing writer) leaves the request itself unfaulted.
      if (fault.reset || fault.status !== undefined || !fault.before) record.fault = true
      if (fault.delayMs) await sleep(fault.delayMs)
      if (fault.reset || fault.status !== undefined) return this.answerFault(fault, req, res, record)
    }

    if (area === 'storage') return this.serveStorage(req, res, url, record)
    if (graphql) return this.serveGraphql(req, res, raw, record, fault)

    if (!matched) {
      this.problems.push(`unknown route: ${method} ${url.pathname}${url.search}`)
      this.send(res, record, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' })
      return
    }
    const auth = req.headers.authorization ?? ''
    if (!new RegExp(`^(token|bearer) ${escapeRegExp(this.token)}$`, 'i').test(auth)) {
      this.problems.push(`${matched.route.operationId}: request without the workflow token`)
      this.send(res, record, 401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest'
      })
      return
    }
    const requestProblems = this.openapi.checkRequest(
      matched,
      url.searchParams,
      req.headers['content-type'],
      raw
    )
    if (requestProblems.length > 0) {
      for (const problem of requestProblems)
        this.problems.push(`${matched.route.operationId} ${method} ${url.pathname}: request ${problem}`)
      this.send(res, record, 422, {
        message: `Invalid request: ${requestProblems.join('; ')}`,
        documentation_url: 'https://docs.github.com/rest'
      })
      return
    }
    let body: unknown
    if (raw.length > 0 && matched.route.operation.requestBody?.content['application/json'])
      body = JSON.parse(raw.toString('utf8'))
    const ctx: HandlerContext = {
      state: this.state,
      params: matched.params,
      query: url.searchParams,
      body,
      raw,
      path: url.pathname,
      headers: req.headers,
      base: this.url,
      storageBase: this.storageUrl,
      sample: this.sample
    }
    const handler = handlers[matched.route.operationId]
    let result: HandlerResult
    try {
      result = handler
        ? handler(ctx)
        : error(501, `simulator has no handler for ${matched.route.operationId}`)
    } catch (thrown) {
      this.problems.push(`${matched.route.operationId}: handler crashed: ${(thrown as Error).stack}`)
      result = error(500, 'simulator handler crashed')
    }
    if (!handler) this.problems.push(`no handler for ${matched.route.operationId}`)
    this.validateResponse(matched, result)
    if (fault?.after) {
      fault.hits++
      record.fault = true
      if (fault.delayMs) await sleep(fault.delayMs)
      return this.answerFault(fault, req, res, record)
    }
    if (result.text !== undefined) {
      record.status = result.status
      record.bytes = Buffer.byteLength(result.text)
      res.writeHead(result.status, { 'content-type': 'text/plain; charset=utf-8', ...(result.headers ?? {}) })
      res.end(result.text)
      return
    }
    this.send(res, record, result.status, result.body, result.headers ?? {})
  }

  /**
   * `POST /graphql`: the token checked as for REST, the query validated against GitHub's published
   * schema and executed over the state (graphql.ts). Each call is one recorded request.
   */
  private serveGraphql(
    req: IncomingMessage,
    res: ServerResponse,
    raw: Buffer,
    record: RecordedRequest,
    fault: (Fault & { hits: number }) | undefined
  ): void {
    const auth = req.headers.authorization ?? ''
    if (!new RegExp(`^(token|bearer) ${escapeRegExp(this.token)}$`, 'i').test(auth)) {
      this.problems.push('graphql: request without the workflow token')
      this.send(res, record, 401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/graphql'
      })
      return
    }
    const answer = answerGraphql(this.state, raw)
    record.graphql = answer.kind
    this.graphqlQueries.push(raw.toString('utf8'))
    for (const problem of answer.problems) this.problems.push(`graphql: ${problem}`)
    if (fault?.after) {
      fault.hits++
      record.fault = true
      return this.answerFault(fault, req, res, record)
    }
    this.send(res, record, answer.status, answer.body)
  }

  /** A reset, or the fault's status (502 when it names none) with its body and headers. */
  private answerFault(
    fault: Fault,
    req: IncomingMessage,
    res: ServerResponse,
    record: RecordedRequest
  ): void {
    if (fault.reset) {
      record.status = -1
      req.socket.destroy()
      return
    }
    const status = fault.status ?? 502
    const body = fault.body ?? {
      message: `simulated ${status}`,
      documentation_url: 'https://docs.github.com/rest'
    }
    this.send(res, record, status, body, fault.headers ?? {})
  }

  private validateResponse(matched: MatchedRoute, result: HandlerResult): void {
    if (result.text !== undefined) return
    const problems = this.openapi.checkResponse(matched, result.status, result.body, result.headers ?? {})
    for (const problem of problems)
      this.problems.push(
        `${matched.route.operationId}: the simulator served a non-conforming ${result.status}: ${problem}`
      )
  }

  private send(
    res: ServerResponse,
    record: RecordedRequest,
    status: number,
    body: unknown,
    headers: Record<string, string> = {}
  ): void {
    const text = body === undefined || status === 204 || status === 302 ? '' : JSON.stringify(body)
    record.status = status
    record.bytes = Buffer.byteLength(text)
    res.writeHead(status, {
      'x-github-request-id': `SIM:${this.requests.length}`,
      ...(text && { 'content-type': 'application/json; charset=utf-8' }),
      ...headers
    })
    res.end(text)
  }

  /** Blob storage: signed URL, Range requests, no credentials accepted. */
  private serveStorage(req: IncomingMessage, res: ServerResponse, url: URL, record: RecordedRequest): void {
    if (req.headers.authorization) {
      this.problems.push(
        `storage: ${req.method} ${url.pathname} carried an Authorization header (the token left GitHub)`
      )
      record.status = 400
      res.writeHead(400, { 'content-type': 'application/xml' })
      res.end('<Error><Code>InvalidAuthenticationInfo</Code></Error>')
      return
    }
    const match = /^\/storage\/artifacts\/(\d+)\.zip$/.exec(url.pathname)
    const artifact = match ? this.state.artifacts.find((a) => a.id === Number(match[1])) : undefined
    if (
      !artifact ||
      url.searchParams.get('sig') !== 'simulated-signature' ||
      (req.method !== 'GET' && req.method !== 'HEAD')
    ) {
      if (!artifact) this.problems.push(`storage: unknown blob ${url.pathname}`)
      record.status = 404
      res.writeHead(404)
      res.end()
      return
    }
    const size = artifact.zip.size
    let start = 0
    let end = size
    let status = 200
    const range = req.headers.range
    if (range && !artifact.noRanges) {
      const parsed = /^bytes=(\d*)-(\d*)$/.exec(range.trim())
      if (!parsed || (parsed[1] === '' && parsed[2] === '')) {
        this.problems.push(`storage: malformed Range header "${range}"`)
      } else {
        if (parsed[1] === '') start = Math.max(0, size - Number(parsed[2]))
        else {
          start = Number(parsed[1])
          end = parsed[2] === '' ? size : Math.min(size, Number(parsed[2]) + 1)
        }
        if (start >= size || start >= end) {
          record.status = 416
          res.writeHead(416, { 'content-range': `bytes */${size}` })
          res.end()
          return
        }
        status = 206
      }
    }
    const headers: Record<string, string> = {
      'content-type': 'application/zip',
      'content-length': String(end - start),
      'accept-ranges': artifact.noRanges ? 'none' : 'bytes',
      etag: `"${artifact.digest.slice(7, 23)}"`
    }
    if (status === 206) headers['content-range'] = `bytes ${start}-${end - 1}/${size}`
    record.status = status
    res.writeHead(status, headers)
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    // Stream in 1 MiB pieces: a "2 GB" virtual artifact is never materialised at once.
    let at = start
    const pump = (): void => {
      while (at < end) {
        const next = Math.min(end, at + (1 << 20))
        const piece = sliceZip(artifact.zip, at, next)
        at = next
        record.bytes += piece.length
        if (!res.write(piece)) {
          res.once('drain', pump)
          return
        }
      }
      res.end()
    }
    res.on('close', () => {
      at = end
    })
    pump()
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
