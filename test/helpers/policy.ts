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
