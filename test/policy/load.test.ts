import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { PolicyError } from '../../src/errors.js'
import { loadPolicy, parsePolicy } from '../../src/policy/load.js'
import { scratchDir } from '../helpers/tmp.js'

const HEAD = 'version: 1\nmodel: fraud_detector\nstages: [dev, staging, prod]\n'

function errorOf(text: string, file = 'policy.yaml'): PolicyError {
  try {
    parsePolicy(text, file)
  } catch (error) {
    if (error instanceof PolicyError) return error
    throw error
  }
  throw new Error('expected a PolicyError')
}

describe('parsePolicy: located errors', () => {
  it('names file:line:column, key path and what was expected', () => {
    const text = `${HEAD}transitions:\n  - to: staging\n    gates:\n      - { id: auc, metric: offline.auc, min: 0.8 }\n  - to: prod\n    gates:\n      - id: latency\n        metric: online.latency_p95_ms\n        max: eighty\n`
    expect(errorOf(text).format()).toBe(
      'policy.yaml:12:14 transitions[1].gates[0].max: expected a number, got "eighty"'
    )
  })

  it('refuses an unknown key and suggests the nearest valid one, pointing at the key', () => {
    const error = errorOf(
      `${HEAD}transitions:\n  - to: staging\n    gates:\n      - { id: g, metric: x.y, mni: 1 }\n`
    )
    expect(error.format()).toBe(
      'policy.yaml:7:31 transitions[0].gates[0].mni: unknown key; did you mean "min"?'
    )
  })

  it('suggests at the top level too, and stays quiet when nothing is close', () => {
    expect(errorOf(`${HEAD}transitons: []\n`).message).toBe('unknown key; did you mean "transitions"?')
    expect(errorOf(`${HEAD}zzzzzzzz: 1\ntransitions: []\n`).message).toBe('unknown key')
  })

  it('refuses duplicate keys with the line of the duplicate', () => {
    const error = errorOf('version: 1\nmodel: a\nmodel: b\nstages: [a, b]\ntransitions: []\n')
    expect(error.format()).toBe('policy.yaml:3:1 model: duplicate key; it is first given at line 2')
    const nested = errorOf(
      `${HEAD}transitions:\n  - to: staging\n    gates:\n      - id: g\n        metric: x.y\n        min: 1\n        min: 2\n`
    )
    expect(nested.format()).toBe(
      'policy.yaml:10:9 transitions[0].gates[0].min: duplicate key; it is first given at line 9'
    )
  })

  it('refuses duplicate gate ids within a transition', () => {
    const error = errorOf(
      `${HEAD}transitions:\n  - to: staging\n    gates:\n      - { id: g, metric: x.y, min: 1 }\n      - { id: g, checks: [t] }\n`
    )
    expect(error.format()).toBe(
      'policy.yaml:8:15 transitions[0].gates[1].id: duplicate gate id "g" in this transition'
    )
  })

  it('allows the same gate id in different transitions', () => {
    const policy = parsePolicy(
      `${HEAD}transitions:\n  - to: staging\n    gates: [{ id: g, metric: x.y, min: 1 }]\n  - to: prod\n    gates: [{ id: g, metric: x.y, min: 2 }]\n`,
      'p.yaml'
    )
    expect(policy.transitions.map((t) => t.gates[0]!.id)).toEqual(['g', 'g'])
  })

  it('refuses undeclared stages in to, from and baseline', () => {
    expect(
      errorOf(`${HEAD}transitions:\n  - to: qa\n    gates: [{ id: g, metric: x.y, min: 1 }]\n`).format()
    ).toBe('policy.yaml:5:9 transitions[0].to: undeclared stage "qa"; stages are dev, staging, prod')
    expect(
      errorOf(`${HEAD}transitions:\n  - { from: qa, to: prod, gates: [{ id: g, metric: x.y, min: 1 }] }\n`)
        .message
    ).toMatch(/undeclared stage "qa"/)
    expect(
      errorOf(
        `${HEAD}baseline: live\ntransitions:\n  - { to: prod, gates: [{ id: g, metric: x.y, min: 1 }] }\n`
      ).format()
    ).toMatch(/^policy.yaml:4:11 baseline: undeclared stage "live"/)
  })

  it('refuses a gate with no check, and bounds without a metric', () => {
    expect(errorOf(`${HEAD}transitions:\n  - to: staging\n    gates: [{ id: g }]\n`).message).toMatch(
      /^a gate with no check/
    )
    expect(
      errorOf(`${HEAD}transitions:\n  - to: staging\n    gates: [{ id: g, metric: x.y }]\n`).message
    ).toMatch(/^a gate with no check: a metric gate needs/)
    expect(errorOf(`${HEAD}transitions:\n  - to: staging\n    gates: [{ id: g, min: 1 }]\n`).message).toBe(
      'bounds and vs_baseline need a metric'
    )
  })

  it('refuses two check kinds on one gate', () => {
    expect(
      errorOf(
        `${HEAD}transitions:\n  - to: staging\n    gates: [{ id: g, metric: x.y, min: 1, checks: [t] }]\n`
      ).message
    ).toBe('a gate checks one thing; it has metric and checks')
  })

  it('refuses bounds no value can satisfy and empty vs_baseline', () => {
    expect(
      errorOf(
        `${HEAD}transitions:\n  - to: staging\n    gates: [{ id: g, metric: x.y, min: 0.9, max: 0.8 }]\n`
      ).message
    ).toMatch(/no value can pass/)
    expect(
      errorOf(`${HEAD}transitions:\n  - to: staging\n    gates: [{ id: g, metric: x.y, vs_baseline: {} }]\n`)
        .message
    ).toMatch(/vs_baseline needs/)
  })

  it('refuses YAML alias bombs', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]'
    ].join('\n')
    expect(errorOf(bomb).message).toMatch(/^refused: .*aliases expand too far/)
  })

  it('locates syntax errors and JSON errors', () => {
    expect(errorOf('version: 1\nmodel: [unclosed\n').location?.line).toBeGreaterThanOrEqual(2)
    const json = errorOf(
      '{"version": 1, "model": "m", "stages": ["a","b"],\n "transitions": [{"to": "b", "gates": [{"id": "g", "metric": "x.y", "max": "high"}]}]}',
      'policy.json'
    )
    expect(json.format()).toBe('policy.json:2:76 transitions[0].gates[0].max: expected a number, got "high"')
  })

  it('refuses bad durations, rollouts and approval counts with their paths', () => {
    const base = `${HEAD}transitions:\n  - to: prod\n    gates: [{ id: g, metric: x.y, min: 1 }]\n`
    expect(
      errorOf(
        `${base}    rollout: { strategy: canary, steps: [{ weight: 10, hold: 30 minutes }, { weight: 100 }] }\n`
      ).location?.path
    ).toBe('transitions[0].rollout.steps[0].hold')
    expect(
      errorOf(
        `${base}    rollout: { strategy: canary, steps: [{ weight: 50 }, { weight: 10 }, { weight: 100 }] }\n`
      ).message
    ).toBe('canary weights must increase step by step')
    expect(errorOf(`${base}    rollout: { strategy: canary, steps: [{ weight: 50 }] }\n`).message).toBe(
      'the last canary step must reach weight 100'
    )
    expect(errorOf(`${base}    approvals: { required: 2, environments: [owner] }\n`).message).toMatch(
      /required 2 needs at least 2 environments/
    )
    expect(
      errorOf(`${base}    rollback: { to: yesterday, when: [{ metric: online.p95, above: 80 }] }\n`).location
        ?.path
    ).toBe('transitions[0].rollback.to')
  })

  it('refuses "archived" as a listed stage and gate ids that could inject', () => {
    expect(
      errorOf(
        'version: 1\nmodel: m\nstages: [dev, archived]\ntransitions: [{ to: archived, gates: [{ id: g, metric: x.y, min: 1 }] }]\n'
      ).message
    ).toMatch(/implicit/)
    expect(
      errorOf(
        `${HEAD}transitions:\n  - to: staging\n    gates: [{ id: "a|b<script>", metric: x.y, min: 1 }]\n`
      ).location?.path
    ).toBe('transitions[0].gates[0].id')
  })
})

