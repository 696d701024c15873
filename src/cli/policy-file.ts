import { dirname, resolve } from 'node:path'
import { loadPolicy } from '../policy/load.js'
import { pathFromRoot } from '../policy/source-path.js'
import type { Policy } from '../policy/types.js'
import type { CliIO } from './io.js'
import { findRepositoryRoot } from './repository-root.js'

/**
 * The policy named by `--policy`, recorded by its path in the repository that holds it (any
 * clone can `git show` it by the record's `git_blob`), or by the path as given outside one:
 * never the absolute path of this machine when a repository is there to be relative to.
 */
export async function loadCliPolicy(given: string, io: Pick<CliIO, 'cwd'>): Promise<Policy> {
  const file = resolve(io.cwd, given)
  const policy = await loadPolicy(file)
  const root = await findRepositoryRoot(dirname(file))
  const inRepository = root === null ? null : pathFromRoot(root, file)
  policy.source = { ...policy.source!, path: inRepository ?? given }
  return policy
}
