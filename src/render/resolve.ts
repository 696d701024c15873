import type { StageOccupant } from '../registry/state.js'

/** One version per line (with its traffic weight during a canary); nothing at all for an empty stage. */
export function renderResolution(
  model: string,
  stage: string,
  versions: readonly StageOccupant[],
  format: 'text' | 'json'
): string {
  if (format === 'json') return `${JSON.stringify({ model, stage, versions }, null, 2)}\n`
  return versions.map((v) => `${v.version}${v.weight === null ? '' : ` ${v.weight}%`}\n`).join('')
}
