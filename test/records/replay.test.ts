import { describe, expect, it } from '@jest/globals'
import type { EnvironmentReview } from '../../src/approvals/types.js'
import type { LoadedEvidence } from '../../src/evidence/types.js'
import { evaluate } from '../../src/gates/evaluate.js'
import { parsePolicy } from '../../src/policy/load.js'
import type { Policy } from '../../src/policy/types.js'
import {
  checkEvidenceValues,
  EVIDENCE_VALUE_LIMITS,
  parseLeafPath,
  rebuildData,
  recordedEvidenceValues
} from '../../src/records/evidence-values.js'
import {
  buildPromotionRecord,
  MAX_TAG_MESSAGE_BYTES,
  recordFromTagMessage,
  recordToTagMessage
} from '../../src/records/record.js'
import { replayAttempt, replayRecords, type RecordedAttempt } from '../../src/records/replay.js'
import type { PromotionRecord } from '../../src/records/types.js'

const HEAD = 'version: 1\nmodel: churn\nstages: [dev, staging, prod]\nbaseline: prod\ntransitions:\n'

/** A policy with one transition into staging and optionally one into prod, as users write them. */
function policy(staging: string, prod = '', file = 'policy.yaml'): Policy {
  const indent = (text: string): string =>
    text
      .trim()
      .split('\n')
      .map((line) => `      ${line}`)
      .join('\n')
  return parsePolicy(
    `${HEAD}  - to: staging\n    gates:\n${indent(staging)}\n${prod ? `  - to: prod\n    gates:\n${indent(prod)}\n    approvals: { required: 2, environments: [owner, reviewer], prevent_self_approval: true }\n` : ''}`,
    file
  )
}

const evidence = (
  name: string,
  data: unknown,
  format: LoadedEvidence['format'] = 'json'
): LoadedEvidence => ({
  name,
  format,
  source: `${name}.json`,
  sha256: String(name.length % 10).repeat(64),
  data
})

let clock = 0
/**
 * The record the live path writes: the gates evaluated, the record built, written into a tag
 * message and read back (as the registry reads it), so replay sees exactly what a reader sees.
 */
function attempt(
  under: Policy,
  reports: LoadedEvidence[],
  options: {
    version?: string
    to?: string
    baseline?: string | null
    reviews?: EnvironmentReview[]
    actor?: string
    tag?: string
    checks?: Record<string, string>
  } = {}
): RecordedAttempt {
  const decision = evaluate({
    policy: under,
    request: { model: 'churn', version: options.version ?? 'v1.0.0', to: options.to ?? 'staging' },
    candidate: new Map(reports.map((r) => [r.name, r])),
    baseline: { version: options.baseline ?? null, evidence: new Map() },
    ...(options.checks && { checks: options.checks }),
    approvals: { reviews: options.reviews ?? [], ...(options.actor && { requesters: [options.actor] }) }
  })
  const record = buildPromotionRecord({
    decision,
    policy: under,
    evidence: reports,
    baseline: { version: options.baseline ?? null, stage: 'prod' },
    createdAt: new Date(Date.UTC(2026, 10, 1) + ++clock * 60_000).toISOString(),
    run: options.actor ? { actor: options.actor, requested_by: options.actor } : {}
  })
  const read = recordFromTagMessage(recordToTagMessage(record))
  if (!read) throw new Error('the record did not read back')
  return { tag: options.tag ?? `churn#${decision.to}#${clock}`, record: read }
}

const approved = (user: string, environment: string): EnvironmentReview => ({
  state: 'approved',
  comment: 'ok',
  environments: [{ name: environment }],
  user: { login: user }
})

const OLD = policy('- { id: auc, metric: offline.auc, min: 0.8 }')
const offline = (auc: number, extra: Record<string, unknown> = {}): LoadedEvidence =>
  evidence('offline', { auc, logloss: 0.3, dataset: 'holdout', rows: 1200, ...extra })

