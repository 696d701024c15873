import type { PendingApprovals, PreviewView } from '../records/render-preview.js'
import type { Decision } from '../gates/types.js'
import type { Policy } from '../policy/types.js'
import { rolloutProgress, type RolloutProgress } from '../registry/rollout.js'
import { resolveStage } from '../registry/state.js'
import { planPromotion, type PlanDeps, type PlanOptions, type PromotionPlan } from './plan.js'

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

/**
 * The renderers' view of a preview; `reviewUrl` is the run page listing the pending deployments,
 * `reviewers` each approval environment's required reviewers (known where GitHub was asked).
 */
export function previewView(
  preview: PromotionPreview,
  reviewUrl?: string,
  reviewers?: ReadonlyMap<string, readonly string[]>
): PreviewView {
  return {
    decision: preview.decision,
    record: preview.plan.record,
    failedGates: preview.failedGates,
    approvals: preview.approvals,
    inStage: preview.inStage,
    rolloutNext: preview.rollout && {
      weight: preview.rollout.weight,
      nextWeight: preview.rollout.next?.weight ?? null,
      nextAt: preview.rollout.nextAt
    },
    ...(reviewUrl && { reviewUrl }),
    ...(reviewers && { reviewers })
  }
}
