import { PolicyError } from '../errors.js'
import { modelMatches } from '../policy/transitions.js'
import type { Policy } from '../policy/types.js'
import { replayRecords, type RecordedAttempt, type ReplayReport } from '../records/replay.js'
import { modelTagPrefixes } from '../registry/gto.js'
import { buildHistory, type RegistryEvent } from '../registry/state.js'
import type { RegistryBackend } from '../registry/types.js'

export interface ReplayRequest {
  model: string
  /** Only attempts recorded at or after this moment (records' `created_at`; the baseline's may be older). */
  since?: Date
}

const DECIDED = new Set<RegistryEvent['kind']>(['assignment', 'blocked', 'rollback'])

const attemptOf = (event: RegistryEvent): RecordedAttempt | null =>
  DECIDED.has(event.kind) && event.record ? { tag: event.tag, record: event.record } : null

/**
 * `modelgate replay` and the action's `command: replay`: the model's recorded attempts, read from
 * any registry backend (local git or GitHub), re-decided under `policy`. Reads tags, writes nothing.
 * Tags that count but carry no record (GTO's, or written by hand) and invalid tags are listed as
 * not replayed, with why.
 */
export async function replayHistory(
  policy: Policy,
  request: ReplayRequest,
  registry: Pick<RegistryBackend, 'listTags'>
): Promise<ReplayReport> {
  if (!modelMatches(policy, request.model))
    throw new PolicyError(`the policy governs model "${policy.model}", not "${request.model}"`, {
      ...(policy.source && { file: policy.source.path }),
      path: 'model'
    })
  const tags = await registry.listTags(modelTagPrefixes(request.model))
  const history = buildHistory(tags, request.model)
  // By when each attempt was recorded (its record's time, to the millisecond), not by tag date.
  const from = request.since?.getTime() ?? -Infinity
  const window = history.filter((event) => Date.parse(event.at ?? '') >= from)
  const all = history.map(attemptOf).filter((a): a is RecordedAttempt => a !== null)
  const asked = window.map(attemptOf).filter((a): a is RecordedAttempt => a !== null)
  const report = replayRecords(policy, request.model, asked, all)
  for (const event of window) {
    if (event.kind === 'invalid')
      report.skipped.push({ tag: event.tag, why: `invalid: ${event.problems.join('; ')}` })
    else if ((event.kind === 'assignment' || event.kind === 'blocked') && !event.record)
      report.skipped.push({ tag: event.tag, why: 'no modelgate record (written by GTO or by hand)' })
  }
  return report
}
