import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { PolicyError } from '../../src/errors.js'
import { parseMetricPath } from '../../src/evidence/path.js'
import { parsePolicy } from '../../src/policy/load.js'
import { RESERVED_NAMES } from '../../src/policy/schema.js'
import type { MetricGate } from '../../src/policy/types.js'

/*
 * The policy rules beyond the basics in load.test.ts: names that could reach a prototype, the
 * implicit "archived" stage, YAML features a policy refuses, JSON policies, and the cross-field
 * rules of transitions, gates, approvals, rollouts and rollbacks. Each test breaks one rule.
 */

const HEAD = 'version: 1\nmodel: fraud_detector\nstages: [dev, staging, prod]\n'
const ONE_GATE = '    gates: [{ id: g, metric: x.y, min: 1 }]\n'
const STAGING = `transitions:\n  - to: staging\n${ONE_GATE}`

function errorOf(text: string, file = 'policy.yaml'): PolicyError {
  try {
    parsePolicy(text, file)
  } catch (error) {
    if (error instanceof PolicyError) return error
    throw error
  }
  throw new Error('expected a PolicyError')
}

const gates = (yaml: string): string => `${HEAD}transitions:\n  - to: staging\n    gates:\n      - ${yaml}\n`
const prod = (extra: string): string => `${HEAD}transitions:\n  - to: prod\n${ONE_GATE}${extra}`

describe('names that could reach a prototype', () => {
  it('refuses a __proto__ key anywhere, pointing at it (zod would drop it silently)', () => {
    expect(errorOf(`${HEAD}evidence:\n  __proto__: { path: a.json }\n${STAGING}`).format()).toBe(
      'policy.yaml:5:3 evidence.__proto__: the key "__proto__" is not allowed'
    )
    expect(errorOf(gates('{ id: g, metric: x.y, min: 1, __proto__: { min: 2 } }')).location?.path).toBe(
      'transitions[0].gates[0].__proto__'
    )
  })

  it('refuses reserved evidence names in declarations, gates and metric paths', () => {
    expect(errorOf(`${HEAD}evidence:\n  constructor: { path: a.json }\n${STAGING}`).format()).toBe(
      'policy.yaml:5:3 evidence.constructor: this name is reserved; choose another evidence name, got "constructor"'
    )
    expect(errorOf(gates('{ id: g, metric: prototype.auc, min: 1 }')).location?.path).toBe(
      'transitions[0].gates[0].metric'
    )
    expect(errorOf(gates('{ id: g, schema_compatible: { evidence: constructor } }')).message).toMatch(
      /reserved/
    )
  })

  it('keeps the normalised evidence table free of inherited names', () => {
    const policy = parsePolicy(`${HEAD}evidence:\n  offline: { path: m.json }\n${STAGING}`, 'p.yaml')
    expect(policy.evidence['constructor']).toBeUndefined()
    expect(policy.evidence['toString']).toBeUndefined()
    expect(policy.evidence).toEqual({ offline: { path: 'm.json', format: 'json' } })
  })

  it('names an evidence name that breaks the naming rule at the key', () => {
    expect(errorOf(`${HEAD}evidence:\n  "bad name": { path: a.json }\n${STAGING}`).format()).toBe(
      'policy.yaml:5:3 evidence.bad name: an evidence name is 1-64 letters, digits, "_" and "-", starting with a letter or "_" (it is used in --evidence name=path), got "bad name"'
    )
  })
})

describe('the implicit "archived" stage', () => {
  it('cannot be a transition target, a source or the baseline', () => {
    const implicit = /^"archived" is implicit: a version is archived when another replaces it/
    expect(errorOf(`${HEAD}transitions:\n  - { from: prod, to: archived, gates: [] }\n`).message).toMatch(
      implicit
    )
    expect(
      errorOf(`${HEAD}transitions:\n  - { from: archived, to: prod, gates: [{ id: g, checks: [t] }] }\n`)
        .location?.path
    ).toBe('transitions[0].from')
    expect(errorOf(`${HEAD}baseline: archived\n${STAGING}`).message).toMatch(implicit)
  })
})

