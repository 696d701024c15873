import { GitHubError } from '../errors.js'

/**
 * Every failed GitHub call ends as one `GitHubError` that names the operation (method and route
 * template, never the expanded URL with its query), the HTTP status, GitHub's own message, and,
 * for 403/404, the `permissions:` entry the job most likely lacks. The token never appears: the
 * client scrubs it from anything it quotes.
 */

/** A failure of one REST call, before a module adds what it was doing. */
export class GitHubRequestError extends GitHubError {
  constructor(
    /** `GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals` */
    readonly operation: string,
    status: number | undefined,
    /** GitHub's `message` (or the network failure), token scrubbed. */
    readonly detail: string
  ) {
    super(formatFailure(operation, status, detail, permissionHint(operation, status)), status)
    this.name = 'GitHubError'
  }
}

/**
 * The permission a route needs, for the hint on a 403/404. Facts from GitHub's REST reference
 * ("Fine-grained access tokens" section of each endpoint) and the GITHUB_TOKEN permission table.
 */
export function requiredPermission(operation: string): string | undefined {
  const [method = 'GET', path = ''] = operation.split(' ', 2)
  const write = method !== 'GET' && method !== 'HEAD'
  if (/\/actions\//.test(path)) return 'actions: read'
  if (/\/environments(\/|$)/.test(path)) return 'actions: read'
  if (/\/check-runs(\/|$)|\/check-suites(\/|$)/.test(path)) return 'checks: read'
  if (/\/statuses\/|\/commits\/[^/]+\/status(es)?$/.test(path))
    return write ? 'statuses: write' : 'statuses: read'
  if (/\/deployments(\/|$)/.test(path)) return write ? 'deployments: write' : 'deployments: read'
  if (/\/git\/|\/releases|\/commits(\/|$)|\/contents\//.test(path))
    return write ? 'contents: write' : 'contents: read'
  return undefined
}

export function permissionHint(operation: string, status: number | undefined): string | undefined {
  if (status !== 403 && status !== 404) return undefined
  const permission = requiredPermission(operation)
  return permission && `the job needs \`permissions: ${permission}\``
}

function formatFailure(
  operation: string,
  status: number | undefined,
  detail: string,
  hint: string | undefined
): string {
  const code = status === undefined ? '' : ` (HTTP ${status})`
  return `${operation} failed${code}: ${detail}${hint ? `; ${hint}` : ''}`
}

/** Removes every occurrence of each secret from a text that may be shown to users. */
export function scrub(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join('***')
  // Bearer/token headers quoted back by a proxy, and signed-URL query strings (SAS `sig=`).
  return out
    .replace(/\b(token|bearer)\s+[\w.-]{8,}/gi, '$1 ***')
    .replace(/([?&](?:sig|signature|X-Amz-Signature|token)=)[^&\s]+/gi, '$1***')
}
