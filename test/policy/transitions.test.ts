import { describe, expect, it } from '@jest/globals'
import { PolicyError } from '../../src/errors.js'
import { parsePolicy } from '../../src/policy/load.js'
import { findTransition, modelMatches } from '../../src/policy/transitions.js'

const GATE = '    gates: [{ id: g, checks: [t] }]\n'

const policy = parsePolicy(
  `version: 1\nmodel: fraud_*\nstages: [dev, staging, prod]\ntransitions:\n  - to: staging\n${GATE}  - to: prod\n${GATE}  - from: dev\n    to: prod\n${GATE}`,
  'policy.yaml'
)
policy.source = { path: 'policy.yaml', sha256: '0'.repeat(64) }

describe('findTransition', () => {
  it('finds the one transition into a stage', () => {
    expect(findTransition(policy, 'staging')).toMatchObject({ from: 'dev', to: 'staging' })
  })

  it('tells transitions into the same stage apart by from', () => {
    expect(findTransition(policy, 'prod', 'staging')).toMatchObject({ from: 'staging', to: 'prod' })
    expect(findTransition(policy, 'prod', 'dev')).toMatchObject({ from: 'dev', to: 'prod' })
  })

  it('asks for --from when two transitions lead into the stage', () => {
    expect(() => findTransition(policy, 'prod')).toThrow(
      'the policy has 2 transitions into "prod" (staging, dev); say which with --from'
    )
  })

  it('lists the transitions there are when none fits, naming the policy file', () => {
    let error: unknown
    try {
      findTransition(policy, 'qa')
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(PolicyError)
    expect((error as PolicyError).format()).toBe(
      'policy.yaml: the policy has no transition into "qa"; it has dev -> staging, staging -> prod, dev -> prod'
    )
    expect(() => findTransition(policy, 'staging', 'prod')).toThrow(
      'the policy has no transition from "prod" to "staging"; it has'
    )
  })
})

describe('modelMatches', () => {
  const withModel = (model: string) => ({ ...policy, model })

  it('matches a plain name exactly', () => {
    expect(modelMatches(withModel('fraud_detector'), 'fraud_detector')).toBe(true)
    expect(modelMatches(withModel('fraud_detector'), 'fraud_detector2')).toBe(false)
    expect(modelMatches(withModel('fraud_detector'), 'Fraud_detector')).toBe(false)
  })

  it('matches * against any run of characters and ? against one', () => {
    expect(modelMatches(policy, 'fraud_detector')).toBe(true)
    expect(modelMatches(policy, 'fraud_')).toBe(true)
    expect(modelMatches(policy, 'xfraud_detector')).toBe(false)
    expect(modelMatches(withModel('churn-v?'), 'churn-v3')).toBe(true)
    expect(modelMatches(withModel('churn-v?'), 'churn-v33')).toBe(false)
    expect(modelMatches(withModel('team/*'), 'team/ranker')).toBe(true)
  })

  it('treats the other characters of a glob literally', () => {
    expect(modelMatches(withModel('a-b*'), 'a-bc')).toBe(true)
    expect(modelMatches(withModel('a-b*'), 'axbc')).toBe(false)
  })
})
