import { z } from 'zod'

/**
 * The policy file as users write it (docs/policy.md). Every object is strict so a misspelt key is an
 * error, not a silently ignored gate. Cross-field rules (one check kind per gate, declared stages,
 * unique ids) live in `validate.ts`, where they can name the exact key that breaks them.
 */

/** GTO's name rule (iterative/gto `gto/constants.py`, `name`): tag-safe, starts and ends alphanumeric. */
export const NAME_PATTERN = /^[a-zA-Z0-9]([a-zA-Z0-9\-/_]*[a-zA-Z0-9])?$/
/** A model name, or a glob of one with `*` and `?`. */
export const MODEL_PATTERN = /^[a-zA-Z0-9*?]([a-zA-Z0-9\-/_*?]*[a-zA-Z0-9*?])?$/
/** Gate ids appear in markdown, statuses, annotations and shell: keep them plain. */
export const GATE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/
/** Evidence names appear in `--evidence name=path` and metric paths. */
export const EVIDENCE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/
/** `<evidence>.<path>` with dotted keys, `[n]` indices and `["quoted.key"]` segments. */
export const METRIC_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*((\.[^.[\]\s]+)|(\[\d+\])|(\["[^"\]]+"\]))+$/
export const DURATION_PATTERN = /^(\d+d)?(\d+h)?(\d+m)?(\d+s)?$/
/**
 * Names that would reach an object's prototype chain when used as a key (`evidence.constructor`
 * would find `Object`): refused as evidence names so no lookup by name can ever hit them.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

const finite = () => z.number().refine(Number.isFinite, { message: 'expected a finite number' })

const stageName = z.string().regex(NAME_PATTERN, {
  message: 'a stage name holds letters, digits, "-", "_" and "/", and starts and ends with a letter or digit'
})

const duration = z
  .string()
  .regex(DURATION_PATTERN, { message: 'expected a duration such as 90s, 5m, 2h, 1d or 1h30m' })
  .refine((text) => text.length > 0, { message: 'expected a duration such as 90s, 5m, 2h, 1d or 1h30m' })

const evidenceName = z
  .string()
  .regex(EVIDENCE_NAME_PATTERN, {
    message:
      'an evidence name is 1-64 letters, digits, "_" and "-", starting with a letter or "_" (it is used in --evidence name=path)'
  })
  .refine((name) => !RESERVED_NAMES.has(name), {
    message: 'this name is reserved; choose another evidence name'
  })

const metricPath = z
  .string()
  .regex(METRIC_PATTERN, {
    message: 'expected <evidence>.<path>, e.g. offline.auc or online.metrics[0].p95'
  })
  .refine((path) => !RESERVED_NAMES.has(path.split(/[.[]/)[0]!), {
    message: 'the evidence name of this path is reserved; choose another evidence name'
  })

export const evidenceFormats = [
  'json',
  'yaml',
  'evidently',
  'k6',
  'samples',
  'predictions',
  'histogram',
  'timeseries',
  'prometheus'
] as const

export const evidenceSpecSchema = z
  .strictObject({
    artifact: z.string().min(1).optional().describe('Workflow artifact that holds the file (GitHub Action).'),
    path: z.string().min(1).optional().describe('File path, inside the artifact when `artifact` is set.'),
    format: z.enum(evidenceFormats).optional().describe('How to read the file; default json.'),
    series: z.string().min(1).optional().describe('prometheus: the label that names a series.'),
    reference: z
      .string()
      .min(1)
      .optional()
      .describe('samples: CSV or Parquet file of reference (training) rows.'),
    current: z.string().min(1).optional().describe('samples: CSV or Parquet file of current rows.'),
    group: z.string().min(1).optional().describe('predictions: group column.'),
    label: z.string().min(1).optional().describe('predictions: true label column.'),
    prediction: z.string().min(1).optional().describe('predictions: predicted label column.'),
    positive: z.string().min(1).optional().describe('predictions: value meaning positive; default 1.'),
    allow_fork_runs: z
      .boolean()
      .optional()
      .describe(
        "Accept this evidence from an artifact of a run whose head repository is a fork (a fork's pull request); default false: refused."
      )
  })
  .describe('Where a named report comes from. CLI --evidence flags and action inputs override it.')

export const vsBaselineSchema = z
  .strictObject({
    min_delta: finite().optional().describe('candidate − baseline must be at least this.'),
    max_delta: finite().optional().describe('candidate − baseline must be at most this.'),
    min_relative: finite().optional().describe('(candidate − baseline)/|baseline| must be at least this.'),
    max_relative: finite().optional().describe('(candidate − baseline)/|baseline| must be at most this.'),
    metric: metricPath
      .optional()
      .describe("Read the baseline value from this path of the candidate's evidence.")
  })
  .describe('Compare with the version now in the baseline stage.')

export const gateSchema = z
  .strictObject({
    id: z
      .string()
      .regex(GATE_ID_PATTERN, {
        message: 'a gate id is 1-64 letters, digits, "_", "." or "-", starting with a letter or digit'
      })
      .describe('Names the gate in reports, annotations and records; unique within a transition.'),
    description: z.string().max(500).optional().describe('Free text shown with the gate in reports.'),
    metric: metricPath.optional().describe('<evidence>.<dotted path> of the value to check.'),
    min: finite().optional().describe('Inclusive lower bound.'),
    max: finite().optional().describe('Inclusive upper bound.'),
    above: finite().optional().describe('Exclusive lower bound.'),
    below: finite().optional().describe('Exclusive upper bound.'),
    equals: z
      .union([z.boolean(), z.string().max(200), finite()])
      .optional()
      .describe('Exact value: true/false, a string or a number; the type must match too (never coerced).'),
    vs_baseline: vsBaselineSchema.optional(),
    schema_compatible: z
      .strictObject({
        evidence: evidenceName.describe(
          'Evidence holding the feature list { features: [{ name, type, required }] }.'
        )
      })
      .optional()
      .describe("The candidate's feature schema must be compatible with the baseline's."),
    checks: z.array(z.string().min(1)).min(1).optional().describe('CI checks that must have succeeded.'),
    app: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, { message: 'an app is a GitHub App slug, e.g. github-actions' })
      .optional()
      .describe(
        'checks: only check runs of this GitHub App (its slug, e.g. github-actions) count; others can neither pass nor fail the gate.'
      ),
    lineage: z
      .array(z.enum(['model_digest', 'data_snapshot', 'code_commit', 'environment_lock', 'model_uri']))
      .min(1)
      .optional()
      .describe('Lineage fields that must be present and well-formed.'),
    verify_model_file: z
      .boolean()
      .optional()
      .describe(
        'lineage: recompute the sha256 of the model file that model_uri names in a workflow artifact (artifact:<name>/<path>) and compare it with model_digest; default true. false opts out (the gate then says the file was not verified).'
      ),
    max_model_file_bytes: z
      .number()
      .int()
      .min(1)
      .max(Number.MAX_SAFE_INTEGER)
      .optional()
      .describe(
        'lineage: largest model file hashed, uncompressed, in bytes (default 17179869184, 16 GiB); a larger one fails the gate.'
      ),
    evidence: evidenceName
      .optional()
      .describe(
        'lineage: the evidence holding the lineage object (default lineage); checks: the evidence holding check results, e.g. an Evidently test suite (default checks).'
      ),
    severity: z
      .enum(['block', 'warn'])
      .optional()
      .describe('warn gates report but never block; default block.'),
    optional: z.boolean().optional().describe('Absent evidence does not block; a failing value still does.')
  })
  .describe('One gate: exactly one of metric, schema_compatible, checks, lineage.')

export const approvalsSchema = z
  .strictObject({
    required: z.number().int().min(1).describe('Distinct people who must approve.'),
    environments: z
      .array(z.string().min(1))
      .min(1)
      .describe('GitHub deployment environments whose reviewers count; each needs required reviewers.'),
    prevent_self_approval: z
      .boolean()
      .optional()
      .describe("The run's triggering actor never counts; default true.")
  })
  .describe('Distinct people who must approve, through GitHub deployment environments.')

export const rolloutSchema = z
  .strictObject({
    strategy: z
      .enum(['canary', 'shadow', 'direct'])
      .describe('canary: traffic moves in steps; shadow: mirrored traffic only; direct: all at once.'),
    steps: z
      .array(
        z.strictObject({
          weight: z.number().min(0).max(100).describe('Percent of traffic on the new version.'),
          hold: duration.optional().describe('How long to hold before the next step.')
        })
      )
      .optional()
      .describe('canary: weights strictly increasing, the last one 100.')
  })
  .describe('How traffic moves to the new version; recorded with the promotion.')

export const rollbackSchema = z
  .strictObject({
    to: z
      .union([z.string().min(1), z.number().int().min(0)])
      .optional()
      .describe('previous (default), or a version to roll back to.'),
    when: z
      .array(
        z.strictObject({
          metric: metricPath.describe('<monitoring evidence>.<series name> to watch.'),
          above: finite().optional().describe('Fires while the value is above this.'),
          below: finite().optional().describe('Fires while the value is below this.'),
          drop_relative: finite()
            .optional()
            .describe('Fires when the value falls this fraction below its baseline window.'),
          for: duration.optional().describe('The condition must hold this long; default: any sample.'),
          baseline_window: duration
            .optional()
            .describe(
              'drop_relative: the window before the stretch to compare with; default equal to for, at least 1m.'
            )
        })
      )
      .min(1)
      .describe('Triggers; any one firing rolls back.')
  })
  .describe('When to move the stage back, and to which version.')

export const transitionSchema = z
  .strictObject({
    from: stageName.optional().describe('Default: the stage before `to` in `stages`.'),
    to: stageName.describe('The stage a version is promoted into.'),
    gates: z
      .array(gateSchema)
      .optional()
      .describe('Every blocking gate must pass (or be skipped) to promote.'),
    approvals: approvalsSchema.optional(),
    rollout: rolloutSchema.optional(),
    rollback: rollbackSchema.optional()
  })
  .describe('The rules for promoting a version from one stage into another.')

export const policySchema = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema this file follows (for editors).'),
    version: z.literal(1).describe('Policy format version.'),
    model: z
      .string()
      .regex(MODEL_PATTERN, { message: 'expected a model name (GTO name rule) or a glob of one' })
      .describe('The model this policy governs: a name or a glob ("fraud_*").'),
    stages: z.array(stageName).min(1).describe('Lifecycle order; "archived" is implicit.'),
    baseline: stageName.optional().describe('vs_baseline gates compare with the version now in this stage.'),
    evidence: z
      .record(evidenceName, evidenceSpecSchema)
      .optional()
      .describe('Named reports that metric paths read; CLI flags and action inputs override them.'),
    transitions: z.array(transitionSchema).min(1).describe('The promotions this policy allows.')
  })
  .describe('modelgate promotion policy')

export type PolicyInput = z.infer<typeof policySchema>
export type GateInput = z.infer<typeof gateSchema>