describe('YAML a policy refuses', () => {
  it('a second document', () => {
    expect(errorOf(`${HEAD}${STAGING}---\nversion: 1\n`).format()).toBe(
      'policy.yaml:7:1: a policy is a single YAML document; remove the second one (after ---)'
    )
  })

  it('tab indentation, without repeating the position inside the message', () => {
    expect(errorOf('version: 1\n\tmodel: m\n').format()).toBe(
      'policy.yaml:2:1: invalid YAML: Tabs are not allowed as indentation'
    )
  })

  it('custom and language-specific tags', () => {
    expect(errorOf('version: 1\nmodel: !!js/function "f"\n').format()).toBe(
      'policy.yaml:2:8: unsupported YAML tag: tag:yaml.org,2002:js/function'
    )
    expect(errorOf('version: 1\nmodel: !custom m\n').message).toBe('unsupported YAML tag: !custom')
  })

  it('merge keys, with a message that says so', () => {
    const text = `${HEAD}transitions:\n  - to: staging\n    gates:\n      - &g { id: g, metric: x.y, min: 1 }\n      - { <<: *g, id: h }\n`
    expect(errorOf(text).format()).toBe(
      'policy.yaml:8:11 transitions[0].gates[1].<<: YAML merge keys (<<) are not supported; write the keys out'
    )
  })

  it('plain anchors and aliases are fine', () => {
    const text = `${HEAD}transitions:\n  - to: staging\n    gates: &shared [{ id: g, metric: x.y, min: 1 }]\n  - to: prod\n    gates: *shared\n`
    expect(parsePolicy(text, 'p.yaml').transitions.map((t) => t.gates.length)).toEqual([1, 1])
  })

  it('a policy larger than 1 MiB', () => {
    expect(errorOf(`${HEAD}${STAGING}#${'x'.repeat(1 << 20)}\n`).message).toBe(
      'policy is larger than 1048576 bytes'
    )
  })

  it('anything but a mapping at the top', () => {
    expect(errorOf('').format()).toBe(
      'policy.yaml:1:1: expected a mapping with version, model, stages and transitions, got null'
    )
    expect(errorOf('- 1\n').message).toMatch(/got a list$/)
  })
})

describe('JSON policies', () => {
  const json = (body: string): string =>
    `{\n  "version": 1,\n  "model": "m",\n  "stages": ["dev", "prod"],\n  "transitions": [\n${body}\n  ]\n}\n`

  it('locate unknown keys and suggest the nearest one', () => {
    const error = errorOf(json('    { "to": "prod", "gatse": [] }'), 'policy.json')
    expect(error.format()).toBe('policy.json:6:21 transitions[0].gatse: unknown key; did you mean "gates"?')
  })

  it('locate duplicate keys', () => {
    const error = errorOf(
      json('    { "to": "prod", "gates": [{ "id": "g", "metric": "x.y", "min": 1, "min": 2 }] }'),
      'policy.json'
    )
    expect(error.format()).toBe(
      'policy.json:6:71 transitions[0].gates[0].min: duplicate key; it is first given at line 6'
    )
  })

  it('locate syntax errors', () => {
    const error = errorOf('{\n  "version": 1,\n  "model": "m",,\n}\n', 'policy.json')
    expect(error.location).toMatchObject({ file: 'policy.json', line: 3 })
    expect(error.message).toMatch(/^invalid YAML: /)
  })

  it('load to the same policy as the YAML spelling', () => {
    const fromJson = parsePolicy(
      json('    { "to": "prod", "gates": [{ "id": "g", "metric": "x.y", "min": 1 }] }'),
      'p.json'
    )
    const fromYaml = parsePolicy(
      'version: 1\nmodel: m\nstages: [dev, prod]\ntransitions:\n  - to: prod\n    gates: [{ id: g, metric: x.y, min: 1 }]\n',
      'p.yaml'
    )
    expect(fromJson).toEqual(fromYaml)
  })
})

