import type { RecordedBaselineValue } from '../gates/types.js'
import { assertStageName } from './gto.js'
import { buildHistory } from './state.js'
import type { RawTag } from './types.js'

const DAY = /^\d{4}-\d{2}-\d{2}/

function stageLabel(stage: string | null): string | null {
  if (stage === null) return null
  try {
    assertStageName(stage)
    return stage
  } catch {
    return null
  }
}

/**
 * What the baseline version's own promotions observed, metric path → value and the record that
 * said so: a `vs_baseline` gate compares with these instead of asking for the baseline's evidence
 * again. Only promotions of that exact version count (never a blocked attempt, whose values did
 * not let it in), the newest one that observed a metric wins, and only finite numbers are taken:
 * a record is data someone else may have written, so nothing else from it is copied.
 */
export function recordedBaselineValues(
  tags: readonly RawTag[],
  model: string,
  version: string,
  metrics: ReadonlySet<string>
): Map<string, RecordedBaselineValue> {
  const values = new Map<string, RecordedBaselineValue>()
  if (metrics.size === 0) return values
  for (const event of buildHistory(tags, model)) {
    const record = event.record
    if (event.kind !== 'assignment' || !record || record.event !== 'promotion') continue
    if (record.decision !== 'promote' || record.version !== version || event.version !== version) continue
    const stage = stageLabel(event.stage)
    const day = DAY.exec(record.created_at)?.[0]
    const source = `${version}'s ${stage ?? 'unknown stage'} promotion record${day ? `, ${day}` : ''}`
    for (const gate of record.gates) {
      if (typeof gate.metric !== 'string' || !metrics.has(gate.metric)) continue
      if (typeof gate.observed !== 'number' || !Number.isFinite(gate.observed)) continue
      // A gate that failed or was skipped still observed the value; only a read value counts.
      if (gate.status === 'missing' || gate.status === 'error') continue
      values.set(gate.metric, { value: gate.observed, source })
    }
  }
  return values
}
