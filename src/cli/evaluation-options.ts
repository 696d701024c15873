import { resolve } from 'node:path'
import type { Command } from 'commander'
import { LocalEvidenceSource } from '../evidence/local-source.js'
import {
  approvalsFromFile,
  fileDigest,
  type EvaluationDeps,
  type EvaluationOptions
} from '../lifecycle/evaluate-flow.js'
import type { CliIO } from './io.js'
import { findRepositoryRoot } from './repository-root.js'
import { parseNamedPaths } from '../evidence/named-paths.js'
import { collect, parseFormat, type OutputFormat } from './options.js'

/** The flags `evaluate` and `promote` share (docs/cli.md). */
export function addEvaluationFlags(command: Command): Command {
  return command
    .requiredOption('--policy <file>', 'policy file (YAML or JSON)')
    .requiredOption('--model <name>', 'model name')
    .requiredOption('--version <version>', 'candidate version (7 means v7.0.0)')
    .requiredOption('--to <stage>', 'target stage')
    .option('--from <stage>', 'source stage (default: the stage before --to)')
    .option('--evidence <name=path>', 'evidence file, overriding the policy (repeatable)', collect)
    .option('--baseline-evidence <name=path>', "the baseline version's evidence (repeatable)", collect)
    .option('--baseline-version <version>', 'the version in the baseline stage (evaluate: default inferred)')
    .option('--no-baseline', 'there is no model in the baseline stage: vs_baseline gates are skipped')
    .option('--approvals <file>', 'approvals as GET /actions/runs/{run_id}/approvals returns them')
    .option('--actor <login>', 'who triggered the run (never counts as an approver)')
    .option('--model-file <file>', "recompute the model's sha256 and compare it with lineage model_digest")
    .option('--format <format>', 'text, json or markdown', 'text')
}

export interface EvaluationFlags {
  policy: string
  model: string
  version: string
  to: string
  from?: string
  evidence?: string[]
  baselineEvidence?: string[]
  baselineVersion?: string
  baseline?: boolean
  approvals?: string
  actor?: string
  modelFile?: string
  format?: string
}

export interface CliEvaluation {
  policyPath: string
  options: EvaluationOptions
  deps: EvaluationDeps
  format: OutputFormat
}

export async function cliEvaluation(flags: EvaluationFlags, io: CliIO): Promise<CliEvaluation> {
  const format = parseFormat(flags.format)
  const root = await findRepositoryRoot(io.cwd)
  const source = new LocalEvidenceSource(io.cwd, 'the working directory', root ?? undefined)
  const options: EvaluationOptions = {
    model: flags.model,
    version: flags.version,
    to: flags.to,
    ...(flags.from !== undefined && { from: flags.from }),
    evidence: parseNamedPaths(flags.evidence, '--evidence'),
    baselineEvidence: parseNamedPaths(flags.baselineEvidence, '--baseline-evidence'),
    ...(flags.actor !== undefined && { actor: flags.actor })
  }
  if (flags.baseline === false) options.baselineVersion = null
  else if (flags.baselineVersion !== undefined) options.baselineVersion = flags.baselineVersion
  if (flags.modelFile) options.modelDigest = await fileDigest(resolve(io.cwd, flags.modelFile))
  const deps: EvaluationDeps = {
    source,
    now: () => new Date(),
    ...(flags.approvals !== undefined && { approvals: approvalsFromFile(source, flags.approvals) })
  }
  return { policyPath: resolve(io.cwd, flags.policy), options, deps, format }
}
