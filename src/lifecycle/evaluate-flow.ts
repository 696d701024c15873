import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { parseEnvironmentReviews } from '../approvals/parse.js'
import type { ScreenedReviews } from '../approvals/guard.js'
import type { EnvironmentReview } from '../approvals/types.js'
import { ArchiveError, EvidenceError, UsageError } from '../errors.js'
import { loadEvidence } from '../evidence/load.js'
import { parseStructured } from '../evidence/readers/structured.js'
import { evidenceNamesFor } from '../evidence/required.js'
import type { EvidenceSource, ModelFileSource } from '../evidence/source.js'
import type { EvidenceSet, LoadedEvidence } from '../evidence/types.js'
import { artifactModelFile, DEFAULT_MAX_MODEL_FILE_BYTES, modelFileToVerify } from '../gates/lineage.js'
import type { ChecksByApp, EvaluationInput, ModelFileCheck } from '../gates/types.js'
import { findTransition, modelMatches } from '../policy/transitions.js'
import type { EvidenceFormat, EvidenceSpec, Policy, Transition } from '../policy/types.js'
import { normalizeVersion } from '../policy/model-version.js'

export interface EvaluationOptions {
  model: string
  version: string
  to: string
  from?: string
  /** `--evidence name=path` overrides of the policy's evidence paths. */
  evidence?: ReadonlyMap<string, string>
  /** `--baseline-evidence name=path`. */
  baselineEvidence?: ReadonlyMap<string, string>
  /** The version in the baseline stage: a version, null for none, undefined to infer. */
  baselineVersion?: string | null
  /** Who triggered the run (CLI `--actor`): never counts as an approver under prevent_self_approval. */
  actor?: string
  /** Everyone who asked for the run (every attempt's requester): none of them counts either. */
  requesters?: readonly string[]
  /** `sha256:<hex>` of the model file, when at hand. */
  modelDigest?: string
  checks?: Readonly<Record<string, string>>
  /** Check results per GitHub App, for `checks` gates that pin `app:`. */
  checksByApp?: ChecksByApp
  /** The commit the version was registered on, when the registry was read. */
  registeredCommit?: string
}

export interface EvaluationDeps {
  source: EvidenceSource
  /** Where baseline evidence paths are read from; default `source`. */
  baselineSource?: EvidenceSource
  /**
   * The only way approvals enter: the CLI's file, or the GitHub API in the action, there screened
   * against the environments' reviewers (what was set aside is shown beside what is counted).
   */
  approvals?: () => Promise<readonly EnvironmentReview[] | ScreenedReviews>
  now: () => Date
  /** Whether a spec with `artifact:` can be served by `source` (the action) or not (the CLI). */
  artifacts?: boolean
  /**
   * Hashes the model file a lineage `model_uri: artifact:…` names (the action's workflow
   * artifacts). Without it such a file cannot be checked, and a lineage gate that vouches for
   * model_digest fails closed.
   */
  modelFiles?: ModelFileSource
}

export interface PreparedEvaluation {
  input: EvaluationInput
  /** Evidence names the gates read that nobody provided, with why. */
  unavailable: Map<string, string>
}

const formatFromPath = (path: string): EvidenceFormat => (/\.ya?ml$/i.test(path) ? 'yaml' : 'json')

/** The spec to read for `name`: the policy's, with the path overridden by a flag when given. */
function specFor(policy: Policy, name: string, overridePath: string | undefined): EvidenceSpec | undefined {
  const declared = policy.evidence[name]
  if (overridePath !== undefined) {
    const spec: EvidenceSpec = {
      ...(declared ?? { format: formatFromPath(overridePath) }),
      path: overridePath
    }
    delete spec.artifact
    return spec
  }
  return declared
}

/**
 * Gathers everything `evaluate` needs: the candidate's and the baseline's evidence (only what the
 * transition's gates read, plus anything named explicitly), approvals, checks.
 */
