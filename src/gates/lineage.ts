import type { EvidenceSet } from '../evidence/types.js'
import type { LineageField, LineageGate } from '../policy/types.js'
import { containsGitHubToken } from '../evidence/redact.js'
import { clip } from './bound.js'
import { describeValue } from './describe-value.js'
import type { Outcome } from './outcome.js'
import type { ModelFileCheck } from './types.js'

const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/
const GIT_SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/
// eslint-disable-next-line no-control-regex
const PLAIN_REFERENCE = /^[^\s\u0000-\u001f\u007f]{1,1024}$/

/**
 * Where a deploy job fetches the model from. The URI reaches action outputs, deploy scripts and
 * logs, so it is held to a narrow form: a known scheme, at most 2048 characters, no whitespace,
 * control or invisible format characters, no `\\`, no `..` segment (a path that climbs out of
 * a bucket or an artifact), no "%" or shell metacharacters, and nothing that may carry a secret:
 * no user-info (`user:token@`), no query or fragment (a presigned URL is a credential).
 */
const MODEL_URI_MAX = 2048
const MODEL_URI_SCHEMES = ['s3', 'gs', 'hf', 'az', 'abfs', 'abfss', 'oci', 'https'] as const
const MODEL_URI_FORMS = `${MODEL_URI_SCHEMES.map((s) => `${s}://`).join(', ')}, models:/, runs:/ or artifact:<name>`
// No "%" (an encoded "../" would slip past the segment check) and no shell metacharacters: deploy
// scripts interpolate this value.
const PLAIN_SEGMENT = /^[A-Za-z0-9._~:@+=-]+$/
const ARTIFACT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/