describe('parsePolicy: normalisation', () => {
  const policy = parsePolicy(readFileSync('policies/fraud-v7.yaml', 'utf8'), 'fraud-v7.yaml')

  it('fills from with the previous stage, defaults severity and optional', () => {
    expect(policy.transitions.map((t) => `${t.from}->${t.to}`)).toEqual(['dev->staging', 'staging->prod'])
    expect(policy.transitions[1]!.gates[0]).toEqual({
      id: 'latency-p95',
      kind: 'metric',
      metric: 'online.latency_p95_ms',
      bounds: { max: 80 },
      severity: 'block',
      optional: false
    })
  })

  it('parses durations of rollout holds and rollback windows', () => {
    expect(policy.transitions[1]!.rollout).toEqual({
      strategy: 'canary',
      steps: [
        { weight: 10, hold: '30m', holdSeconds: 1800 },
        { weight: 50, hold: '2h', holdSeconds: 7200 },
        { weight: 100 }
      ]
    })
    expect(policy.transitions[1]!.rollback).toMatchObject({
      to: 'previous',
      when: [{ forSeconds: 300, above: 80 }]
    })
  })

  it('defaults the baseline stage to the last stage and prevent_self_approval to true', () => {
    const minimal = parsePolicy(
      'version: 1\nmodel: m\nstages: [a, b]\ntransitions:\n  - to: b\n    approvals: { required: 1, environments: [e] }\n',
      'p.yaml'
    )
    expect(minimal.baseline).toBe('b')
    expect(minimal.transitions[0]!.approvals).toEqual({
      required: 1,
      environments: ['e'],
      prevent_self_approval: true
    })
  })

  it('normalises the rollback version: a bare integer N is vN.0.0', () => {
    const p = parsePolicy(
      `${HEAD}transitions:\n  - to: prod\n    gates: [{ id: g, metric: x.y, min: 1 }]\n    rollback: { to: 3, when: [{ metric: o.p, above: 1 }] }\n`,
      'p.yaml'
    )
    expect(p.transitions[0]!.rollback!.to).toBe('v3.0.0')
  })
})

describe('loadPolicy', () => {
  it('fingerprints the file it read', async () => {
    const scratch = scratchDir({
      'p.yaml': `${HEAD}transitions:\n  - to: staging\n    gates: [{ id: g, metric: x.y, min: 1 }]\n`
    })
    try {
      const policy = await loadPolicy(`${scratch.dir}/p.yaml`)
      expect(policy.source?.sha256).toMatch(/^[0-9a-f]{64}$/)
    } finally {
      scratch.cleanup()
    }
  })

  it('names a missing file', async () => {
    await expect(loadPolicy('/nonexistent/policy.yaml')).rejects.toThrow('cannot read policy: no such file')
  })
})