describe('transitions', () => {
  it('take from from the policy when given', () => {
    const policy = parsePolicy(
      `${HEAD}transitions:\n  - { from: dev, to: prod, gates: [{ id: g, checks: [t] }] }\n`,
      'p.yaml'
    )
    expect(policy.transitions[0]).toMatchObject({ from: 'dev', to: 'prod' })
  })

  it('refuse a transition into the first stage without from', () => {
    expect(errorOf(`${HEAD}transitions:\n  - to: dev\n${ONE_GATE}`).format()).toBe(
      'policy.yaml:5:9 transitions[0].to: "dev" is the first stage; give from: to say where models come from'
    )
  })

  it('refuse a stage going to itself and a transition given twice', () => {
    expect(errorOf(`${HEAD}transitions:\n  - { from: prod, to: prod, gates: [] }\n`).message).toBe(
      'a transition cannot go from "prod" to itself'
    )
    const twice = errorOf(
      `${HEAD}transitions:\n  - to: prod\n${ONE_GATE}  - from: staging\n    to: prod\n${ONE_GATE}`
    )
    expect(twice.format()).toBe('policy.yaml:7:5 transitions[1]: a second transition staging -> prod')
  })

  it('refuse a transition that checks nothing at all', () => {
    expect(errorOf(`${HEAD}transitions:\n  - to: prod\n`).message).toBe(
      'a transition needs at least one gate or an approvals rule'
    )
    expect(errorOf(`${HEAD}transitions:\n  - to: prod\n    gates: []\n`).location?.path).toBe(
      'transitions[0]'
    )
  })

  it('refuse stage names that break the GTO name rule', () => {
    for (const stage of ['-dev', 'dev-', 'pro d', 'prod#1', 'stäging']) {
      const error = errorOf(`version: 1\nmodel: m\nstages: [dev, "${stage}"]\n${STAGING}`)
      expect(error.location?.path).toBe('stages[1]')
    }
    expect(
      parsePolicy(
        `version: 1\nmodel: m\nstages: [dev, team/staging, p_r-od]\ntransitions:\n  - to: team/staging\n${ONE_GATE}`,
        'p.yaml'
      ).stages
    ).toEqual(['dev', 'team/staging', 'p_r-od'])
  })

  it('refuse any version but 1 and models that are neither names nor globs', () => {
    expect(errorOf(`version: 2\nmodel: m\nstages: [dev, staging]\n${STAGING}`).format()).toBe(
      'policy.yaml:1:10 version: expected 1, got 2'
    )
    expect(errorOf(`version: 1\nmodel: "fraud detector"\nstages: [dev, staging]\n${STAGING}`).format()).toBe(
      'policy.yaml:2:8 model: expected a model name (GTO name rule) or a glob of one, got "fraud detector"'
    )
    expect(
      parsePolicy(`version: 1\nmodel: "fraud_*"\nstages: [dev, staging]\n${STAGING}`, 'p.yaml').model
    ).toBe('fraud_*')
  })
})