describe('replay: each classification', () => {
  it('the same policy decides every attempt the same', () => {
    const attempts = [attempt(OLD, [offline(0.9)]), attempt(OLD, [offline(0.7)])]
    expect(attempts.map((a) => a.record.decision)).toEqual(['promote', 'block'])
    const report = replayRecords(OLD, 'churn', attempts)
    expect(report.attempts.map((a) => a.outcome)).toEqual(['same', 'same'])
    expect(report.attempts.map((a) => a.replayed)).toEqual(['promote', 'block'])
    expect(report.counts).toEqual({
      same: 2,
      would_block: 0,
      would_pass: 0,
      cannot_tell: 0,
      no_transition: 0
    })
  })

  it('a stricter threshold would block a past promotion, naming the gate and the reason', () => {
    const stricter = policy('- { id: auc, metric: offline.auc, min: 0.95 }')
    const result = replayAttempt(stricter, attempt(OLD, [offline(0.9)]))
    expect(result.outcome).toBe('would_block')
    expect(result.blocked_by).toEqual(['auc'])
    expect(result.reasons).toEqual(['auc: 0.9 < min 0.95'])
    expect(result.gates).toEqual([
      expect.objectContaining({ id: 'auc', before: 'pass', after: 'fail', unknown_reads: [] })
    ])
  })

  it('a looser threshold would pass a blocked attempt', () => {
    const looser = policy('- { id: auc, metric: offline.auc, min: 0.6 }')
    const result = replayAttempt(looser, attempt(OLD, [offline(0.7)]))
    expect(result).toMatchObject({
      outcome: 'would_pass',
      recorded: 'block',
      replayed: 'promote',
      blocked_by: []
    })
  })

  it('a new gate reads a value the record kept though no gate read it then', () => {
    const more = policy(
      '- { id: auc, metric: offline.auc, min: 0.8 }\n- { id: rows, metric: offline.rows, min: 5000 }'
    )
    const result = replayAttempt(more, attempt(OLD, [offline(0.9)]))
    expect(result.outcome).toBe('would_block')
    expect(result.blocked_by).toEqual(['rows'])
    expect(result.gates[1]).toMatchObject({ id: 'rows', before: null, after: 'fail' })
  })

  it('equals gates read kept booleans, and strings a gate of the attempt showed', () => {
    const exact = policy(
      '- { id: dataset, metric: offline.dataset, equals: holdout }\n- { id: calibrated, metric: offline.calibrated, equals: true }'
    )
    // No gate of OLD showed offline.dataset: the string was not kept, the boolean was.
    const result = replayAttempt(exact, attempt(OLD, [offline(0.9, { calibrated: false })]))
    expect(result.outcome).toBe('would_block')
    expect(result.blocked_by).toEqual(['calibrated'])
    expect(result.gates[0]!.after).toBe('unknown')
    // An equals gate of the attempt showed it verbatim: kept, and a new gate on it can be judged.
    const shown = policy(
      '- { id: auc, metric: offline.auc, min: 0.8 }\n- { id: ds, metric: offline.dataset, equals: holdout }'
    )
    const again = replayAttempt(exact, attempt(shown, [offline(0.9, { calibrated: false })]))
    expect(again.gates[0]!.after).toBe('pass')
  })

  it('a string in evidence that no gate showed never reaches the record (a password in a credentials file)', () => {
    const secret = 'hunter2-registry-password-do-not-publish'
    const prior = attempt(OLD, [offline(0.9, { password: secret, conclusion: 'success' })])
    expect(JSON.stringify(prior.record)).not.toContain(secret)
    expect(prior.record.evidence_values?.[0]).toMatchObject({ complete: false })
    // A closed vocabulary (check conclusions) discloses nothing and is kept.
    expect(prior.record.evidence_values?.[0]!.values['.conclusion']).toBe('success')
  })

  it('a path absent from evidence the record kept whole is known absent: the gate errors, certainly', () => {
    const absent = policy('- { id: f1, metric: offline.f1, min: 0.5 }')
    const prior = attempt(OLD, [evidence('offline', { auc: 0.9, logloss: 0.3, rows: 1200 })])
    expect(prior.record.evidence_values?.[0]).toMatchObject({ name: 'offline', complete: true })
    const result = replayAttempt(absent, prior)
    expect(result).toMatchObject({ outcome: 'would_block', blocked_by: ['f1'] })
    expect(result.gates[0]!.after).toBe('error')
  })

  it('evidence the attempt did not provide is missing, certainly (and tolerated when optional)', () => {
    const needs = policy('- { id: security, metric: security.critical, max: 0 }')
    expect(replayAttempt(needs, attempt(OLD, [offline(0.9)]))).toMatchObject({
      outcome: 'would_block',
      blocked_by: ['security']
    })
    const optional = policy('- { id: security, metric: security.critical, max: 0, optional: true }')
    expect(replayAttempt(optional, attempt(OLD, [offline(0.9)])).outcome).toBe('same')
  })

  it('cannot tell when a gate reads a value the record does not hold, and says which', () => {
    // More leaves than a record keeps: the ones past the budget are not in the record.
    const wide = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`k${i}`, i]))
    const prior = attempt(OLD, [offline(0.9), evidence('wide', wide)])
    const kept = prior.record.evidence_values!.find((e) => e.name === 'wide')!
    expect(kept.complete).toBe(false)
    expect(kept.leaves).toBe(400)
    expect(kept.values['.k399']).toBeUndefined()
    const result = replayAttempt(policy('- { id: k399, metric: wide.k399, max: 1000 }'), prior)
    expect(result).toMatchObject({ outcome: 'cannot_tell', replayed: null, blocked_by: [] })
    expect(result.unknown).toEqual([{ gate: 'k399', reads: ['wide.k399'] }])
    // A kept leaf of the same file is still read.
    expect(replayAttempt(policy('- { id: k0, metric: wide.k0, max: 1000 }'), prior).outcome).toBe('same')
  })

  it('a gate that blocks for certain decides even when another cannot be told', () => {
    const wide = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`k${i}`, i]))
    const prior = attempt(OLD, [offline(0.9), evidence('wide', wide)])
    const result = replayAttempt(
      policy('- { id: auc, metric: offline.auc, min: 0.95 }\n- { id: k399, metric: wide.k399, max: 1000 }'),
      prior
    )
    expect(result).toMatchObject({ outcome: 'would_block', blocked_by: ['auc'] })
    expect(result.unknown).toEqual([{ gate: 'k399', reads: ['wide.k399'] }])
  })

  it('a warn gate that cannot be told leaves the decision alone', () => {
    const wide = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`k${i}`, i]))
    const prior = attempt(OLD, [offline(0.9), evidence('wide', wide)])
    const result = replayAttempt(
      policy(
        '- { id: auc, metric: offline.auc, min: 0.8 }\n- { id: k399, metric: wide.k399, max: 1, severity: warn }'
      ),
      prior
    )
    expect(result.outcome).toBe('same')
    expect(result.gates[1]).toMatchObject({ after: 'unknown', unknown_reads: ['wide.k399'] })
  })

  it('a transition the new policy does not have is said so', () => {
    const prodOnly = parsePolicy(
      `${HEAD}  - to: prod\n    gates:\n      - { id: auc, metric: offline.auc, min: 0.8 }\n`,
      'p.yaml'
    )
    const result = replayAttempt(prodOnly, attempt(OLD, [offline(0.9)]))
    expect(result).toMatchObject({ outcome: 'no_transition', replayed: null })
    expect(result.notes).toEqual(['the new policy has no transition dev -> staging'])
  })

  it('records written before evidence_values replay from the values their gates observed', () => {
    const prior = attempt(OLD, [offline(0.9)])
    const { evidence_values: _dropped, ...older } = prior.record
    const old: RecordedAttempt = { tag: prior.tag, record: older as PromotionRecord }
    expect(replayAttempt(policy('- { id: auc, metric: offline.auc, min: 0.95 }'), old).outcome).toBe(
      'would_block'
    )
    const other = replayAttempt(policy('- { id: rows, metric: offline.rows, min: 10 }'), old)
    expect(other).toMatchObject({
      outcome: 'cannot_tell',
      unknown: [{ gate: 'rows', reads: ['offline.rows'] }]
    })
  })
})

