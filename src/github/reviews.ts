/**
 * The names the action wiring imports; each lives in its own module now:
 * approvals.ts (the run's reviews), environments.ts (required reviewers), checks.ts.
 */
export { listRunApprovals as fetchReviews } from './approvals.js'
export { assertEnvironmentsProtected } from './environments.js'
export { fetchCommitChecks as fetchChecks } from './checks.js'
