import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { LineCounter, parseDocument, type Document } from 'yaml'
import type { z } from 'zod'
import { PolicyError, type SourceLocation } from '../errors.js'
import { describeValue, withArticle } from './describe.js'
import { locatePath, type KeyPath } from './locate.js'
import { normalizePolicy } from './normalize.js'
import { policySchema } from './schema.js'
import { allowedKeysAt } from './shape.js'
import { nearest } from './suggest.js'
import type { Policy } from './types.js'

/** Alias expansion cap: a handful of anchors is normal, a billion laughs is not. */
const MAX_ALIAS_COUNT = 100
const MAX_POLICY_BYTES = 1 << 20

/**
 * Parses and validates a policy (YAML or JSON; JSON is YAML). Every error is a PolicyError that
 * names file:line:column, the key path, and what was expected.
 */
export function parsePolicy(text: string, file: string): Policy {
  if (text.length > MAX_POLICY_BYTES)
    throw new PolicyError(`policy is larger than ${MAX_POLICY_BYTES} bytes`, { file })
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true, strict: true })
  const syntax = doc.errors[0]
  if (syntax) {
    const [line, column] = syntax.linePos?.[0]
      ? [syntax.linePos[0].line, syntax.linePos[0].col]
      : [undefined, undefined]
    const message =
      syntax.code === 'DUPLICATE_KEY'
        ? `duplicate key ${JSON.stringify(text.slice(syntax.pos[0]).split(/[:\n]/)[0]!.trim())}`
        : firstLine(syntax.message)
    throw new PolicyError(message, { file, line, column })
  }
  const fail = (message: string, path: KeyPath, atKey = false): never => {
    throw new PolicyError(message, locatePath(doc, lineCounter, file, path, atKey))
  }

  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (error) {
    throw new PolicyError(`refused: ${firstLine((error as Error).message)} (aliases expand too far)`, {
      file
    })
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new PolicyError(
      `expected a mapping with version, model, stages and transitions, got ${describeValue(data)}`,
      {
        file,
        line: 1,
        column: 1
      }
    )
  }
  const parsed = policySchema.safeParse(data)
  if (!parsed.success) throw issueToError(parsed.error.issues, data, doc, lineCounter, file)
  return normalizePolicy(parsed.data, fail)
}

/** Reads, parses and fingerprints a policy file. */
export async function loadPolicy(file: string): Promise<Policy> {
  let bytes: Buffer
  try {
    bytes = await readFile(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(code ?? error)
    throw new PolicyError(`cannot read policy: ${reason}`, { file })
  }
  const policy = parsePolicy(bytes.toString('utf8'), file)
  policy.source = { path: file, sha256: createHash('sha256').update(bytes).digest('hex') }
  return policy
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim()
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = data
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined
    if (!Object.prototype.hasOwnProperty.call(value, segment)) return undefined
    value = (value as Record<PropertyKey, unknown>)[segment]
  }
  return value
}

/** Picks the most useful issue (the deepest one) and phrases it for a person. */
function issueToError(
  issues: readonly z.core.$ZodIssue[],
  data: unknown,
  doc: Document,
  lineCounter: LineCounter,
  file: string
): PolicyError {
  // An unknown key first: a misspelt key also makes the real one look missing.
  const rank = (issue: z.core.$ZodIssue): number =>
    (issue.code === 'unrecognized_keys' ? 1000 : 0) + issue.path.length
  const issue = [...issues].sort((a, b) => rank(b) - rank(a))[0]!
  const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol')
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!
    const suggestion = nearest(key, allowedKeysAt(path))
    const location: SourceLocation = locatePath(doc, lineCounter, file, [...path, key], true)
    return new PolicyError(`unknown key${suggestion ? `; did you mean "${suggestion}"?` : ''}`, location)
  }
  const value = valueAt(data, path)
  const location = locatePath(doc, lineCounter, file, path)
  return new PolicyError(describeIssue(issue, value), location)
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const got = `got ${describeValue(value)}`
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return `required key is missing (expected ${withArticle(issue.expected)})`
      return `expected ${withArticle(issue.expected === 'array' ? 'list' : issue.expected === 'object' ? 'mapping' : issue.expected)}, ${got}`
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, ${got}`
    case 'too_small':
      if (issue.origin === 'array')
        return `expected at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`
      if (issue.origin === 'string') return 'must not be empty'
      return `expected ${issue.inclusive ? '≥' : '>'} ${issue.minimum}, ${got}`
    case 'too_big':
      if (issue.origin === 'array') return `expected at most ${issue.maximum} items`
      if (issue.origin === 'string') return `expected at most ${issue.maximum} characters`
      return `expected ${issue.inclusive ? '≤' : '<'} ${issue.maximum}, ${got}`
    case 'invalid_union':
      return `unexpected value, ${got}`
    default:
      return `${issue.message}, ${got}`
  }
}
