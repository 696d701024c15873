import {
  checkEnvironmentGuard,
  parseRef,
  protectionHowTo,
  type BranchPattern,
  type EnvironmentFacts,
  type EnvironmentReviewer,
  type GuardOptions
} from '../approvals/guard.js'
import { GitHubError } from '../errors.js'
import type { RepoRef } from './approvals.js'
import { githubError, statusOf, type GitHubClient } from './client.js'

/** An environment as `GET /repos/{owner}/{repo}/environments` lists it (the fields modelgate reads). */
export interface EnvironmentObject {
  name: string
  protection_rules?: Array<{ type?: string; reviewers?: unknown[] }>
  can_admins_bypass?: unknown
  deployment_branch_policy?: unknown
  [field: string]: unknown
}

/** What one environment's protection looks like to modelgate. */
export type EnvironmentProtection =
  | { name: string; status: 'protected'; reviewers: number }
  | { name: string; status: 'unprotected' }
  | { name: string; status: 'missing' }

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

/** `GET /repos/{owner}/{repo}/environments/{environment_name}` → its protection. */
export async function getEnvironmentProtection(
  client: GitHubClient,
  repo: RepoRef,
  name: string
): Promise<EnvironmentProtection> {
  const facts = await getEnvironmentFacts(client, repo, name, '')
  if (!facts.exists) return { name, status: 'missing' }
  return facts.reviewers.length > 0
    ? { name, status: 'protected', reviewers: facts.reviewers.length }
    : { name, status: 'unprotected' }
}

interface EnvironmentData {
  protection_rules?: Array<{ type?: string; reviewers?: Array<{ type?: string; reviewer?: unknown }> }>
  can_admins_bypass?: unknown
  deployment_branch_policy?: { protected_branches?: unknown; custom_branch_policies?: unknown } | null
}

/**
 * What GitHub says about an environment, as `checkEnvironmentGuard` reads it: one request, plus
 * the branch rules only where the environment restricts branches (its name patterns, or whether
 * the run's branch is protected).
 */
export async function getEnvironmentFacts(
  client: GitHubClient,
  repo: RepoRef,
  name: string,
  ref: string
): Promise<EnvironmentFacts> {
  let data: EnvironmentData
  try {
    data = (await client.repos.getEnvironment({ ...repo, environment_name: name })).data as EnvironmentData
  } catch (error) {
    if (statusOf(error) === 404) return { name, exists: false, reviewers: [], branches: { kind: 'all' } }
    throw githubError(`reading environment "${name}"`, 'environment', error)
  }
  return environmentFacts(name, data, (policy) => branchRules(client, repo, name, ref, policy))
}

/** The facts in one environment object (from the single GET or a listing of all environments). */
export async function environmentFacts(
  name: string,
  data: EnvironmentData,
  branches: (policy: 'protected' | 'custom') => Promise<EnvironmentFacts['branches']>
): Promise<EnvironmentFacts> {
  // API answers are data: a listing entry may carry anything where the rules should be.
  const rules = Array.isArray(data.protection_rules) ? data.protection_rules : []
  const rule = rules.find((r) => r?.type === 'required_reviewers')
  const reviewers: EnvironmentReviewer[] = []
  for (const entry of Array.isArray(rule?.reviewers) ? rule.reviewers : []) {
    const who = (entry?.reviewer ?? {}) as { login?: unknown; slug?: unknown; id?: unknown }
    const id = Number.isSafeInteger(who.id) ? (who.id as number) : undefined
    if (entry?.type === 'Team' && typeof who.slug === 'string')
      reviewers.push({ type: 'Team', slug: who.slug, ...(id !== undefined && { id }) })
    else if (typeof who.login === 'string')
      reviewers.push({ type: 'User', login: who.login, ...(id !== undefined && { id }) })
  }
  const policy = typeof data.deployment_branch_policy === 'object' ? data.deployment_branch_policy : undefined
  const restricted =
    policy && policy.protected_branches === true
      ? 'protected'
      : policy && policy.custom_branch_policies === true
        ? 'custom'
        : undefined
  return {
    name,
    exists: true,
    reviewers,
    ...(typeof data.can_admins_bypass === 'boolean' && { canAdminsBypass: data.can_admins_bypass }),
    branches: restricted ? await branches(restricted) : { kind: 'all' }
  }
}

async function branchRules(
  client: GitHubClient,
  repo: RepoRef,
  environment: string,
  ref: string,
  policy: 'protected' | 'custom'
): Promise<EnvironmentFacts['branches']> {
  if (policy === 'protected') {
    const target = parseRef(ref)
    if (target?.type !== 'branch') return { kind: 'protected', refIsProtected: false }
    try {
      const { data } = await client.repos.getBranch({ ...repo, branch: target.name })
      return { kind: 'protected', refIsProtected: data.protected === true }
    } catch (error) {
      if (statusOf(error) === 404) return { kind: 'protected', refIsProtected: false }
      throw githubError(`reading whether branch "${target.name}" is protected`, 'environment', error)
    }
  }
  const patterns: BranchPattern[] = []
  try {
    for await (const page of client.paginate.iterator(client.repos.listDeploymentBranchPolicies, {
      ...repo,
      environment_name: environment,
      per_page: 100
    })) {
      // Octokit's paginate hands over the `branch_policies` list itself, not the wrapper.
      type Entry = { name?: unknown; type?: unknown }
      const data = page.data as unknown as Entry[] | { branch_policies?: Entry[] }
      for (const entry of Array.isArray(data) ? data : (data.branch_policies ?? []))
        if (typeof entry.name === 'string')
          patterns.push({ name: entry.name, type: entry.type === 'tag' ? 'tag' : 'branch' })
    }
  } catch (error) {
    throw githubError(
      `reading the deployment branch rules of environment "${environment}"`,
      'environment',
      error
    )
  }
  return { kind: 'custom', patterns }
}

/**
 * Each environment the policy counts approvals from must exist, have required reviewers, not let
 * administrators bypass them (unless accepted with `admin-bypass: warn`), and admit the run's ref;
 * otherwise the promotion fails closed, naming every environment at fault and how to fix it.
 * The environments come from one listing (`listEnvironments`: reviewers, `can_admins_bypass` and
 * the deployment-branch policy of each), so the request count does not grow with the policy's
 * environments; only an environment that restricts branches costs one more read (its patterns,
 * or whether the run's branch is protected).
 * Returns the facts, to screen the approvals with (`screenReviews`), and the warnings accepted.
 */
export async function assertEnvironmentsProtected(
  client: GitHubClient,
  repo: RepoRef,
  environments: readonly string[],
  options: Omit<GuardOptions, 'repository'> = { ref: '', adminBypass: 'refuse' }
): Promise<{ environments: EnvironmentFacts[]; warnings: string[] }> {
  const names = [...new Set(environments)]
  if (names.length === 0) return { environments: [], warnings: [] }
  const listed = await listEnvironments(client, repo)
  const facts: EnvironmentFacts[] = []
  for (const name of names) {
    const data = listed.find((environment) => environment.name === name)
    facts.push(
      data
        ? await environmentFacts(name, data as EnvironmentData, (policy) =>
            branchRules(client, repo, name, options.ref, policy)
          )
        : { name, exists: false, reviewers: [], branches: { kind: 'all' } }
    )
  }
  const report = checkEnvironmentGuard(facts, { ...options, repository: `${repo.owner}/${repo.repo}` })
  if (report.problems.length > 0)
    throw new GitHubError(`approvals cannot be trusted: ${report.problems.join('; ')}`)
  return { environments: facts, warnings: report.warnings }
}
