import * as core from '@actions/core'
import { oneLine } from '../records/escape.js'

/**
 * The runner reads every stdout line that starts with `::` as a workflow command, and
 * `core.info` prints its text raw. Every informational line therefore goes through here: one
 * line, control characters removed, never starting with `::` — whatever an input, tag or API
 * answer inside it holds. (`core.error` / `core.warning` escape their own data.)
 */
export function info(text: string): void {
  const line = oneLine(text)
  core.info(line.startsWith('::') ? ` ${line}` : line)
}
