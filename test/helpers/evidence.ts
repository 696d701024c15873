import type { EvidenceSet, LoadedEvidence } from '../../src/evidence/types.js'

/** An evidence set from plain objects, as readers would have produced them. */
export function evidenceSet(reports: Record<string, unknown>): EvidenceSet {
  const set = new Map<string, LoadedEvidence>()
  for (const [name, data] of Object.entries(reports)) {
    set.set(name, { name, format: 'json', source: `${name}.json`, sha256: '0'.repeat(64), data })
  }
  return set
}