export async function prepareEvaluation(
  policy: Policy,
  options: EvaluationOptions,
  deps: EvaluationDeps
): Promise<PreparedEvaluation> {
  if (!modelMatches(policy, options.model)) {
    throw new UsageError(`model "${options.model}" is not governed by this policy (model: ${policy.model})`)
  }
  const version = normalizeVersion(options.version)
  const transition = findTransition(policy, options.to, options.from)
  const needed = evidenceNamesFor(transition)
  const unavailable = new Map<string, string>()

  const candidate = new Map<string, LoadedEvidence>()
  const names = new Set([...needed, ...(options.evidence?.keys() ?? [])])
  for (const name of names) {
    const spec = specFor(policy, name, options.evidence?.get(name))
    if (!spec) {
      // `checks` gates read the checks handed in (GitHub's, in the action) when no file is declared.
      if (name === 'checks' && options.checks) continue
      unavailable.set(name, `not declared in the policy and not given with --evidence ${name}=FILE`)
      continue
    }
    if (spec.artifact && !deps.artifacts) {
      unavailable.set(
        name,
        `comes from artifact "${spec.artifact}"; outside GitHub Actions give --evidence ${name}=FILE`
      )
      continue
    }
    if (!spec.path && spec.format !== 'samples') {
      unavailable.set(name, `has no path; give --evidence ${name}=FILE`)
      continue
    }
    candidate.set(name, await loadEvidence(name, spec, deps.source))
  }

  const modelFiles = await checkModelFiles(policy, transition, candidate, options, deps)

  const baselineEvidence = new Map<string, LoadedEvidence>()
  for (const [name, path] of options.baselineEvidence ?? []) {
    const spec = specFor(policy, name, path)!
    baselineEvidence.set(name, await loadEvidence(name, spec, deps.baselineSource ?? deps.source))
  }
  let baselineVersion: string | null
  if (options.baselineVersion !== undefined) {
    baselineVersion = options.baselineVersion === null ? null : normalizeVersion(options.baselineVersion)
  } else {
    baselineVersion = baselineEvidence.size > 0 ? 'baseline' : null
  }

  const input: EvaluationInput = {
    policy,
    request: { model: options.model, version, to: transition.to, from: transition.from },
    candidate: candidate as EvidenceSet,
    baseline: { version: baselineVersion, evidence: baselineEvidence },
    ...(options.checks && { checks: options.checks }),
    ...(options.checksByApp && { checksByApp: options.checksByApp }),
    ...(options.modelDigest && { modelDigest: options.modelDigest }),
    ...(modelFiles.size > 0 && { modelFiles }),
    ...(options.registeredCommit && { registeredCommit: options.registeredCommit })
  }
  const requesters = [...(options.actor !== undefined ? [options.actor] : []), ...(options.requesters ?? [])]
  // Reviews are asked for only when the transition counts them: a transition without approvals
  // makes no approvals call at all (a local run or a server without that endpoint still works).
  if (deps.approvals && transition.approvals) {
    const answer = await deps.approvals()
    const screened = Array.isArray(answer) ? { reviews: answer, ignored: [] } : (answer as ScreenedReviews)
    input.approvals = {
      reviews: screened.reviews,
      ...(screened.ignored.length > 0 && { screened: screened.ignored }),
      ...(requesters.length > 0 && { requesters }),
      observedAt: deps.now().toISOString()
    }
  } else if (requesters.length > 0) {
    input.approvals = { reviews: [], requesters }
  }
  return { input, unavailable }
}

const OUTSIDE_ACTIONS =
  'a workflow artifact cannot be read outside GitHub Actions; give --model-file FILE (that file, downloaded) to compare it, or set verify_model_file: false on the gate to skip the check'

/**
 * The edge of the lineage gate: each model file an `artifact:` model_uri names (for gates that
 * vouch for model_digest) is hashed where it lies, once per URI, and handed to the pure gate as
 * observed data. A file that cannot be hashed is handed over with why, and the gate fails closed;
 * a malformed URI (`..`, a directory) is never read at all — the gate names its problem.
 * A `--model-file` handed in is what the gates compare instead.
 */
async function checkModelFiles(
  policy: Policy,
  transition: Transition,
  candidate: ReadonlyMap<string, LoadedEvidence>,
  options: EvaluationOptions,
  deps: EvaluationDeps
): Promise<Map<string, ModelFileCheck>> {
  const checks = new Map<string, ModelFileCheck>()
  if (options.modelDigest !== undefined) return checks
  for (const gate of transition.gates) {
    if (gate.kind !== 'lineage') continue
    const uri = modelFileToVerify(gate, candidate.get(gate.evidence)?.data)
    if (uri === undefined || checks.has(uri)) continue
    const location = artifactModelFile(uri)
    if ('problem' in location) continue
    const where = { artifact: location.artifact, ...(location.path !== undefined && { path: location.path }) }
    if (!deps.modelFiles) {
      checks.set(uri, { status: 'unchecked', ...where, reason: OUTSIDE_ACTIONS })
      continue
    }
    const spec = specFor(policy, gate.evidence, options.evidence?.get(gate.evidence))
    try {
      const file = await deps.modelFiles.digest({
        ...where,
        maxBytes: gate.max_model_file_bytes ?? DEFAULT_MAX_MODEL_FILE_BYTES,
        allowForkRuns: spec?.allow_fork_runs === true
      })
      checks.set(uri, { status: 'hashed', artifact: location.artifact, ...file })
    } catch (error) {
      // Absent, refused or unreadable: the gate says why. Anything else (GitHub refusing the
      // token, say) stops the evaluation as an error, as a failed evidence read does.
      if (!(error instanceof EvidenceError || error instanceof ArchiveError)) throw error
      checks.set(uri, { status: 'unchecked', ...where, reason: error.message })
    }
  }
  return checks
}

/** `--approvals FILE`: the JSON of GitHub's run-approvals endpoint. */
export function approvalsFromFile(source: EvidenceSource, path: string): () => Promise<EnvironmentReview[]> {
  return async () => {
    const file = await source.read('approvals', { format: 'json' }, path)
    return parseEnvironmentReviews(parseStructured(file), file.display)
  }
}

/** sha256 of a file, streamed (model files are large). */
export async function fileDigest(path: string): Promise<string> {
  const hash = createHash('sha256')
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new EvidenceError(
      `cannot read the model file: ${code === 'ENOENT' ? 'no such file' : String(code)}`,
      { file: path }
    )
  }
  return `sha256:${hash.digest('hex')}`
}
