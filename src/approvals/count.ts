import type { ApprovalRule } from '../policy/types.js'
import type { ApprovalsResult, CountedApproval, EnvironmentReview, IgnoredApproval } from './types.js'

/**
 * Counts approvals as docs/gates.md#approvals describes: state `approved`, an environment the policy names, one vote per
 * person however many environments they approved, and never the run's actor under
 * `prevent_self_approval`. Logins compare case-insensitively, as GitHub's do.
 */
export function countApprovals(
  reviews: readonly EnvironmentReview[],
  rule: ApprovalRule | undefined,
  actor?: string,
  observedAt?: string
): ApprovalsResult {
  if (!rule) return noApprovalsRequired('no approvals required')
  const allowed = new Set(rule.environments)
  const approvers: CountedApproval[] = []
  const ignored: IgnoredApproval[] = []
  const counted = new Set<string>()
  const self = actor?.toLowerCase()
  for (const review of reviews) {
    const user = review.user?.login ?? ''
    const names = (review.environments ?? []).map((env) => env?.name ?? '').filter((name) => name !== '')
    const environment = names.find((name) => allowed.has(name)) ?? names[0] ?? ''
    const ignore = (reason: string): void => {
      ignored.push({ user, environment, reason })
    }
    if (!user) ignore('no user')
    else if (review.state !== 'approved') ignore(`state is ${review.state}`)
    else if (!allowed.has(environment)) ignore(`environment "${environment}" is not in the policy`)
    else if (rule.prevent_self_approval && self !== undefined && user.toLowerCase() === self)
      ignore('triggered the run (self-approval)')
    else if (counted.has(user.toLowerCase())) ignore('already counted for another environment')
    else {
      counted.add(user.toLowerCase())
      approvers.push({
        user,
        environment,
        comment: review.comment ?? '',
        ...(observedAt && { at: observedAt })
      })
    }
  }
  const received = approvers.length
  const status = received >= rule.required ? 'pass' : 'fail'
  const who = approvers.map((a) => `${a.user} (${a.environment})`).join(', ')
  const message =
    status === 'pass'
      ? `${received} of ${rule.required} approvals: ${who}`
      : `${received} of ${rule.required} required approvals${who ? ` (${who})` : ''} from environments ${rule.environments.join(', ')}`
  return {
    required: rule.required,
    received,
    status,
    environments: rule.environments,
    approvers,
    ignored,
    message
  }
}

/** The result for a step that needs no approval (a transition without a rule, a rollback). */
export function noApprovalsRequired(message: string): ApprovalsResult {
  return {
    required: 0,
    received: 0,
    status: 'not_required',
    environments: [],
    approvers: [],
    ignored: [],
    message
  }
}
