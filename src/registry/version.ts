// Only the two functions used: `semver`'s index loads every class and range module at start-up.
import semverCompare from 'semver/functions/compare.js'
import semverValid from 'semver/functions/valid.js'
import { UsageError } from '../errors.js'

/**
 * Model versions are GTO semver with a `v` prefix; a bare integer N means vN.0.0 (SPEC §4).
 * Returns the canonical `vX.Y.Z[-pre][+build]` or throws a UsageError saying what was expected.
 */
export function normalizeVersion(input: string | number): string {
  const text = String(input).trim()
  if (/^\d+$/.test(text)) return `v${Number(text)}.0.0`
  const bare = text.startsWith('v') ? text.slice(1) : text
  const parsed = semverValid(bare)
  if (!parsed || parsed !== bare) {
    throw new UsageError(`expected a version such as 7, v7.0.0 or 1.2.3, got "${text}"`)
  }
  return `v${parsed}`
}

export function isVersion(input: string): boolean {
  try {
    normalizeVersion(input)
    return true
  } catch {
    return false
  }
}

export function compareVersions(a: string, b: string): number {
  return semverCompare(a.replace(/^v/, ''), b.replace(/^v/, ''))
}
