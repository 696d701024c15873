import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { LineCounter, parseDocument, type Document, type YAMLError } from 'yaml'
import type { z } from 'zod'
import { PolicyError, type SourceLocation } from '../errors.js'
import { describeValue, withArticle } from './describe.js'
import { formatKeyPath, keyPathAtOffset, locatePath, type KeyPath } from './locate.js'
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
  // Unknown tags (`!!js/function`, `!foo`) are only warnings to the parser; a policy has no use for them.
  const syntax = doc.errors[0] ?? doc.warnings.find((warning) => warning.code === 'TAG_RESOLVE_FAILED')
  if (syntax) throw syntaxError(syntax, doc, lineCounter, file)
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
  const hostile = prototypeKeyPath(data)
  if (hostile) fail(`the key "__proto__" is not allowed`, hostile, true)
  const parsed = policySchema.safeParse(data)
  if (!parsed.success) throw issueToError(parsed.error.issues, data, doc, lineCounter, file)
  return normalizePolicy(parsed.data, fail)
}

/**
 * The id git gives these bytes as a blob (`git hash-object`): sha1 over `blob <length>\0` and the
 * bytes, computed here rather than by a git process. SHA-1 object ids are what nearly every
 * repository uses; one created with `--object-format=sha256` names blobs otherwise, and a record's
 * `sha256` field still identifies the bytes there.
 */
export function gitBlobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
}

function fingerprint(bytes: Buffer, path: string): NonNullable<Policy['source']> {
  return { path, sha256: createHash('sha256').update(bytes).digest('hex'), git_blob: gitBlobId(bytes) }
}

/** Parses and fingerprints a policy read from elsewhere (the repository at a pinned ref). */
export function policyFromText(text: string, file: string): Policy {
  const policy = parsePolicy(text, file)
  policy.source = fingerprint(Buffer.from(text, 'utf8'), file)
  return policy
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
  policy.source = fingerprint(bytes, file)
  return policy
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim()
}

/** The parser's message without its own ` at line L, column C:` suffix and code excerpt. */
function parserMessage(error: YAMLError): string {
  return firstLine(error.message)
    .replace(/ at line \d+, column \d+:?$/, '')
    .replace(/:$/, '')
}

function syntaxError(error: YAMLError, doc: Document, lineCounter: LineCounter, file: string): PolicyError {
  const { line, col } = lineCounter.linePos(error.pos[0])
  const location: SourceLocation = { file, line, column: col }
  switch (error.code) {
    case 'DUPLICATE_KEY': {
      const path = keyPathAtOffset(doc, error.pos[0])
      if (!path) return new PolicyError('duplicate key', location)
      const first = locatePath(doc, lineCounter, file, path, true)
      return new PolicyError(`duplicate key; it is first given at line ${first.line}`, {
        ...location,
        path: formatKeyPath(path)
      })
    }
    case 'MULTIPLE_DOCS':
      return new PolicyError(
        'a policy is a single YAML document; remove the second one (after ---)',
        location
      )
    case 'TAG_RESOLVE_FAILED':
      return new PolicyError(
        `${parserMessage(error).replace(/^Unresolved tag/, 'unsupported YAML tag')}`,
        location
      )
    default:
      return new PolicyError(`invalid YAML: ${parserMessage(error)}`, location)
  }
}

/**
 * The path of the first `__proto__` key. zod drops such keys from records without a word, which
 * would silently lose a declared entry, so the loader refuses them before validation.
 */
function prototypeKeyPath(data: unknown): KeyPath | undefined {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value: data, path: [] }]
  while (stack.length > 0) {
    const { value, path } = stack.pop()!
    if (value === null || typeof value !== 'object') continue
    if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, path: [...path, index] }))
      continue
    }
    if (Object.prototype.hasOwnProperty.call(value, '__proto__')) return [...path, '__proto__']
    for (const key of Object.keys(value))
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] })
  }
  return undefined
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
    const location: SourceLocation = locatePath(doc, lineCounter, file, [...path, key], true)
    // YAML 1.2 has no merge keys; the parser reads `<<` as an ordinary (unknown) key.
    if (key === '<<')
      return new PolicyError('YAML merge keys (<<) are not supported; write the keys out', location)
    const suggestion = nearest(key, allowedKeysAt(path))
    return new PolicyError(`unknown key${suggestion ? `; did you mean "${suggestion}"?` : ''}`, location)
  }
  if (issue.code === 'invalid_key') {
    // A record key (an evidence name) that breaks the naming rule: point at the key itself.
    const inner = issue.issues[0]
    const reason = inner?.message ?? 'invalid name'
    return new PolicyError(
      `${reason}, got ${describeValue(path[path.length - 1])}`,
      locatePath(doc, lineCounter, file, path, true)
    )
  }
  const value = valueAt(data, path)
  const location = locatePath(doc, lineCounter, file, path)
  return new PolicyError(describeIssue(issue, value), location)
}

/** zod's type names as a policy author would say them. */
const TYPE_NOUNS: Record<string, string> = { array: 'list', object: 'mapping', int: 'integer' }

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const got = `got ${describeValue(value)}`
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined)
        return `required key is missing (expected ${withArticle(TYPE_NOUNS[issue.expected] ?? issue.expected)})`
      return `expected ${withArticle(TYPE_NOUNS[issue.expected] ?? issue.expected)}, ${got}`
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
