import type { Transition } from '../policy/types.js'
import { parseMetricPath } from './path.js'

/** The evidence names a transition's gates read, so only those are fetched. */
export function evidenceNamesFor(transition: Transition): Set<string> {
  const names = new Set<string>()
  for (const gate of transition.gates) {
    if (gate.kind === 'metric') {
      const path = parseMetricPath(gate.metric)
      if (path) names.add(path.evidence)
      const baselinePath = gate.vs_baseline?.metric ? parseMetricPath(gate.vs_baseline.metric) : undefined
      if (baselinePath) names.add(baselinePath.evidence)
    } else if (gate.kind === 'schema_compatible' || gate.kind === 'lineage') {
      names.add(gate.evidence)
    } else if (gate.kind === 'checks') {
      names.add(gate.evidence)
    }
  }
  return names
}
