import type { EvidenceSet } from '../evidence/types.js'
import type { SchemaGate } from '../policy/types.js'
import { baselineLabel } from './format.js'
import type { Outcome } from './outcome.js'
import type { BaselineInput } from './types.js'

interface Feature {
  name: string
  type: string
  required: boolean
}

type Parsed = { ok: true; features: Map<string, Feature> } | { ok: false; message: string }

/** `{ features: [{ name, type, required }] }`; `required` defaults to true (the safe reading). */
export function parseFeatureSchema(data: unknown): Parsed {
  const list =
    data && typeof data === 'object' && !Array.isArray(data)
      ? (data as { features?: unknown }).features
      : undefined
  if (!Array.isArray(list)) return { ok: false, message: 'expected { features: [{ name, type, required }] }' }
  const features = new Map<string, Feature>()
  for (const [i, entry] of list.entries()) {
    const { name, type, required } = (entry ?? {}) as Record<string, unknown>
    if (typeof name !== 'string' || name === '' || typeof type !== 'string' || type === '') {
      return { ok: false, message: `features[${i}] needs a name and a type` }
    }
    if (required !== undefined && typeof required !== 'boolean')
      return { ok: false, message: `features[${i}].required must be true or false` }
    if (features.has(name)) return { ok: false, message: `feature "${name}" is listed twice` }
    features.set(name, { name, type, required: required ?? true })
  }
  return { ok: true, features }
}

/** Removed features, changed types and added required features break serving; added optional ones do not. */
export function schemaIncompatibilities(
  baseline: Map<string, Feature>,
  candidate: Map<string, Feature>
): string[] {
  const problems: string[] = []
  for (const [name, old] of baseline) {
    const now = candidate.get(name)
    if (!now) problems.push(`removed feature "${name}"`)
    else if (now.type !== old.type) problems.push(`feature "${name}" changed type ${old.type} -> ${now.type}`)
  }
  for (const [name, now] of candidate) {
    if (!baseline.has(name) && now.required) problems.push(`added required feature "${name}"`)
  }
  return problems
}

export function evaluateSchemaGate(
  gate: SchemaGate,
  candidate: EvidenceSet,
  baseline: BaselineInput
): Outcome {
  const threshold = 'compatible with baseline'
  const current = candidate.get(gate.evidence)
  if (!current)
    return { status: 'missing', threshold, message: `evidence "${gate.evidence}" was not provided` }
  const parsedCurrent = parseFeatureSchema(current.data)
  if (!parsedCurrent.ok)
    return { status: 'error', threshold, message: `${current.source}: ${parsedCurrent.message}` }
  if (baseline.version === null) {
    return {
      status: 'skipped',
      threshold,
      message: 'no model is in the baseline stage yet, so there is no schema to compare with'
    }
  }
  const previous = baseline.evidence.get(gate.evidence)
  if (!previous)
    return {
      status: 'error',
      threshold,
      message: `${baselineLabel(baseline.version)}: evidence "${gate.evidence}" was not provided`
    }
  const parsedPrevious = parseFeatureSchema(previous.data)
  if (!parsedPrevious.ok)
    return { status: 'error', threshold, message: `baseline ${previous.source}: ${parsedPrevious.message}` }
  const problems = schemaIncompatibilities(parsedPrevious.features, parsedCurrent.features)
  if (problems.length > 0)
    return { status: 'fail', threshold, observed: problems, message: `incompatible: ${problems.join('; ')}` }
  const added = [...parsedCurrent.features.keys()].filter((name) => !parsedPrevious.features.has(name))
  return {
    status: 'pass',
    threshold,
    message:
      added.length > 0 ? `compatible; added optional ${added.map((n) => `"${n}"`).join(', ')}` : 'compatible'
  }
}
