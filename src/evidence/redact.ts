/**
 * Values shaped like GitHub credentials: personal access tokens (`ghp_`, fine-grained
 * `github_pat_`), OAuth (`gho_`), user-to-server (`ghu_`), server-to-server and workflow tokens
 * (`ghs_`) and refresh tokens (`ghr_`). Whatever a file or an API answer holds, none of these is
 * ever written to a record, a message, a summary or a log: each is replaced by a fixed marker.
 * One character class per alternative and no nesting, so matching stays linear in the input.
 */
const GITHUB_TOKEN = /gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}/g

export const REDACTED_TOKEN = '[redacted: GitHub token]'

export function containsGitHubToken(text: string): boolean {
  GITHUB_TOKEN.lastIndex = 0
  const found = GITHUB_TOKEN.test(text)
  GITHUB_TOKEN.lastIndex = 0
  return found
}

export function redactGitHubTokens(text: string): string {
  return text.replace(GITHUB_TOKEN, REDACTED_TOKEN)
}

/** A copy of a JSON-like value with every token-shaped substring of every string (keys too) redacted. */
export function redactDeep<T>(value: T): T {
  return redact(value, 0) as T
}

function redact(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactGitHubTokens(value)
  // Records are shallow; anything deeper than this was not built by modelgate and is dropped.
  if (value === null || typeof value !== 'object' || depth > 64) return depth > 64 ? null : value
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value as Record<string, unknown>))
    out[redactGitHubTokens(key)] = redact(item, depth + 1)
  return out
}