describe('replay: approvals and baselines', () => {
  const PROD_OLD = policy(
    '- { id: auc, metric: offline.auc, min: 0.8 }',
    '- { id: latency, metric: online.latency_ms, max: 80 }'
  )
  const online = (ms: number): LoadedEvidence => evidence('online', { latency_ms: ms })

  it('uses the recorded approvals: enough then, enough now; a rule asking more would block', () => {
    const prior = attempt(PROD_OLD, [online(60)], {
      to: 'prod',
      reviews: [approved('maria', 'owner'), approved('kenji', 'reviewer')],
      actor: 'bot'
    })
    expect(prior.record.decision).toBe('promote')
    expect(replayAttempt(PROD_OLD, prior).outcome).toBe('same')
    const three = parsePolicy(
      `${HEAD}  - to: prod\n    gates: []\n    approvals: { required: 3, environments: [owner, reviewer, security] }\n`,
      'p.yaml'
    )
    expect(replayAttempt(three, prior)).toMatchObject({ outcome: 'would_block', blocked_by: ['approvals'] })
  })

  it('the requester of the run is still no approver of it', () => {
    const prior = attempt(PROD_OLD, [online(60)], {
      to: 'prod',
      reviews: [approved('maria', 'owner'), approved('bot', 'reviewer')],
      actor: 'bot'
    })
    expect(prior.record.decision).toBe('block')
    const one = parsePolicy(
      `${HEAD}  - to: prod\n    gates: []\n    approvals: { required: 1, environments: [owner, reviewer], prevent_self_approval: true }\n`,
      'p.yaml'
    )
    // maria's approval counts, bot's never does: one of one.
    expect(replayAttempt(one, prior).outcome).toBe('would_pass')
    const two = parsePolicy(
      `${HEAD}  - to: prod\n    gates: []\n    approvals: { required: 2, environments: [owner, reviewer], prevent_self_approval: true }\n`,
      'p.yaml'
    )
    expect(replayAttempt(two, prior).outcome).toBe('same')
  })

  it('vs_baseline reads the baseline version’s own promotion record', () => {
    const first = attempt(OLD, [offline(0.85)], { version: 'v1.0.0' })
    const second = attempt(OLD, [offline(0.86)], { version: 'v2.0.0', baseline: 'v1.0.0' })
    const compare = policy('- { id: gain, metric: offline.auc, vs_baseline: { min_delta: 0.02 } }')
    const report = replayRecords(compare, 'churn', [first, second])
    // The first had no baseline (skipped, passes); the second gains only +0.01 over v1's 0.85.
    expect(report.attempts.map((a) => a.outcome)).toEqual(['same', 'would_block'])
    expect(report.attempts[1]!.reasons[0]).toMatch(/gain: .*0\.85/)
    // Without the baseline's record, the comparison cannot be told.
    expect(replayAttempt(compare, second, [second])).toMatchObject({
      outcome: 'cannot_tell',
      unknown: [{ gate: 'gain', reads: ['baseline v1.0.0: offline.auc'] }]
    })
  })

  it('checks read from GitHub: the conclusions the record observed decide; a check it never saw cannot be told', () => {
    const tests = policy('- { id: tests, checks: [unit-tests] }')
    const prior = attempt(tests, [offline(0.9)], { checks: { 'unit-tests': 'success', lint: 'failure' } })
    expect(replayAttempt(tests, prior).outcome).toBe('same')
    // lint failed on GitHub but no gate of the old policy looked at it: the record never saw it.
    const more = policy('- { id: tests, checks: [unit-tests, lint] }')
    expect(replayAttempt(more, prior)).toMatchObject({
      outcome: 'cannot_tell',
      unknown: [{ gate: 'tests', reads: ['check lint'] }]
    })
  })

  it('checks, lineage and schemas from kept evidence', () => {
    const schema = (features: string[]) =>
      evidence('schema', { features: features.map((name) => ({ name, type: 'number', required: true })) })
    const lineage = evidence('lineage', {
      model_digest: `sha256:${'ab'.repeat(32)}`,
      code_commit: 'not-a-commit'
    })
    const checks = evidence('checks', { 'unit-tests': 'success', lint: { conclusion: 'failure' } })
    // The schema was watched (a warn gate), so its feature names were kept.
    const watched = policy(
      '- { id: auc, metric: offline.auc, min: 0.8 }\n- { id: watch, schema_compatible: { evidence: schema }, severity: warn }'
    )
    const first = attempt(watched, [offline(0.9), schema(['a', 'b'])], { version: 'v1.0.0' })
    const second = attempt(watched, [offline(0.9), schema(['a']), lineage, checks], {
      version: 'v2.0.0',
      baseline: 'v1.0.0'
    })
    const all = [first, second]
    const gate = (yaml: string) => replayAttempt(policy(yaml), second, all)
    // v2 dropped feature "b" that v1's kept schema has.
    expect(gate('- { id: schema, schema_compatible: { evidence: schema } }')).toMatchObject({
      outcome: 'would_block',
      reasons: [expect.stringMatching(/removed feature "b"/)]
    })
    expect(gate('- { id: lineage, lineage: [model_digest] }').outcome).toBe('same')
    // A malformed lineage field may be anything, so it was not kept: replay cannot tell.
    expect(gate('- { id: lineage, lineage: [model_digest, code_commit] }')).toMatchObject({
      outcome: 'cannot_tell',
      blocked_by: []
    })
    expect(gate('- { id: tests, checks: [unit-tests] }').outcome).toBe('same')
    expect(gate('- { id: tests, checks: [lint] }')).toMatchObject({
      outcome: 'would_block',
      blocked_by: ['tests']
    })
  })

  it('a policy comparing with another stage cannot tell what that stage held then', () => {
    const first = attempt(OLD, [offline(0.85)], { version: 'v1.0.0' })
    const second = attempt(OLD, [offline(0.86)], { version: 'v2.0.0', baseline: 'v1.0.0' })
    const gain = '- { id: gain, metric: offline.auc, vs_baseline: { min_delta: 0.02 } }'
    const toStaging = parsePolicy(
      `${HEAD.replace('baseline: prod', 'baseline: staging')}  - to: staging\n    gates:\n      ${gain}\n`,
      'p.yaml'
    )
    expect(replayAttempt(toStaging, second, [first, second])).toMatchObject({
      outcome: 'cannot_tell',
      unknown: [{ gate: 'gain', reads: ['baseline (the version in staging then)'] }]
    })
  })

  it('rollbacks are skipped, not re-decided', () => {
    const prior = attempt(OLD, [offline(0.9)])
    const rollback = { tag: 'churn#staging#99', record: { ...prior.record, event: 'rollback' as const } }
    const report = replayRecords(OLD, 'churn', [prior, rollback])
    expect(report.attempts).toHaveLength(1)
    expect(report.skipped).toEqual([{ tag: 'churn#staging#99', why: expect.stringMatching(/rollback/) }])
  })
})

