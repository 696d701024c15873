import { UsageError } from '../errors.js'

/**
 * Parses repeated `name=path` values (`--evidence offline=metrics.json`). Later values for the
 * same name win, as a command line reads left to right.
 */
export function parseNamedPaths(values: readonly string[] | undefined, flag: string): Map<string, string> {
  const result = new Map<string, string>()
  for (const value of values ?? []) {
    const eq = value.indexOf('=')
    const name = eq > 0 ? value.slice(0, eq).trim() : ''
    const path = eq > 0 ? value.slice(eq + 1).trim() : ''
    if (!name || !path) throw new UsageError(`${flag} expects name=path, got "${value}"`)
    if (!/^[A-Za-z_][\w-]*$/.test(name)) {
      throw new UsageError(
        `${flag} ${value}: the name must start with a letter or _ and hold only letters, digits, _ and -`
      )
    }
    result.set(name, path)
  }
  return result
}
