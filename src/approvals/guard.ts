import type { EnvironmentReview, IgnoredApproval } from './types.js'

/**
 * Whether the environments a policy counts approvals from really guarded this run, as a pure
 * function of what GitHub says about them. Where the facts come from (one request per
 * environment, or one listing of all of them) is the caller's business.
 */

export type EnvironmentReviewer =
  { type: 'User'; login: string; id?: number } | { type: 'Team'; slug: string; id?: number }

/** A deployment-branch rule of an environment (`GET …/deployment-branch-policies`). */
export interface BranchPattern {
  name: string
  type: 'branch' | 'tag'
}

export interface EnvironmentFacts {
  name: string
  exists: boolean
  /** The `required_reviewers` rule's reviewers; empty when the environment has no such rule. */
  reviewers: EnvironmentReviewer[]
  /** `can_admins_bypass`; undefined where the API does not report it (treated as a bypass). */
  canAdminsBypass?: boolean
  /**
   * Which refs may deploy: `all` (no deployment-branch policy), `protected` (protected branches
   * only, with whether the run's branch is one) or `custom` (name patterns).
   */
  branches:
    | { kind: 'all' }
    | { kind: 'protected'; refIsProtected: boolean }
    | { kind: 'custom'; patterns: BranchPattern[] }
}

export type AdminBypass = 'refuse' | 'warn'

export interface GuardOptions {
  /** `owner/repo`, for messages. */
  repository?: string
  /** The run's ref, `GITHUB_REF` (`refs/heads/main`, `refs/tags/v1`); empty when unknown. */
  ref: string
  /** What to do when administrators may bypass an environment's protection rules. */
  adminBypass: AdminBypass
}

export interface GuardReport {
  /** Each makes the environment's approvals worthless: the promotion must not go on. */
  problems: string[]
  /** Accepted by option (`admin-bypass: warn`), but worth a line in the log. */
  warnings: string[]
}

const SETTINGS = (name: string): string => `Settings → Environments → ${name}`

/**
 * How to fix it. The plan restriction is GitHub's: "Required reviewers" is available in public
 * repositories on every plan, in private ones only on Enterprise (docs: "Deployments and
 * environments" → "Required reviewers").
 */
export function protectionHowTo(environment: string): string {
  return `add a required reviewer in ${SETTINGS(environment)} → Deployment protection rules → Required reviewers, and gate a job of this workflow on it with \`environment: ${environment}\` (on Free, Pro and Team plans required reviewers are only available for public repositories)`
}

/** Fails closed on anything that lets a job through an environment without its reviewers. */
export function checkEnvironmentGuard(
  environments: readonly EnvironmentFacts[],
  options: GuardOptions
): GuardReport {
  const problems: string[] = []
  const warnings: string[] = []
  for (const env of environments) {
    if (!env.exists) {
      const where = options.repository ? ` in ${options.repository}` : ''
      problems.push(
        `environment "${env.name}" does not exist${where}: create it, then ${protectionHowTo(env.name)}`
      )
      continue
    }
    if (env.reviewers.length === 0) {
      problems.push(
        `environment "${env.name}" has no required reviewers, so its approvals prove nothing: ${protectionHowTo(env.name)}`
      )
      continue
    }
    // Not reported (older GitHub Enterprise Server answers have no can_admins_bypass) is not
    // "cannot bypass": fail closed, as for a bypass GitHub does report.
    if (env.canAdminsBypass !== false) {
      const bypass =
        env.canAdminsBypass === true
          ? `administrators may bypass the protection rules of environment "${env.name}", so a job can run there without its reviewers`
          : `GitHub's answer for environment "${env.name}" does not say whether administrators may bypass its protection rules (no can_admins_bypass), so a job may run there without its reviewers`
      if (options.adminBypass === 'refuse')
        problems.push(
          `${bypass}: untick "Allow administrators to bypass configured protection rules" in ${SETTINGS(env.name)}, or accept it with the action input admin-bypass: warn`
        )
      else warnings.push(bypass)
    }
    const why = refRefusal(env, options.ref)
    if (why) problems.push(why)
  }
  return { problems, warnings }
}

