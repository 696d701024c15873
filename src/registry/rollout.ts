import type { PromotionRecord } from '../records/types.js'
import { buildHistory, resolveStage } from './state.js'
import type { RawTag } from './types.js'

/** Where a canary or shadow rollout in a stage stands, and when its next step may start. */
export interface RolloutProgress {
  version: string
  /** Index of the step reached (0-based). */
  step: number
  weight: number
  /** The next step's index and weight; null when the rollout is complete. */
  next: { step: number; weight: number } | null
  /** When the step reached was taken (its record's time). */
  since: string | null
  /** Earliest time the next step may start: `since` + the reached step's hold; null without a hold. */
  nextAt: string | null
}

type RecordedRollout = NonNullable<PromotionRecord['rollout']>

/** The hold of `step` in seconds: the policy's when given, else what the record carried. */
function holdSeconds(rollout: RecordedRollout, step: number, policyHolds?: readonly (number | undefined)[]) {
  const seconds = policyHolds ? policyHolds[step] : rollout.steps[step]?.holdSeconds
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds : 0
}

/**
 * The rollout of the version most recently moved into `stage`, from its assignment record, or
 * null when that assignment completed (or recorded no rollout). `policyHolds` (seconds per step,
 * from the policy being enforced) wins over the holds the record copied when it was written.
 */
export function rolloutProgress(
  tags: readonly RawTag[],
  model: string,
  stage: string,
  policyHolds?: readonly (number | undefined)[]
): RolloutProgress | null {
  const occupant = resolveStage(tags, model, stage)[0]
  if (!occupant) return null
  const event = buildHistory(tags, model).find((e) => e.tag === occupant.tag)
  const rollout = event?.record?.rollout
  if (!rollout || rollout.strategy === 'direct' || rollout.current_step === undefined) return null
  const step = rollout.current_step
  const weight = rollout.weight ?? rollout.steps[step]?.weight ?? 100
  if (weight >= 100) return null
  const nextStep = rollout.steps[step + 1]
  const hold = holdSeconds(rollout, step, policyHolds)
  const started = occupant.since === null ? NaN : Date.parse(occupant.since)
  return {
    version: occupant.version,
    step,
    weight,
    next: nextStep ? { step: step + 1, weight: nextStep.weight } : null,
    since: occupant.since,
    nextAt: hold > 0 && Number.isFinite(started) ? new Date(started + hold * 1000).toISOString() : null
  }
}

/** `14:32 UTC` (with the date when it is not `now`'s day). */
export function formatUtc(iso: string, now: Date): string {
  const at = new Date(iso)
  const time = `${iso.slice(11, 16)} UTC`
  return at.toISOString().slice(0, 10) === now.toISOString().slice(0, 10)
    ? time
    : `${iso.slice(0, 10)} ${time}`
}

/** `27 minutes`, `2 hours 5 minutes`, rounded up to the minute: a wait is never understated. */
export function formatWait(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000))
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  const part = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`
  if (hours === 0) return part(minutes, 'minute')
  return rest === 0 ? part(hours, 'hour') : `${part(hours, 'hour')} ${part(rest, 'minute')}`
}
