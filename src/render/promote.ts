import type { PromoteResult } from '../lifecycle/promote.js'
import { decisionToJson } from '../records/render-json.js'
import { renderDecision, type OutputFormat } from './decision.js'

/** The decision, then one line on what was written: the tag, a restore, what was archived, the canary weight. */
export function renderPromotion(
  result: PromoteResult,
  format: OutputFormat,
  options: { color: boolean }
): string {
  if (format === 'json') {
    return `${JSON.stringify({ ...decisionToJson(result.decision), tag: result.tag, archived: result.archived, restored: result.restored, record: result.record }, null, 2)}\n`
  }
  const written = result.tag ? `recorded in tag ${result.tag}` : 'dry run: nothing written'
  const restored = result.restored ? `; restored ${result.decision.version} from archived` : ''
  const archived =
    result.archived.length > 0 ? `; archived ${result.archived.join(', ')} from ${result.decision.to}` : ''
  const weight =
    result.record.rollout?.weight !== undefined && result.record.rollout.weight < 100
      ? `; ${result.record.rollout.strategy} at ${result.record.rollout.weight}%`
      : ''
  return `${renderDecision(result.decision, format, options)}${written}${restored}${archived}${weight}\n`
}