describe('evidence values in records: bounded and hostile', () => {
  it('keeps at most the leaf and byte budget of any evidence, the gated paths first', () => {
    const huge = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`metric_${i}`, 'x'.repeat(150)]))
    const kept = recordedEvidenceValues(
      [
        { name: 'a', sha256: 'a'.repeat(64), format: 'json', data: huge },
        { name: 'b', sha256: 'b'.repeat(64), format: 'json', data: { deep: { gated: 1 } } }
      ],
      ['b.deep.gated', 'a.metric_4999'],
      // Strings count against the budget where they are kept: in evidence a schema gate read.
      { schemaEvidence: ['a'] }
    )
    const pairs = kept.flatMap((e) => Object.entries(e.values))
    expect(pairs.length).toBeLessThanOrEqual(EVIDENCE_VALUE_LIMITS.leaves)
    expect(Buffer.byteLength(JSON.stringify(Object.fromEntries(pairs)))).toBeLessThanOrEqual(
      EVIDENCE_VALUE_LIMITS.bytes + 2
    )
    expect(kept[1]!.values['.deep.gated']).toBe(1)
    expect(kept[0]!.values['.metric_4999']).toBe('x'.repeat(150))
    expect(kept[0]).toMatchObject({ leaves: 5000, complete: false })
  })

  it('a record with large evidence and many gates still fits its tag message', () => {
    const gates = Array.from({ length: 60 }, (_, i) => `- { id: g${i}, metric: big.m${i}, min: 0 }`).join(
      '\n'
    )
    const wide = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`m${i}`, i]))
    const prior = attempt(policy(gates), [evidence('big', wide)])
    expect(Buffer.byteLength(recordToTagMessage(prior.record))).toBeLessThanOrEqual(MAX_TAG_MESSAGE_BYTES)
    // Every value a gate read was kept first.
    expect(Object.keys(prior.record.evidence_values![0]!.values)).toEqual(
      expect.arrayContaining(Array.from({ length: 60 }, (_, i) => `.m${i}`))
    )
  })

  it('cuts the kept values first when a record is too large, and replay then cannot tell', () => {
    const gates = Array.from(
      { length: 40 },
      (_, i) => `- { id: g${i}, metric: big.m${i}, equals: "${'y'.repeat(20)}" }`
    )
    const wide = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`m${i}`, 'z'.repeat(199)]))
    const long = policy(gates.join('\n'))
    const decision = evaluate({
      policy: long,
      request: { model: 'churn', version: 'v1.0.0', to: 'staging' },
      candidate: new Map([['big', evidence('big', wide)]]),
      baseline: { version: null, evidence: new Map() }
    })
    // Gate messages padded to their bound push the record past the budget.
    for (const gate of decision.gates) gate.message = 'm'.repeat(1900)
    const record = buildPromotionRecord({
      decision,
      evidence: [evidence('big', wide)],
      baseline: { version: null },
      createdAt: '2026-11-01T00:00:00.000Z'
    })
    expect(record.truncated?.[0]).toBe('evidence values kept for replay')
    expect(record.evidence_values![0]).toMatchObject({ complete: false, values: {} })
    const result = replayAttempt(long, { tag: null, record })
    expect(result.outcome).toBe('cannot_tell')
  })

  it('hostile keys and values never become paths, prototypes or unbounded strings', () => {
    const hostile = JSON.parse(
      JSON.stringify({
        ['__proto__']: { polluted: 1 },
        constructor: { prototype: { polluted: 2 } },
        'line\nbreak': 1,
        '\u001b[31mred': 2,
        'quote"]': 3,
        ['k'.repeat(81)]: 4,
        list: Array.from({ length: 3 }, () => 0),
        token: `ghp_${'a'.repeat(36)}`,
        ['ghp_' + 'b'.repeat(36)]: 5,
        long: 's'.repeat(201),
        nested: { a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } } },
        big: 0,
        fine: 1
        // A digit string past 2^53, as a report may hold it: JSON.parse reads the nearest double.
      }).replace('"big":0', '"big":9007199254740993')
    )
    // JSON.parse makes `__proto__` an own key, as a reader of a hostile file sees it.
    expect(Object.prototype.hasOwnProperty.call(hostile, '__proto__')).toBe(true)
    const [kept] = recordedEvidenceValues([
      { name: 'h', sha256: 'c'.repeat(64), format: 'json', data: hostile }
    ])
    const paths = Object.keys(kept!.values)
    expect(paths).toEqual(
      expect.arrayContaining(['.__proto__.polluted', '.constructor.prototype.polluted', '.fine', '.big'])
    )
    for (const path of paths) {
      expect(parseLeafPath(path)).toBeDefined()
      expect(path).not.toMatch(/[\n\u001b"\]]k|\n|\u001b|ghp_/)
    }
    expect(paths).not.toContain('.token')
    expect(paths).not.toContain('.long')
    expect(kept!.complete).toBe(false)
    // Big integers are the double the gates compared, written exactly as JSON writes it.
    expect(kept!.values['.big']).toBe(9007199254740992)
    const checked = checkEvidenceValues(JSON.parse(JSON.stringify(kept)), [
      { name: 'h', sha256: 'c'.repeat(64) }
    ])
    expect(checked.ok).toBe(true)
    const rebuilt = rebuildData((checked as Extract<typeof checked, { ok: true }>).values) as Record<
      string,
      any
    >
    // Rebuilt objects have no prototype to pollute; `__proto__` is an own key like any other.
    expect(Object.getPrototypeOf(rebuilt)).toBeNull()
    expect(rebuilt['__proto__'].polluted).toBe(1)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('a hand-edited evidence_values entry is refused with its reason, never read', () => {
    const sha = 'd'.repeat(64)
    const known = [{ name: 'e', sha256: sha }]
    const entry = (values: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
      name: 'e',
      sha256: sha,
      format: 'json',
      leaves: 1,
      complete: true,
      values,
      ...extra
    })
    expect(checkEvidenceValues(entry({ '.a': 1 }), known).ok).toBe(true)
    const refused = [
      entry({ '["a"]': 1 }), // not the canonical spelling
      entry({ '.a\n': 1 }),
      entry({ '[123456789012345678901]': 1 }), // an index with more digits than a double holds
      entry({ '.a': 1, '.a.b': 2 }), // a leaf inside a leaf
      entry({ '.a': 's'.repeat(201) }),
      entry({ '.a': { b: 1 } }),
      entry({ '.a': 1 }, { sha256: 'e'.repeat(64) }), // another file
      entry({ '.a': 1 }, { format: 'exe' }),
      entry(Object.fromEntries(Array.from({ length: 301 }, (_, i) => [`.k${i}`, i])))
    ]
    for (const bad of refused) expect(checkEvidenceValues(bad, known).ok).toBe(false)
    // In a record: the entry is set aside with a note, and replay cannot tell rather than trust it.
    const prior = attempt(OLD, [offline(0.9)])
    const forged: PromotionRecord = {
      ...prior.record,
      evidence_values: [{ ...prior.record.evidence_values![0]!, values: { '.auc': 0.99, '.auc.x': 1 } }]
    }
    const result = replayAttempt(policy('- { id: rows, metric: offline.rows, min: 1 }'), {
      tag: null,
      record: forged
    })
    expect(result.outcome).toBe('cannot_tell')
    expect(result.notes[0]).toMatch(/evidence_values\[0\] not used: \.auc\.x lies inside the value at \.auc/)
  })

  it('monitoring series keep their latest sample, the value gates read', () => {
    const series = evidence(
      'mon',
      {
        p95: [
          [1, 50],
          [2, 95]
        ]
      },
      'prometheus'
    )
    const prior = attempt(policy('- { id: p95, metric: mon.p95, max: 100 }'), [series])
    expect(prior.record.evidence_values![0]!.values).toEqual({ '.p95': 95 })
    expect(replayAttempt(policy('- { id: p95, metric: mon.p95, max: 90 }'), prior).outcome).toBe(
      'would_block'
    )
  })
})
