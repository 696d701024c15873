import { GitHubError } from '../errors.js'
import type { RepoRef } from './approvals.js'
import { githubError, type GitHubClient } from './client.js'

/** An environment as `GET /repos/{owner}/{repo}/environments` lists it (the fields modelgate reads). */
export interface EnvironmentObject {
  name: string
  protection_rules?: Array<{ type?: string; reviewers?: unknown[] }>
  [field: string]: unknown
}

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

/** GitHub's largest page: a repository with up to 100 environments is read in one request. */
const PER_PAGE = 100
/** Environments are few; a repository listing more pages than this is not read further. */
const MAX_PAGES = 10

/**
 * Every environment of the repository with its protection rules,
 * `GET /repos/{owner}/{repo}/environments`: one request for all of them (up to 100), instead of
 * one per environment the policy names. The fetch only: the checks below are pure.
 */
export async function listEnvironments(client: GitHubClient, repo: RepoRef): Promise<EnvironmentObject[]> {
  const all: EnvironmentObject[] = []
  for (let page = 1; page <= MAX_PAGES; page++) {
    let data: { total_count?: number; environments?: unknown[] }
    try {
      ;({ data } = await client.repos.getAllEnvironments({ ...repo, per_page: PER_PAGE, page }))
    } catch (error) {
      throw githubError(`listing the environments of ${repo.owner}/${repo.repo}`, 'environment', error)
    }
    const environments = Array.isArray(data.environments) ? data.environments : []
    for (const environment of environments) {
      // A listing entry without a string name is not an environment anyone can name in a policy.
      if (environment && typeof (environment as EnvironmentObject).name === 'string')
        all.push(environment as EnvironmentObject)
    }
    const total = typeof data.total_count === 'number' ? data.total_count : 0
    if (environments.length < PER_PAGE || page * PER_PAGE >= total) break
  }
  return all
}

/** One environment's protection, from the listing (absent from it: missing). */
export function environmentProtection(
  environments: readonly EnvironmentObject[],
  name: string
): EnvironmentProtection {
  const environment = environments.find((e) => e.name === name)
  if (!environment) return { name, status: 'missing' }
  const rules = Array.isArray(environment.protection_rules) ? environment.protection_rules : []
  const rule = rules.find((r) => r && r.type === 'required_reviewers')
  const reviewers = Array.isArray(rule?.reviewers) ? rule.reviewers.length : 0
  return reviewers > 0 ? { name, status: 'protected', reviewers } : { name, status: 'unprotected' }
}

/**
 * Why approvals from these environments cannot be trusted, one line per environment at fault:
 * each must exist and have a `required_reviewers` rule with at least one reviewer, or anyone who
 * can run the job could "approve" it. Empty when all are protected.
 */
export function environmentProblems(
  environments: readonly EnvironmentObject[],
  names: readonly string[],
  repo: RepoRef
): string[] {
  const problems: string[] = []
  for (const name of new Set(names)) {
    const protection = environmentProtection(environments, name)
    if (protection.status === 'missing')
      problems.push(
        `environment "${name}" does not exist in ${repo.owner}/${repo.repo}: create it, then ${protectionHowTo(name)}`
      )
    else if (protection.status === 'unprotected')
      problems.push(
        `environment "${name}" has no required reviewers, so its approvals prove nothing: ${protectionHowTo(name)}`
      )
  }
  return problems
}

/** Fails closed, naming every environment at fault and how to set it up. One request. */
export async function assertEnvironmentsProtected(
  client: GitHubClient,
  repo: RepoRef,
  environments: readonly string[]
): Promise<void> {
  if (environments.length === 0) return
  const problems = environmentProblems(await listEnvironments(client, repo), environments, repo)
  if (problems.length > 0) throw new GitHubError(`approvals cannot be trusted: ${problems.join('; ')}`)
}
