import type { LoadedEvidence } from '../../src/evidence/types.js'
import { evaluate } from '../../src/gates/evaluate.js'
import type { GateResult } from '../../src/gates/types.js'
import { parsePolicy } from '../../src/policy/load.js'
import type { Policy } from '../../src/policy/types.js'

/** A one-transition policy (dev -> staging) with the given gates, written as users write them. */
export function policyWithGates(gatesYaml: string, extra = ''): Policy {
  return parsePolicy(
    `version: 1\nmodel: m\nstages: [dev, staging, prod]\nbaseline: prod\ntransitions:\n  - to: staging\n    gates:\n${gatesYaml
      .trim()
      .split('\n')
      .map((line) => `      ${line}`)
      .join('\n')}\n${extra}`,
    'test-policy.yaml'
  )
}

/** The outcome of one gate (written as users write it) on one piece of candidate evidence. */
export function gateOn(gateYaml: string, name: string, evidence: LoadedEvidence): GateResult {
  return evaluate({
    policy: policyWithGates(gateYaml),
    request: { model: 'm', version: 'v1.0.0', to: 'staging' },
    candidate: new Map([[name, evidence]]),
    baseline: { version: null, evidence: new Map() }
  }).gates[0]!
}
