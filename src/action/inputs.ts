import * as core from '@actions/core'
import type { AdminBypass } from '../approvals/guard.js'
import { UsageError } from '../errors.js'
import { assertModelName, assertStageName } from '../registry/gto.js'

/**
 * The action's inputs, as docs/action.md documents them. Nothing here can add an approval: approvals
 * come only from the workflow run's review history through the API.
 */

export type ActionCommand =
  'evaluate' | 'preview' | 'promote' | 'rollback' | 'resolve' | 'register' | 'replay'
export const COMMANDS: readonly ActionCommand[] = [
  'evaluate',
  'preview',
  'promote',
  'rollback',
  'resolve',
  'register',
  'replay'
]

export interface ActionInputs {
  command: ActionCommand
  /** Policy file, relative to the workspace; empty for `resolve` and `register`. */
  policy: string
  model: string
  /** Normalised later by the flows (`3` means v3.0.0); empty for `resolve` and `rollback`. */
  version: string
  /** Target stage of `evaluate` / `promote`. */
  to: string
  from?: string
  /** `name=path` lines. A path `artifact:<artifact>/<file>` reads from a workflow artifact. */
  evidence: string[]
  baselineEvidence: string[]
  /**
   * `rollback`: monitoring `name=path` lines (timeseries or Prometheus query_range JSON); empty
   * means the policy's declared timeseries/prometheus evidence the triggers read.
   */
  monitoring: string[]
  /** `resolve` / `rollback`: the stage (default: the last stage for rollback). */
  stage?: string
  /** `register`: the commit that produced the model (default: the workflow's `GITHUB_SHA`). */
  commit?: string
  /** Workflow run whose artifacts hold the evidence; default this run. */
  artifactsRunId?: number
  token: string
  dryRun: boolean
  /**
   * An approval environment lets administrators bypass its rules: `refuse` (default) fails the
   * promotion, `warn` goes on with a warning (approvals still come only from listed reviewers).
   */
  adminBypass: AdminBypass
  /**
   * Where the policy is read from: a ref (branch, tag or sha) read through the API; `workspace`
   * for the checked-out file. Unset: promote and rollback read it at the default branch,
   * evaluate reads the workspace.
   */
  policyRef?: string
  /** `resolve`: answer from assignments that carry a modelgate record only. */
  verifiedOnly: boolean
  /**
   * Sign every record written with Sigstore: `auto` when the job has an OIDC token, `true` always
   * (failing when it cannot), `false` never.
   */
  attest: AttestMode
}

export type AttestMode = 'auto' | 'true' | 'false'

const optional = (name: string): string | undefined => core.getInput(name).trim() || undefined

function lines(name: string): string[] {
  return core
    .getMultilineInput(name)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
}

function booleanInput(name: string): boolean {
  const value = (optional(name) ?? 'false').toLowerCase()
  if (['true', 'yes', 'on', '1'].includes(value)) return true
  if (['false', 'no', 'off', '0'].includes(value)) return false
  throw new UsageError(`input ${name} must be true or false, got "${value}"`)
}

/** What each command needs beyond `model`. */
const NEEDS: Record<ActionCommand, Array<'policy' | 'version' | 'to'>> = {
  evaluate: ['policy', 'version', 'to'],
  preview: ['policy', 'version', 'to'],
  promote: ['policy', 'version', 'to'],
  rollback: ['policy'],
  resolve: [],
  register: ['version'],
  replay: ['policy']
}

/** Reads and validates the inputs. The token is registered as a secret before anything else runs. */
export function readInputs(): ActionInputs {
  const token = core.getInput('github-token')
  if (token) core.setSecret(token)
  const command = (optional('command') ?? 'promote').toLowerCase() as ActionCommand
  if (!COMMANDS.includes(command))
    throw new UsageError(`input command must be one of ${COMMANDS.join(', ')}, got "${command}"`)
  const model = optional('model')
  if (!model) throw new UsageError(`input model is required for command ${command}`)
  // Names are checked before anything logs them: a newline in one must never reach a log line.
  assertModelName(model)
  for (const name of ['to', 'from', 'stage'] as const) {
    const given = optional(name)
    if (given !== undefined) assertStageName(given)
  }
  const needs = NEEDS[command]
  const value = (name: 'policy' | 'version' | 'to'): string => {
    const given = optional(name)
    if (!given && needs.includes(name))
      throw new UsageError(`input ${name} is required for command ${command}`)
    return given ?? ''
  }
  const runId = optional('artifacts-run-id')
  if (runId !== undefined && !/^\d+$/.test(runId))
    throw new UsageError(`input artifacts-run-id must be a workflow run id (digits), got "${runId}"`)
  // Empty for rollback means the monitoring the policy declares for the triggers.
  const monitoring = lines('monitoring')
  const stage = optional('stage')
  if (command === 'resolve' && stage === undefined)
    throw new UsageError('input stage is required for command resolve')
  const from = optional('from')
  const commit = optional('commit')
  const policyRef = optional('policy-ref')
  const adminBypass = (optional('admin-bypass') ?? 'refuse').toLowerCase()
  if (adminBypass !== 'refuse' && adminBypass !== 'warn')
    throw new UsageError(`input admin-bypass must be refuse or warn, got "${adminBypass}"`)
  const attest = (optional('attest') ?? 'auto').toLowerCase()
  if (attest !== 'auto' && attest !== 'true' && attest !== 'false')
    throw new UsageError(`input attest must be auto, true or false, got "${attest}"`)
  return {
    command,
    policy: value('policy'),
    model,
    version: value('version'),
    to: value('to'),
    ...(from !== undefined && { from }),
    evidence: lines('evidence'),
    baselineEvidence: lines('baseline-evidence'),
    monitoring,
    ...(stage !== undefined && { stage }),
    ...(commit !== undefined && { commit }),
    ...(runId !== undefined && { artifactsRunId: Number(runId) }),
    token,
    dryRun: booleanInput('dry-run'),
    adminBypass,
    ...(policyRef !== undefined && { policyRef }),
    verifiedOnly: booleanInput('verified-only'),
    attest
  }
}
