import type { RolloutProgress } from '../registry/rollout.js'
import type { StageVersions } from '../registry/serving.js'
import type { StageOccupant } from '../registry/state.js'
import { columns } from './columns.js'

/** How a resolution was asked: live (`at` absent), or as of a moment. */
export interface ResolutionContext {
  at?: Date
  /** Only assignments with a modelgate record were counted (`resolve --verified`). */
  verifiedOnly?: boolean
}

const weightText = (v: StageOccupant): string => (v.weight === null ? '' : `${v.weight}%`)
const fromStage = (v: StageOccupant): string | undefined => {
  const from = (v as { from_stage?: unknown }).from_stage
  return typeof from === 'string' ? from : undefined
}

/** A canary in progress in the stage: the step reached and when the next one may start. */
export interface RolloutSummary {
  version: string
  step: number
  weight: number
  next_step: number | null
  next_weight: number | null
  next_step_at: string | null
}

/** A canary's progress as the JSON of `resolve` and `preview` shows it: steps counted from 1. */
export function rolloutSummary(progress: RolloutProgress): RolloutSummary {
  return {
    version: progress.version,
    step: progress.step + 1,
    weight: progress.weight,
    next_step: progress.next ? progress.next.step + 1 : null,
    next_weight: progress.next?.weight ?? null,
    next_step_at: progress.nextAt
  }
}

/**
 * One version per line (with its traffic weight during a canary, or the stage it left for
 * `archived`); nothing at all for an empty stage. JSON carries every field of the versions given
 * (`ServedVersion`: commit, digest, URI, verified …), `at`, null for a live answer, and `rollout`,
 * the canary in progress (null when none).
 */
export function renderResolution(
  model: string,
  stage: string,
  versions: readonly StageOccupant[],
  format: 'text' | 'json',
  context: ResolutionContext = {},
  rollout: RolloutSummary | null = null
): string {
  if (format === 'json')
    return `${JSON.stringify({ model, stage, at: context.at?.toISOString() ?? null, verified_only: context.verifiedOnly === true, versions, rollout }, null, 2)}\n`
  return versions
    .map((v) => {
      const from = fromStage(v)
      return `${v.version}${v.weight === null ? '' : ` ${v.weight}%`}${from === undefined ? '' : ` from ${from}`}\n`
    })
    .join('')
}

/** Every stage of a model: a table (an emptied stage shows `-`), or `{ model, at, stages }` as JSON. */
export function renderAllStages(
  model: string,
  stages: readonly StageVersions[],
  format: 'text' | 'json',
  context: ResolutionContext = {}
): string {
  if (format === 'json')
    return `${JSON.stringify({ model, at: context.at?.toISOString() ?? null, verified_only: context.verifiedOnly === true, stages }, null, 2)}\n`
  const rows = stages.flatMap(({ stage, versions }) =>
    versions.length === 0
      ? [[stage, '-', '', '', '']]
      : versions.map((v) => [stage, v.version, weightText(v), v.since ?? '', v.verified ? 'yes' : 'no'])
  )
  return columns(['STAGE', 'VERSION', 'WEIGHT', 'SINCE', 'VERIFIED'], rows)
}
