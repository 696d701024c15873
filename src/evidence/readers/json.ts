import { EvidenceError } from '../../errors.js'
import type { EvidenceReader } from './types.js'
import { parseStructured } from './structured.js'

/** `json` / `yaml`: any object; metric paths resolve into it as written. */
export const readJson: EvidenceReader = async ({ primary, name }) => {
  if (!primary) throw new EvidenceError(`evidence "${name}" needs a path`)
  return parseStructured(primary)
}
