import { parseTagName } from './gto.js'
import type { RawTag } from './types.js'

/*
 * GTO decides whether a version is in a stage from the newest of that version's assignment and
 * unassignment tags in the stage, ordered by tagger time, which git keeps to the second
 * (iterative/gto `gto/base.py` VStage.is_active; `gto/tag.py` find(..., sort="by_time")). Two such
 * tags in the same second have no defined order for GTO, so a rollback right after a promotion
 * could leave GTO showing the version that was rolled back. Before writing an assignment (or an
 * unassignment) for a (commit, stage), the writer waits until the clock has left the second of the
 * pair's last unassignment (or assignment); two assignments in one second are harmless, so canary
 * steps do not wait. modelgate itself orders by the records' millisecond times and counters.
 */

const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000)

/** The tagger second of the newest `kind` tag of `commit` in `stage`, or null. */
export function lastStageEventSecond(
  tags: readonly RawTag[],
  model: string,
  stage: string,
  commit: string,
  kind: 'assign' | 'unassign'
): number | null {
  let last: number | null = null
  for (const tag of tags) {
    if (tag.commit !== commit || !tag.tagger) continue
    const parsed = parseTagName(tag.name)
    if (!parsed || parsed.model !== model) continue
    if (parsed.kind === kind && parsed.stage === stage) {
      const at = seconds(tag.tagger.date)
      if (!Number.isNaN(at) && (last === null || at > last)) last = at
    }
  }
  return last
}

/**
 * How long to wait (ms) before a tag named `name` on `commit` lands in a later second than the
 * last opposite event (assignment vs unassignment) of the same version in the same stage. 0 when
 * no wait is needed, and 0 when that tag lies more than 2 s ahead of this clock (skewed clocks:
 * waiting cannot fix that).
 */
export function orderingDelayMs(
  tags: readonly RawTag[],
  name: string,
  commit: string,
  nowMs: number
): number {
  const parsed = parseTagName(name)
  if (!parsed || (parsed.kind !== 'assign' && parsed.kind !== 'unassign')) return 0
  const opposite = parsed.kind === 'assign' ? 'unassign' : 'assign'
  const last = lastStageEventSecond(tags, parsed.model, parsed.stage, commit, opposite)
  if (last === null) return 0
  const wait = (last + 1) * 1000 - nowMs
  return wait > 0 && wait <= 3000 ? wait + 5 : 0
}
