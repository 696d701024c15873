import type { Rollout } from '../policy/types.js'

/** `canary 10% (hold 30m) -> 50% (hold 2h) -> 100%` */
export function rolloutText(rollout: Rollout): string {
  const steps = rollout.steps
    .map((step) => `${step.weight}%${step.hold ? ` (hold ${step.hold})` : ''}`)
    .join(' -> ')
  return steps ? `${rollout.strategy} ${steps}` : rollout.strategy
}