describe('gates', () => {
  it('keep a metric gate flat: bounds, vs_baseline, severity, optional, description', () => {
    const policy = parsePolicy(
      gates(
        '{ id: auc, metric: "offline.folds[2].auc", min: 0.8, below: 1, vs_baseline: { min_delta: 0.01, metric: offline.prod_auc }, severity: warn, optional: true, description: AUC holds }'
      ),
      'p.yaml'
    )
    const gate = policy.transitions[0]!.gates[0] as MetricGate
    expect(gate).toEqual({
      id: 'auc',
      kind: 'metric',
      metric: 'offline.folds[2].auc',
      bounds: { min: 0.8, below: 1 },
      vs_baseline: { min_delta: 0.01, metric: 'offline.prod_auc' },
      severity: 'warn',
      optional: true,
      description: 'AUC holds'
    })
  })

  it('normalise schema, checks and lineage gates, lineage reading evidence "lineage" by default', () => {
    const policy = parsePolicy(
      `${HEAD}transitions:\n  - to: staging\n    gates:\n      - { id: s, schema_compatible: { evidence: features } }\n      - { id: c, checks: [unit, e2e] }\n      - { id: l, lineage: [model_digest] }\n      - { id: l2, lineage: [code_commit], evidence: provenance }\n`,
      'p.yaml'
    )
    expect(
      policy.transitions[0]!.gates.map((g) => ({ ...g, severity: undefined, optional: undefined }))
    ).toEqual([
      { id: 's', kind: 'schema_compatible', evidence: 'features' },
      { id: 'c', kind: 'checks', checks: ['unit', 'e2e'], evidence: 'checks' },
      { id: 'l', kind: 'lineage', fields: ['model_digest'], evidence: 'lineage', verify_model_file: true },
      {
        id: 'l2',
        kind: 'lineage',
        fields: ['code_commit'],
        evidence: 'provenance',
        verify_model_file: true
      }
    ])
  })

  it('refuse bounds on a gate that is not a metric gate, and evidence outside lineage gates', () => {
    expect(errorOf(gates('{ id: g, checks: [t], max: 1 }')).format()).toBe(
      'policy.yaml:7:31 transitions[0].gates[0].max: max belongs to metric gates, not checks'
    )
    expect(errorOf(gates('{ id: g, metric: x.y, min: 1, evidence: offline }')).message).toBe(
      'evidence belongs to lineage and checks gates (schema_compatible takes it inside)'
    )
  })

  it('keep the model-file keys to lineage gates, and the bound a positive whole number of bytes', () => {
    expect(errorOf(gates('{ id: g, checks: [t], verify_model_file: false }')).message).toBe(
      'verify_model_file belongs to lineage gates, not checks'
    )
    expect(errorOf(gates('{ id: g, metric: x.y, min: 1, max_model_file_bytes: 10 }')).message).toBe(
      'max_model_file_bytes belongs to lineage gates, not metric'
    )
    for (const bad of ['0', '1.5', '-1', '"16GiB"'])
      expect(() =>
        parsePolicy(gates(`{ id: g, lineage: [model_digest], max_model_file_bytes: ${bad} }`), 'p.yaml')
      ).toThrow(PolicyError)
    const gate = parsePolicy(
      gates('{ id: g, lineage: [model_digest], verify_model_file: false, max_model_file_bytes: 1000 }'),
      'p.yaml'
    ).transitions[0]!.gates[0]!
    expect(gate).toMatchObject({ kind: 'lineage', verify_model_file: false, max_model_file_bytes: 1000 })
  })

  it('refuse every pair of check kinds on one gate', () => {
    const kinds = [
      'metric: x.y, min: 1',
      'schema_compatible: { evidence: s }',
      'checks: [t]',
      'lineage: [code_commit]'
    ]
    for (let a = 0; a < kinds.length; a++) {
      for (let b = a + 1; b < kinds.length; b++) {
        expect(errorOf(gates(`{ id: g, ${kinds[a]}, ${kinds[b]} }`)).message).toMatch(
          /^a gate checks one thing; it has \w+ and \w+$/
        )
      }
    }
  })

  it('validate metric path syntax but leave evidence names to the command line', () => {
    expect(parsePolicy(gates('{ id: g, metric: undeclared.value, min: 1 }'), 'p.yaml').evidence).toEqual({})
    for (const bad of ['auc', '.auc', 'offline.', 'offline..auc', 'offline.a b', '1x.auc', 'offline[x]']) {
      expect(errorOf(gates(`{ id: g, metric: "${bad}", min: 1 }`)).format()).toMatch(
        /^policy.yaml:7:\d+ transitions\[0\]\.gates\[0\]\.metric: expected <evidence>\.<path>/
      )
    }
    expect(
      errorOf(gates('{ id: g, metric: x.y, vs_baseline: { min_delta: 0, metric: nodot } }')).location?.path
    ).toBe('transitions[0].gates[0].vs_baseline.metric')
  })

  it('refuse gate ids that are long or could carry markup', () => {
    expect(
      parsePolicy(gates(`{ id: ${'a'.repeat(64)}, checks: [t] }`), 'p.yaml').transitions[0]!.gates[0]!.id
    ).toHaveLength(64)
    for (const id of ['a'.repeat(65), '-lead', 'a b', 'a|b', '`x`', 'é']) {
      expect(errorOf(gates(`{ id: "${id}", checks: [t] }`)).location?.path).toBe('transitions[0].gates[0].id')
    }
  })

  it('refuse non-finite thresholds and wrong types, naming what came', () => {
    expect(errorOf(gates('{ id: g, metric: x.y, min: .nan }')).message).toBe('expected a number, got NaN')
    expect(errorOf(gates('{ id: g, metric: x.y, max: .inf }')).message).toBe(
      'expected a number, got Infinity'
    )
    expect(errorOf(gates('{ id: g, metric: x.y, min: 1, optional: yes }')).message).toBe(
      'expected a boolean, got "yes"'
    )
    expect(errorOf(gates('{ id: g, metric: x.y, min: 1, severity: warning }')).message).toBe(
      'expected "block" or "warn", got "warning"'
    )
  })
})

