import { PolicyError } from '../errors.js'
import type { Policy, Transition } from './types.js'

/** The transition into `to` (from `from` when given), or an error listing the ones there are. */
export function findTransition(policy: Policy, to: string, from?: string): Transition {
  const candidates = policy.transitions.filter((t) => t.to === to && (from === undefined || t.from === from))
  if (candidates.length === 1) return candidates[0]!
  const known = policy.transitions.map((t) => `${t.from} -> ${t.to}`).join(', ')
  const file = policy.source?.path
  if (candidates.length === 0) {
    const wanted = from === undefined ? `into "${to}"` : `from "${from}" to "${to}"`
    throw new PolicyError(`the policy has no transition ${wanted}; it has ${known}`, { file })
  }
  throw new PolicyError(
    `the policy has ${candidates.length} transitions into "${to}" (${candidates.map((t) => t.from).join(', ')}); say which with --from`,
    { file }
  )
}

/** Whether `model` is governed by the policy's `model` (a name or a `*`/`?` glob). */
export function modelMatches(policy: Policy, model: string): boolean {
  const pattern = policy.model
  if (!/[*?]/.test(pattern)) return pattern === model
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\/-]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`
  )
  return regex.test(model)
}
