import { formatExact, formatNumber } from '../gates/format.js'
import type { RollbackTrigger, Rollout } from '../policy/types.js'

/** `canary 10% (hold 30m) -> 50% (hold 2h) -> 100%` */
export function rolloutText(rollout: Rollout): string {
  const steps = rollout.steps
    .map((step) => `${step.weight}%${step.hold ? ` (hold ${step.hold})` : ''}`)
    .join(' -> ')
  return steps ? `${rollout.strategy} ${steps}` : rollout.strategy
}

/** `online.latency_p95_ms above 80 for 5m`, `online.ctr drops 1% below its baseline window for 30m` */
export function triggerText(
  trigger: Pick<RollbackTrigger, 'metric' | 'above' | 'below' | 'drop_relative' | 'for'>
): string {
  const conditions = [
    ...(trigger.above !== undefined ? [`above ${formatExact(trigger.above)}`] : []),
    ...(trigger.below !== undefined ? [`below ${formatExact(trigger.below)}`] : []),
    ...(trigger.drop_relative !== undefined
      ? [`drops ${formatNumber(trigger.drop_relative * 100)}% below its baseline window`]
      : [])
  ]
  return `${trigger.metric} ${conditions.join(' and ')}${trigger.for ? ` for ${trigger.for}` : ''}`.trim()
}
