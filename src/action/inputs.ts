import * as core from '@actions/core'
import { UsageError } from '../errors.js'

export type ActionCommand = 'evaluate' | 'promote' | 'rollback' | 'resolve'
const COMMANDS: readonly ActionCommand[] = ['evaluate', 'promote', 'rollback', 'resolve']

export interface ActionInputs {
  command: ActionCommand
  policy: string
  model: string
  version: string
  to: string
  from?: string
  /** Multiline `name=path`, one per line; blank lines and `#` comments ignored. */
  evidence: string[]
  baselineEvidence: string[]
  token: string
  dryRun: boolean
}

const optional = (name: string): string | undefined => core.getInput(name).trim() || undefined

function lines(name: string): string[] {
  return core
    .getMultilineInput(name)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
}

/** Reads and validates the action's inputs (SPEC §6); the token is masked before anything else. */
export function readInputs(): ActionInputs {
  const token = core.getInput('github-token')
  if (token) core.setSecret(token)
  const command = (optional('command') ?? 'promote') as ActionCommand
  if (!COMMANDS.includes(command))
    throw new UsageError(`input command must be one of ${COMMANDS.join(', ')}, got "${command}"`)
  const required = (name: string): string => {
    const value = optional(name)
    if (!value) throw new UsageError(`input ${name} is required for command ${command}`)
    return value
  }
  return {
    command,
    policy: required('policy'),
    model: required('model'),
    version:
      command === 'resolve' || command === 'rollback' ? (optional('version') ?? '') : required('version'),
    to: command === 'resolve' || command === 'rollback' ? (optional('to') ?? '') : required('to'),
    ...(optional('from') !== undefined && { from: optional('from')! }),
    evidence: lines('evidence'),
    baselineEvidence: lines('baseline-evidence'),
    token,
    dryRun: core.getBooleanInput('dry-run', { required: false })
  }
}