describe('evidence declarations', () => {
  it('default the format to json and keep the options of the others', () => {
    const policy = parsePolicy(
      `${HEAD}evidence:\n  offline: { artifact: eval, path: m.json }\n  online: { path: k6.json, format: k6 }\n  features: { format: samples, reference: ref.csv, current: cur.csv }\n  preds: { path: p.csv, format: predictions, group: g, label: y, prediction: yhat, positive: "yes" }\n  live: { path: q.json, format: prometheus, series: job }\n${STAGING}`,
      'p.yaml'
    )
    expect(policy.evidence).toEqual({
      offline: { artifact: 'eval', path: 'm.json', format: 'json' },
      online: { path: 'k6.json', format: 'k6' },
      features: { format: 'samples', reference: 'ref.csv', current: 'cur.csv' },
      preds: {
        path: 'p.csv',
        format: 'predictions',
        group: 'g',
        label: 'y',
        prediction: 'yhat',
        positive: 'yes'
      },
      live: { path: 'q.json', format: 'prometheus', series: 'job' }
    })
  })

  it('refuse unknown formats and samples without both files', () => {
    expect(errorOf(`${HEAD}evidence:\n  o: { path: a.csv, format: csv }\n${STAGING}`).message).toMatch(
      /^expected "json" or "yaml" or .* got "csv"$/
    )
    expect(errorOf(`${HEAD}evidence:\n  s: { format: samples, reference: r.csv }\n${STAGING}`).format()).toBe(
      'policy.yaml:5:6 evidence.s: samples evidence needs both reference and current'
    )
  })
})

describe('approvals', () => {
  it('need distinct environments, at least one person, and no more people than environments', () => {
    expect(errorOf(prod('    approvals: { required: 2, environments: [a, a] }\n')).format()).toBe(
      'policy.yaml:7:49 transitions[0].approvals.environments[1]: environment "a" is listed twice'
    )
    expect(errorOf(prod('    approvals: { required: 0, environments: [a] }\n')).message).toBe(
      'expected ≥ 1, got 0'
    )
    expect(errorOf(prod('    approvals: { required: 1.5, environments: [a, b] }\n')).message).toMatch(
      /^expected an integer/
    )
    expect(errorOf(prod('    approvals: { required: 3, environments: [a, b] }\n')).format()).toBe(
      'policy.yaml:7:28 transitions[0].approvals.required: required 3 needs at least 3 environments (one reviewer approves each); 2 listed'
    )
  })

  it('allow fewer people than environments (any 1 of 2 teams) and keep an explicit self-approval choice', () => {
    const policy = parsePolicy(
      prod('    approvals: { required: 1, environments: [a, b], prevent_self_approval: false }\n'),
      'p.yaml'
    )
    expect(policy.transitions[0]!.approvals).toEqual({
      required: 1,
      environments: ['a', 'b'],
      prevent_self_approval: false
    })
  })
})

describe('rollouts', () => {
  it('give a direct rollout one step at 100 and let shadow go without steps', () => {
    expect(
      parsePolicy(prod('    rollout: { strategy: direct }\n'), 'p.yaml').transitions[0]!.rollout
    ).toEqual({
      strategy: 'direct',
      steps: [{ weight: 100 }]
    })
    expect(
      parsePolicy(prod('    rollout: { strategy: shadow }\n'), 'p.yaml').transitions[0]!.rollout
    ).toEqual({
      strategy: 'shadow',
      steps: []
    })
  })

  it('refuse a canary without steps, equal weights and weights outside 0-100', () => {
    expect(errorOf(prod('    rollout: { strategy: canary }\n')).message).toBe('a canary rollout needs steps')
    expect(
      errorOf(
        prod('    rollout: { strategy: canary, steps: [{ weight: 50 }, { weight: 50 }, { weight: 100 }] }\n')
      ).location?.path
    ).toBe('transitions[0].rollout.steps[1].weight')
    expect(
      errorOf(prod('    rollout: { strategy: canary, steps: [{ weight: -5 }, { weight: 100 }] }\n')).message
    ).toBe('expected ≥ 0, got -5')
    expect(errorOf(prod('    rollout: { strategy: blue-green }\n')).location?.path).toBe(
      'transitions[0].rollout.strategy'
    )
  })

  it('turn holds into seconds', () => {
    const rollout = parsePolicy(
      prod(
        '    rollout: { strategy: canary, steps: [{ weight: 5, hold: 1h30m }, { weight: 100, hold: 90s }] }\n'
      ),
      'p.yaml'
    ).transitions[0]!.rollout!
    expect(rollout.steps.map((s) => s.holdSeconds)).toEqual([5400, 90])
  })
})

