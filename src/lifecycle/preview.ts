import type { ApprovalsResult } from '../approvals/types.js'
import type { Decision } from '../gates/types.js'
import type { Policy } from '../policy/types.js'
import { rolloutProgress, type RolloutProgress } from '../registry/rollout.js'
import { resolveStage } from '../registry/state.js'
import { planPromotion, type PlanDeps, type PlanOptions, type PromotionPlan } from './plan.js'

/** Approvals as a reviewer needs them before approving: who approved so far, who is still needed. */
export interface PendingApprovals {
  required: number
  received: number
  approvedBy: ReadonlyArray<{ user: string; environment: string }>
  /** Environments with no counted approval yet (each needs one of its required reviewers). */
  waitingOn: string[]
  /** Reviews that did not count, with why (self-approval, unknown environment, …). */
  ignored: ApprovalsResult['ignored']
}

export interface PromotionPreview {
  plan: PromotionPlan
  decision: Decision
  /** Every gate passes: the promotion now waits only for approvals. */
  gatesPass: boolean
  failedGates: string[]
  approvals: PendingApprovals | null
  /** Versions in the target stage now, and the rollout there (a canary in progress). */
  inStage: ReturnType<typeof resolveStage>
  rollout: RolloutProgress | null
}

/**
 * What a reviewer reads before approving: the plan `promote` would make (same registry read,
 * same baseline, same gates), with approvals shown as pending rather than as a block. Writes nothing.
 */
export async function previewPromotion(
  policy: Policy,
  options: PlanOptions,
  deps: PlanDeps
): Promise<PromotionPreview> {
  const plan = await planPromotion(policy, options, deps)
  const { decision, transition } = plan
  const failedGates = decision.gates.filter((g) => g.blocking).map((g) => g.id)
  let approvals: PendingApprovals | null = null
  if (transition.approvals) {
    const counted = new Set(decision.approvals.approvers.map((a) => a.environment))
    approvals = {
      required: decision.approvals.required,
      received: decision.approvals.received,
      approvedBy: decision.approvals.approvers.map((a) => ({ user: a.user, environment: a.environment })),
      waitingOn:
        decision.approvals.received >= decision.approvals.required
          ? []
          : transition.approvals.environments.filter((e) => !counted.has(e)),
      ignored: decision.approvals.ignored
    }
  }
  return {
    plan,
    decision,
    gatesPass: failedGates.length === 0,
    failedGates,
    approvals,
    inStage: resolveStage(plan.tags, options.model, transition.to),
    rollout: rolloutProgress(
      plan.tags,
      options.model,
      transition.to,
      transition.rollout?.steps.map((s) => s.holdSeconds)
    )
  }
}
