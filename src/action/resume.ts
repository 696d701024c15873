import { buildHistory, type RegistryEvent } from '../registry/state.js'
import type { RawTag } from '../registry/types.js'
import type { PromotionRecord } from '../records/types.js'
import type { TriggerResult } from '../rollback/triggers.js'

/**
 * Re-runs must duplicate nothing. A job re-run (next attempt of the same workflow run) after a
 * promotion finds the assignment its run already wrote and only completes what may be missing
 * (release, asset, status); a second invocation within the same attempt also finds its own
 * blocked attempt. A blocked attempt from an EARLIER attempt is not reused: the re-run is the
 * way to try again, e.g. once reviewers have approved.
 */
export function findOwnAttempt(
  tags: readonly RawTag[],
  query: { model: string; version: string; stage: string; runId: number; attempt: number; event?: 'rollback' }
): RegistryEvent | undefined {
  const events = buildHistory(tags, query.model)
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!
    const record = event.record
    if (!record || record.run.run_id !== String(query.runId)) continue
    if (record.version !== event.version && event.kind !== 'blocked') continue
    if (record.version !== query.version || record.to_stage !== query.stage) continue
    if (query.event === 'rollback' ? record.event !== 'rollback' : record.event === 'rollback') continue
    if (record.decision === 'promote' || record.run.attempt === String(query.attempt)) return event
  }
  return undefined
}

/** The rollback this workflow run already wrote for a stage (any attempt): re-runs must not roll back twice. */
export function findOwnRollback(
  tags: readonly RawTag[],
  query: { model: string; stage: string; runId: number }
): RegistryEvent | undefined {
  return buildHistory(tags, query.model)
    .reverse()
    .find(
      (event) =>
        event.kind === 'rollback' &&
        event.record?.run.run_id === String(query.runId) &&
        event.record.to_stage === query.stage
    )
}

/** The trigger results a recorded rollback stands for. */
export function triggersFromRecord(record: PromotionRecord): TriggerResult[] {
  return record.gates.map((gate) => ({
    metric: gate.metric ?? gate.id,
    status: gate.status === 'fail' ? 'fired' : gate.status === 'pass' ? 'quiet' : 'missing',
    message: gate.message
  }))
}
