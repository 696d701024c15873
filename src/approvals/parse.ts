import { EvidenceError } from '../errors.js'
import type { EnvironmentReview } from './types.js'

/**
 * Validates the shape of GitHub's run-approvals response (also what `--approvals FILE` takes):
 * a list of `{ state, comment, environments: [{ name }], user: { login } }`.
 */
export function parseEnvironmentReviews(data: unknown, file: string): EnvironmentReview[] {
  if (!Array.isArray(data))
    throw new EvidenceError('expected the JSON list GET /actions/runs/{run_id}/approvals returns', { file })
  return data.map((entry, i) => {
    const path = `[${i}]`
    if (!entry || typeof entry !== 'object')
      throw new EvidenceError('expected an approval object', { file, path })
    const { state, comment, environments, user } = entry as Record<string, unknown>
    if (typeof state !== 'string')
      throw new EvidenceError('expected state to be a string', { file, path: `${path}.state` })
    if (!Array.isArray(environments))
      throw new EvidenceError('expected environments to be a list', { file, path: `${path}.environments` })
    const login = user && typeof user === 'object' ? (user as { login?: unknown }).login : undefined
    if (typeof login !== 'string' || login === '')
      throw new EvidenceError('expected user.login', { file, path: `${path}.user` })
    return {
      state,
      comment: typeof comment === 'string' ? comment : null,
      environments: environments.map((env) => ({
        name:
          env && typeof env === 'object' && typeof (env as { name?: unknown }).name === 'string'
            ? (env as { name: string }).name
            : null
      })),
      user: { login }
    }
  })
}