describe('rollback plans', () => {
  const rollback = (yaml: string): string => prod(`    rollback: ${yaml}\n`)

  it('turn durations into seconds; a drop_relative window defaults to for, at least a minute', () => {
    const plan = parsePolicy(
      rollback(
        '{ when: [{ metric: m.p95, above: 80, for: 5m }, { metric: m.ctr, drop_relative: 0.1, for: 30s }, { metric: m.ctr, drop_relative: 0.2, for: 10m, baseline_window: 1d }, { metric: m.rate, below: 3 }] }'
      ),
      'p.yaml'
    ).transitions[0]!.rollback!
    expect(plan.to).toBe('previous')
    expect(plan.when.map((w) => [w.forSeconds, w.baselineWindowSeconds])).toEqual([
      [300, undefined],
      [30, 60],
      [600, 86400],
      [0, undefined]
    ])
  })

  it('accept previous, a version or a bare integer as the target', () => {
    const to = (value: string): string =>
      parsePolicy(rollback(`{ to: ${value}, when: [{ metric: m.p, above: 1 }] }`), 'p.yaml').transitions[0]!
        .rollback!.to
    expect(to('previous')).toBe('previous')
    expect(to('v1.2.3')).toBe('v1.2.3')
    expect(to('4')).toBe('v4.0.0')
  })

  it('refuse triggers with no condition, drop_relative mixed with bounds or outside (0, 1]', () => {
    expect(errorOf(rollback('{ when: [{ metric: m.p, for: 5m }] }')).format()).toBe(
      'policy.yaml:7:24 transitions[0].rollback.when[0]: a rollback trigger needs above, below or drop_relative'
    )
    expect(errorOf(rollback('{ when: [{ metric: m.p, above: 1, drop_relative: 0.1 }] }')).message).toBe(
      'drop_relative compares with a baseline window; give it alone'
    )
    expect(errorOf(rollback('{ when: [{ metric: m.p, drop_relative: 1.5 }] }')).message).toBe(
      'drop_relative is a fraction in (0, 1], got 1.5'
    )
    expect(errorOf(rollback('{ when: [] }')).message).toBe('expected at least 1 item')
  })

  it('refuse durations that are not durations', () => {
    for (const bad of ['5', '5 m', '5min', '1m1h', '-5m', '1.5h', '']) {
      expect(errorOf(rollback(`{ when: [{ metric: m.p, above: 1, for: "${bad}" }] }`)).format()).toMatch(
        /^policy.yaml:7:\d+ transitions\[0\]\.rollback\.when\[0\]\.for: expected a duration such as 90s, 5m, 2h, 1d or 1h30m, got /
      )
    }
  })
})

describe('metric paths, policy and evidence agree', () => {
  it('every path the policy accepts is one the evidence resolver can parse, with the same evidence name', () => {
    const segment = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9_%-]{1,6}$/).map((key) => `.${key}`),
      fc.nat(20).map((n) => `[${n}]`),
      fc.stringMatching(/^[a-z.]{1,6}$/).map((key) => `["${key}"]`)
    )
    const path = fc.tuple(
      fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,8}$/),
      fc.array(segment, { minLength: 1, maxLength: 5 })
    )
    fc.assert(
      fc.property(path, ([evidence, segments]) => {
        const metric = evidence + segments.join('')
        if (RESERVED_NAMES.has(evidence)) return
        const gate = parsePolicy(gates(`{ id: g, metric: '${metric}', min: 1 }`), 'p.yaml').transitions[0]!
          .gates[0] as MetricGate
        expect(parseMetricPath(gate.metric)).toMatchObject({ evidence })
        expect(parseMetricPath(gate.metric)!.segments).toHaveLength(segments.length)
      }),
      { numRuns: 300 }
    )
  })
})
