import { GitHubError } from '../errors.js'
import type { RepoRef } from './approvals.js'
import { githubError, statusOf, type GitHubClient } from './client.js'

/** What one environment's protection looks like to modelgate. */
export type EnvironmentProtection =
  | { name: string; status: 'protected'; reviewers: number }
  | { name: string; status: 'unprotected' }
  | { name: string; status: 'missing' }

/**
 * How to fix it. The plan restriction is GitHub's: "Required reviewers" is available in public
 * repositories on every plan, in private ones only on Enterprise (docs: "Deployments and
 * environments" → "Required reviewers").
 */
export function protectionHowTo(environment: string): string {
  return `add a required reviewer in Settings → Environments → ${environment} → Deployment protection rules → Required reviewers, and gate a job of this workflow on it with \`environment: ${environment}\` (on Free, Pro and Team plans required reviewers are only available for public repositories)`
}

/** `GET /repos/{owner}/{repo}/environments/{environment_name}` → its protection. */
export async function getEnvironmentProtection(
  client: GitHubClient,
  repo: RepoRef,
  name: string
): Promise<EnvironmentProtection> {
  let rules: Array<{ type?: string; reviewers?: unknown[] }>
  try {
    const { data } = await client.repos.getEnvironment({ ...repo, environment_name: name })
    rules = (data.protection_rules ?? []) as typeof rules
  } catch (error) {
    if (statusOf(error) === 404) return { name, status: 'missing' }
    throw githubError(`reading environment "${name}"`, 'environment', error)
  }
  const rule = rules.find((r) => r.type === 'required_reviewers')
  const reviewers = Array.isArray(rule?.reviewers) ? rule.reviewers.length : 0
  return reviewers > 0 ? { name, status: 'protected', reviewers } : { name, status: 'unprotected' }
}

/**
 * Each environment the policy counts approvals from must exist and have a `required_reviewers`
 * rule with at least one reviewer; otherwise anyone who can run the job could "approve" it, so
 * the promotion fails closed, naming every environment at fault and how to set it up.
 */
export async function assertEnvironmentsProtected(
  client: GitHubClient,
  repo: RepoRef,
  environments: readonly string[]
): Promise<void> {
  const problems: string[] = []
  for (const name of new Set(environments)) {
    const protection = await getEnvironmentProtection(client, repo, name)
    if (protection.status === 'missing')
      problems.push(
        `environment "${name}" does not exist in ${repo.owner}/${repo.repo}: create it, then ${protectionHowTo(name)}`
      )
    else if (protection.status === 'unprotected')
      problems.push(
        `environment "${name}" has no required reviewers, so its approvals prove nothing: ${protectionHowTo(name)}`
      )
  }
  if (problems.length > 0) throw new GitHubError(`approvals cannot be trusted: ${problems.join('; ')}`)
}