/** What is wrong with a model URI, or null when it is well-formed. */
export function modelUriProblem(value: string): string | null {
  if (value.length === 0) return 'is empty'
  if (value.length > MODEL_URI_MAX) return `is longer than ${MODEL_URI_MAX} characters`
  if (/[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(value)) return 'holds whitespace or control characters'
  if (/[\\?#]/.test(value))
    return 'holds "\\", "?" or "#" (no query strings: a presigned URL is a credential)'
  const match = /^([a-z][a-z0-9+.-]*):(.*)$/.exec(value)
  if (!match) return `has no scheme; expected ${MODEL_URI_FORMS}`
  const [, scheme, rest] = match as unknown as [string, string, string]
  let segments: string[]
  if (scheme === 'artifact') {
    segments = rest.split('/')
    if (!ARTIFACT_NAME.test(segments[0]!))
      return 'artifact:<name> needs an artifact name (letters, digits, ".", "_", "-")'
  } else if (scheme === 'models' || scheme === 'runs') {
    if (!rest.startsWith('/') || rest.startsWith('//')) return `${scheme}: URIs are written ${scheme}:/<path>`
    segments = rest.slice(1).split('/')
  } else if ((MODEL_URI_SCHEMES as readonly string[]).includes(scheme)) {
    if (!rest.startsWith('//')) return `${scheme} URIs are written ${scheme}://<host or bucket>/<path>`
    segments = rest.slice(2).split('/')
    const authority = segments[0]!
    if (authority === '') return 'has no host or bucket'
    // ADLS names `container@account.dfs.core.windows.net`; anywhere else "@" before the path is
    // user-info, and `user:secret@` is a credential in any scheme.
    const containerAtAccount = (scheme === 'abfs' || scheme === 'abfss') && !authority.includes(':')
    if (authority.includes('@') && !containerAtAccount)
      return 'holds user-info (credentials do not belong in a model URI)'
  } else {
    return `has scheme "${scheme}"; expected ${MODEL_URI_FORMS}`
  }
  // A trailing "/" names a prefix (a directory of model files); empty segments elsewhere do not.
  const inner = segments.at(-1) === '' ? segments.slice(0, -1) : segments
  if (inner.length === 0 || inner.some((segment) => segment === '')) return 'has an empty path segment'
  if (inner.some((segment) => segment === '.' || segment === '..')) return 'has a "." or ".." segment'
  if (!inner.every((segment) => PLAIN_SEGMENT.test(segment))) return 'holds characters outside a URI path'
  return null
}

/** What well-formed means per field; each rule says what it expects. */
export const LINEAGE_RULES: Record<LineageField, { test: (v: string) => boolean; expected: string }> = {
  model_digest: { test: (v) => SHA256_DIGEST.test(v), expected: 'sha256:<64 lowercase hex>' },
  environment_lock: {
    test: (v) => SHA256_DIGEST.test(v),
    expected: 'sha256:<64 lowercase hex> of the lock file'
  },
  code_commit: { test: (v) => GIT_SHA.test(v), expected: 'a full git commit sha (40 or 64 hex)' },
  data_snapshot: {
    test: (v) => PLAIN_REFERENCE.test(v) && !containsGitHubToken(v),
    expected: 'a snapshot reference (URI or id, no spaces)'
  },
  model_uri: {
    test: (v) => modelUriProblem(v) === null,
    expected: `a model URI (${MODEL_URI_FORMS}; no credentials, query or "..")`
  }
}

/** A lineage field as the record may show it: well-formed values as they are, others described. */
export function lineageValueShown(field: LineageField, value: unknown): unknown {
  return typeof value === 'string' && LINEAGE_RULES[field].test(value) ? value : describeValue(value)
}

/**
 * Largest model file whose digest is recomputed when the gate does not say otherwise
 * (`max_model_file_bytes`): 16 GiB, uncompressed. Hashing streams, so the bound is about time and
 * transfer (a model artifact is read once, whole), not memory.
 */
export const DEFAULT_MAX_MODEL_FILE_BYTES = 16 * 1024 ** 3

/** The file a lineage `model_uri: artifact:<name>[/<path>]` names: no path means the artifact's only file. */
export interface ArtifactModelFile {
  artifact: string
  path?: string
}

/**
 * Where `artifact:<name>[/<path>]` points, or what stops it naming one file: the URI must be
 * well-formed (no `..`, `%`, `\\` or empty segment, so no path can climb out of the artifact) and
 * name a file, not a directory (a digest is one file's).
 */
export function artifactModelFile(uri: string): ArtifactModelFile | { problem: string } {
  const problem = modelUriProblem(uri)
  if (problem) return { problem: `model_uri ${problem}` }
  if (!uri.startsWith('artifact:')) return { problem: 'model_uri does not name a workflow artifact' }
  const rest = uri.slice('artifact:'.length)
  const slash = rest.indexOf('/')
  if (slash < 0 || slash === rest.length - 1) return { artifact: slash < 0 ? rest : rest.slice(0, -1) }
  const path = rest.slice(slash + 1)
  if (path.endsWith('/'))
    return {
      problem:
        'model_uri names a directory of an artifact; model_digest is the digest of one file, so name the file (artifact:<name>/<path>)'
    }
  return { artifact: rest.slice(0, slash), path }
}

/**
 * The `model_uri` whose file a lineage gate must hash: the gate lists `model_digest` (it vouches
 * for the digest), has not opted out, and the lineage names the model inside a workflow artifact.
 * Other schemes (s3://, hf://, …) name storage modelgate does not read; the digest is then only
 * checked for form, or against `--model-file` when one is given.
 */
export function modelFileToVerify(gate: LineageGate, lineage: unknown): string | undefined {
  if (!gate.verify_model_file || !gate.fields.includes('model_digest')) return undefined
  if (!lineage || typeof lineage !== 'object' || Array.isArray(lineage)) return undefined
  const record = lineage as Record<string, unknown>
  const uri = Object.prototype.hasOwnProperty.call(record, 'model_uri') ? record.model_uri : undefined
  return typeof uri === 'string' && uri.startsWith('artifact:') ? uri : undefined
}

/** A path inside an artifact as messages may show it: plain URI segments only, else described. */
function shownPath(path: string | undefined): string {
  if (path === undefined) return "the artifact's only file"
  const plain = path.length <= 512 && path.split('/').every((segment) => PLAIN_SEGMENT.test(segment))
  return plain ? path : `a file whose name is ${String(describeValue(path))}`
}

/** Why an `artifact:` model_uri's file does or does not match model_digest; a problem or a note. */
function modelFileVerdict(
  uri: string,
  claimed: string,
  check: ModelFileCheck | undefined
): { problem: string } | { note: string; observed: Record<string, unknown> } {
  const location = artifactModelFile(uri)
  if ('problem' in location) return { problem: `${location.problem}; the model file cannot be verified` }
  const where = `model file ${shownPath(check?.path ?? location.path)} in artifact "${location.artifact}"`
  if (!check)
    return { problem: `${where} was not checked (nothing read the artifact); model_digest is unverified` }
  if (check.status === 'unchecked')
    return {
      problem: `${where} could not be verified against model_digest ${claimed}: ${clip(check.reason, 400)}`
    }
  if (check.digest !== claimed) {
    // The shell's own hash in the action; a library caller's value is shown only if it is one.
    const found = SHA256_DIGEST.test(check.digest) ? check.digest : String(describeValue(check.digest))
    return { problem: `${where} has digest ${found}, but lineage model_digest is ${claimed}` }
  }
  return {
    note: `${where} matches model_digest (${check.bytes} bytes hashed)`,
    observed: {
      artifact: location.artifact,
      path: shownPath(check.path),
      digest: check.digest,
      bytes: check.bytes
    }
  }
}

/**
 * Lineage fields must be well-formed; `model_digest` must match the model file when one was
 * hashed — the `--model-file` handed in, or the file an `artifact:` model_uri names, hashed by the
 * shell (`modelFiles`; one that was not, or could not be, fails closed) — and `code_commit` the
 * commit the version was registered on when that is known (a lineage file from another build
 * cannot vouch for this one).
 */
export function evaluateLineageGate(
  gate: LineageGate,
  candidate: EvidenceSet,
  modelDigest: string | undefined,
  registeredCommit?: string,
  modelFiles?: ReadonlyMap<string, ModelFileCheck>
): Outcome {
  const threshold = `well-formed: ${gate.fields.join(', ')}`
  const report = candidate.get(gate.evidence)
  if (!report)
    return { status: 'missing', threshold, message: `evidence "${gate.evidence}" was not provided` }
  const data = report.data
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return { status: 'error', threshold, message: `${report.source}: expected an object of lineage fields` }
  }
  const record = data as Record<string, unknown>
  const problems: string[] = []
  const observed: Record<string, unknown> = {}
  for (const field of gate.fields) {
    const value = Object.prototype.hasOwnProperty.call(record, field) ? record[field] : undefined
    observed[field] = lineageValueShown(field, value)
    const rule = LINEAGE_RULES[field]
    if (value === undefined || value === null || value === '') problems.push(`${field} is absent`)
    else if (typeof value !== 'string' || !rule.test(value)) {
      const why = field === 'model_uri' && typeof value === 'string' ? modelUriProblem(value) : null
      problems.push(why ? `model_uri ${why}` : `${field} is not ${rule.expected}`)
    }
  }
  const notes: string[] = []
  const listsDigest = gate.fields.includes('model_digest')
  if (problems.length === 0 && modelDigest !== undefined && listsDigest) {
    if (record.model_digest !== modelDigest) {
      problems.push(
        `model_digest ${String(record.model_digest)} does not match the model file (${modelDigest})`
      )
    } else notes.push('model file digest verified')
  } else if (problems.length === 0 && listsDigest) {
    // The file handed in (--model-file) is the one compared when there is one; otherwise the
    // artifact's, which the shell hashed (or says why it could not).
    const uri = modelFileToVerify(gate, record)
    if (uri !== undefined) {
      const verdict = modelFileVerdict(uri, String(record.model_digest), modelFiles?.get(uri))
      if ('problem' in verdict) problems.push(verdict.problem)
      else {
        notes.push(verdict.note)
        observed.model_file = verdict.observed
      }
    } else if (!gate.verify_model_file && String(record.model_uri ?? '').startsWith('artifact:'))
      notes.push('model file not verified (verify_model_file: false)')
  }
  if (
    problems.length === 0 &&
    registeredCommit !== undefined &&
    gate.fields.includes('code_commit') &&
    String(record.code_commit).toLowerCase() !== registeredCommit.toLowerCase()
  ) {
    problems.push(
      `code_commit ${String(record.code_commit)} is not the commit the version was registered on (${registeredCommit})`
    )
  }
  if (problems.length > 0) return { status: 'fail', threshold, observed, message: problems.join('; ') }
  if (registeredCommit !== undefined && gate.fields.includes('code_commit'))
    notes.push('code_commit is the registered commit')
  return {
    status: 'pass',
    threshold,
    observed,
    message: `${gate.fields.length} fields well-formed${notes.map((note) => `; ${note}`).join('')}`
  }
}