/** Why the environment's deployment-branch policy does not admit the run's ref, if it does not. */
function refRefusal(env: EnvironmentFacts, ref: string): string | undefined {
  const policy = env.branches
  if (policy.kind === 'all') return undefined
  const target = parseRef(ref)
  const label = ref === '' ? 'this run (its ref is unknown: GITHUB_REF is not set)' : `ref ${ref}`
  if (policy.kind === 'protected') {
    if (target?.type === 'branch' && policy.refIsProtected) return undefined
    return `environment "${env.name}" admits protected branches only, and ${label} is not one`
  }
  if (target && policy.patterns.some((p) => p.type === target.type && globMatches(p.name, target.name)))
    return undefined
  return `environment "${env.name}" does not admit ${label} under its deployment branch and tag rules (${SETTINGS(env.name)} → Deployment branches and tags)`
}

/** `refs/heads/x` → branch x, `refs/tags/v1` → tag v1; anything else (pull refs) is neither. */
export function parseRef(ref: string): { type: 'branch' | 'tag'; name: string } | undefined {
  if (ref.startsWith('refs/heads/') && ref.length > 11) return { type: 'branch', name: ref.slice(11) }
  if (ref.startsWith('refs/tags/') && ref.length > 10) return { type: 'tag', name: ref.slice(10) }
  return undefined
}

/**
 * GitHub's deployment-branch patterns (Ruby `File.fnmatch` with FNM_PATHNAME; GitHub: "wildcard
 * characters will not match `/`"): `*` and `?` do not match `/`; `**` followed by `/` matches
 * any number of directories (none included), elsewhere it is `*`; `[…]` is a character class;
 * everything else is literal.
 */
export function globMatches(pattern: string, name: string): boolean {
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!
    if (char === '*') {
      if (pattern.startsWith('**/', i)) {
        source += '(?:[^/]+/)*'
        i += 2
      } else {
        source += '[^/]*'
        while (pattern[i + 1] === '*') i++
      }
    } else if (char === '?') source += '[^/]'
    else if (char === '[') {
      const end = pattern.indexOf(']', i + 2)
      if (end < 0) source += '\\['
      else {
        let body = pattern.slice(i + 1, end).replace(/\\/g, '\\\\')
        if (body.startsWith('!')) body = `^${body.slice(1)}`
        source += `[${body}]`
        i = end
      }
    } else source += char.replace(/[.+^${}()|\\\]]/g, '\\$&')
  }
  try {
    return new RegExp(`^${source}$`).test(name)
  } catch {
    return false
  }
}

export interface ScreenedReviews {
  reviews: EnvironmentReview[]
  /** Approvals set aside before counting, with why (shown beside the counted ones). */
  ignored: IgnoredApproval[]
}

/**
 * Keeps an approval for an environment only when its author is one of that environment's
 * reviewers. User reviewers are compared by id where both sides carry one, else by login. A team
 * reviewer cannot be expanded with the workflow's token (team membership needs organization
 * permissions it does not have), so an approval for an environment with a team reviewer is taken
 * as GitHub enforced it (only eligible reviewers can approve) — unless administrators may bypass
 * that environment's rules (or GitHub does not say whether they may), where an administrator's
 * approval is indistinguishable from a team member's; then only listed users count.
 */
export function screenReviews(
  reviews: readonly EnvironmentReview[],
  environments: readonly EnvironmentFacts[]
): ScreenedReviews {
  const byName = new Map(environments.map((env) => [env.name, env]))
  const kept: EnvironmentReview[] = []
  const ignored: IgnoredApproval[] = []
  for (const review of reviews) {
    if (review.state !== 'approved' || !review.user) {
      kept.push(review)
      continue
    }
    const user = review.user
    const refused: string[] = []
    const names = review.environments.filter((env) => {
      const facts = env.name ? byName.get(env.name) : undefined
      if (!facts) return true
      if (isReviewer(user, facts)) return true
      refused.push(env.name!)
      return false
    })
    if (refused.length === 0) kept.push(review)
    else if (names.some((env) => env.name && byName.has(env.name)))
      kept.push({ ...review, environments: names })
    else
      ignored.push({
        user: user.login,
        environment: refused[0]!,
        reason: `not a required reviewer of environment ${refused.join(', ')}`
      })
  }
  return { reviews: kept, ignored }
}

function isReviewer(user: NonNullable<EnvironmentReview['user']>, env: EnvironmentFacts): boolean {
  const login = user.login.toLowerCase()
  for (const reviewer of env.reviewers) {
    if (reviewer.type !== 'User') continue
    if (reviewer.id !== undefined && user.id !== undefined) {
      if (reviewer.id === user.id) return true
    } else if (reviewer.login.toLowerCase() === login) return true
  }
  return env.reviewers.some((r) => r.type === 'Team') && env.canAdminsBypass === false
}
