import type { ApprovalRule } from '../policy/types.js'
import type { ApprovalsResult, CountedApproval, EnvironmentReview, IgnoredApproval } from './types.js'

/** The states a reviewer decides with; `pending` and anything else never replace a decision. */
const DECISIONS = new Set(['approved', 'rejected'])

const environmentNames = (review: EnvironmentReview): string[] =>
  (review.environments ?? []).map((env) => env?.name ?? '').filter((name) => name !== '')

const key = (user: string, environment: string): string => `${user.toLowerCase()}\u0000${environment}`

/**
 * Where each reviewer's latest word sits: (reviewer, environment) → index of their last
 * `approved` or `rejected` entry. GitHub's review history carries no timestamps, so order is the
 * only clock: the list is read oldest first (see docs/action.md, "Approvals").
 */
function latestDecisions(reviews: readonly EnvironmentReview[]): Map<string, number> {
  const latest = new Map<string, number>()
  reviews.forEach((review, index) => {
    const user = review.user?.login ?? ''
    if (!user || !DECISIONS.has(review.state)) return
    for (const name of environmentNames(review)) latest.set(key(user, name), index)
  })
  return latest
}

/**
 * Counts approvals: state `approved`, an environment the policy names, each reviewer's LATEST
 * decision per environment (an approval followed by a rejection is withdrawn), one vote per
 * person however many environments they approved, and never anyone who requested the run (the
 * original actor, the triggering actor of any attempt) under `prevent_self_approval`. Logins
 * compare case-insensitively, as GitHub's do. Every review entry ends up either counted or
 * ignored with its reason.
 */
export function countApprovals(
  reviews: readonly EnvironmentReview[],
  rule: ApprovalRule | undefined,
  requesters?: string | readonly string[],
  observedAt?: string
): ApprovalsResult {
  if (!rule) return noApprovalsRequired('no approvals required')
  const allowed = new Set(rule.environments)
  const approvers: CountedApproval[] = []
  const ignored: IgnoredApproval[] = []
  const counted = new Set<string>()
  const excluded = new Set(
    (typeof requesters === 'string' ? [requesters] : (requesters ?? []))
      .filter((login) => login !== '')
      .map((login) => login.toLowerCase())
  )
  const latest = latestDecisions(reviews)
  reviews.forEach((review, index) => {
    const user = review.user?.login ?? ''
    const names = environmentNames(review)
    const inPolicy = names.filter((name) => allowed.has(name))
    // An approval still stands in an environment when it is the reviewer's latest word there.
    const standing = inPolicy.filter((name) => latest.get(key(user, name)) === index)
    const environment = standing[0] ?? inPolicy[0] ?? names[0] ?? ''
    const ignore = (reason: string): void => {
      ignored.push({ user, environment, reason })
    }
    if (!user) ignore('no user')
    else if (review.state !== 'approved') ignore(`state is ${review.state}`)
    else if (inPolicy.length === 0) ignore(`environment "${environment}" is not in the policy`)
    else if (standing.length === 0) ignore(laterWord(reviews, latest, user, inPolicy))
    else if (rule.prevent_self_approval && excluded.has(user.toLowerCase()))
      ignore('requested or re-ran the workflow run (self-approval)')
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
  })
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

/** Why an approval no longer stands: the reviewer's later word in its environment(s). */
function laterWord(
  reviews: readonly EnvironmentReview[],
  latest: ReadonlyMap<string, number>,
  user: string,
  environments: readonly string[]
): string {
  const rejectedIn = environments.filter((name) => {
    const at = latest.get(key(user, name))
    return at !== undefined && reviews[at]!.state === 'rejected'
  })
  return rejectedIn.length > 0
    ? `withdrawn: rejected later in ${rejectedIn.join(', ')}`
    : 'superseded by a later review from the same reviewer'
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
