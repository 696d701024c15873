// Only the two functions used: `semver`'s index loads every class and range module at start-up.
import semverCompare from 'semver/functions/compare.js'
import semverValid from 'semver/functions/valid.js'
import { UsageError } from '../errors.js'

/**
 * The largest version component modelgate accepts: the semver library (and GTO's tools reading
 * the same tags) compare components as doubles, so a larger one would silently become another
 * number (9007199254740993 reads as …992). Such versions are refused, never rounded.
 */
const MAX_COMPONENT = BigInt(Number.MAX_SAFE_INTEGER)

/**
 * Model versions are GTO semver with a `v` prefix; a bare integer N means vN.0.0.
 * Returns the canonical `vX.Y.Z[-pre][+build]` or throws a UsageError saying what was expected.
 * Components are checked as exact integers: nothing is rounded or written in exponent form.
 */
export function normalizeVersion(input: string | number): string {
  const text = String(input).trim()
  if (text.length > 256)
    throw new UsageError(`expected a version such as 7, v7.0.0 or 1.2.3, got ${text.length} characters`)
  if (/^\d+$/.test(text)) {
    assertComponent(BigInt(text), text)
    return `v${BigInt(text)}.0.0`
  }
  const bare = text.startsWith('v') ? text.slice(1) : text
  const core = /^(\d+)\.(\d+)\.(\d+)(?:[-+]|$)/.exec(bare)
  if (core) for (const part of core.slice(1)) assertComponent(BigInt(part!), text)
  const parsed = semverValid(bare)
  if (!parsed || parsed !== bare) {
    throw new UsageError(`expected a version such as 7, v7.0.0 or 1.2.3, got "${text}"`)
  }
  return `v${parsed}`
}

function assertComponent(value: bigint, text: string): void {
  if (value > MAX_COMPONENT)
    throw new UsageError(
      `version "${text}" has a number above ${Number.MAX_SAFE_INTEGER} (2^53 - 1); semver tools cannot compare it exactly, so modelgate refuses it`
    )
}

export function isVersion(input: string): boolean {
  try {
    normalizeVersion(input)
    return true
  } catch {
    return false
  }
}

/** `input` as a canonical version when it is one, else null (for values read from tags or records). */
export function canonicalVersion(input: unknown): string | null {
  if (typeof input !== 'string') return null
  try {
    const normalized = normalizeVersion(input)
    return normalized === input ? normalized : null
  } catch {
    return null
  }
}

export function compareVersions(a: string, b: string): number {
  return semverCompare(a.replace(/^v/, ''), b.replace(/^v/, ''))
}
