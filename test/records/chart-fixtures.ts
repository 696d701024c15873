import type { GateResult } from '../../src/gates/types.js'
import { PROMOTION_RECORD_SCHEMA, type PromotionRecord } from '../../src/records/types.js'
import type { RegistryEvent } from '../../src/registry/state.js'
import { HOSTILE } from './fixtures.js'

/** Records for the chart tests: a plain history, and one whose every label is someone's attack. */

/** Text that means something to Mermaid or to the markdown fence around a chart. */
export const MERMAID_HOSTILE = [
  '"]\n    line [1, 2]\n    bar ["x',
  '%%{init: {"securityLevel": "loose", "theme": "dark"}}%%',
  '%% comment',
  'a : b ; c',
  '```\n<script>alert(1)</script>\n```',
  '#35; #quot; &quot;',
  'click x call alert()',
  '[x] (y) {z} <w>',
  'end\ntitle owned\nsection pwn',
  'x-axis [a] y-axis "b" 0 --> 1',
  '\\" \\n \\',
  'v'.repeat(5000),
  '',
  '   '
]

export const ALL_HOSTILE = [...MERMAID_HOSTILE, ...HOSTILE]

export function metricGate(overrides: Partial<GateResult> = {}): GateResult {
  return {
    id: 'accuracy-floor',
    kind: 'metric',
    status: 'pass',
    severity: 'block',
    optional: false,
    blocking: false,
    metric: 'eval.accuracy',
    observed: 0.91,
    threshold: 'min 0.9',
    message: '0.91 within min 0.9',
    ...overrides
  }
}

export function chartRecord(overrides: Partial<PromotionRecord> = {}): PromotionRecord {
  return {
    schema: PROMOTION_RECORD_SCHEMA,
    event: 'promotion',
    model: 'fraud_detector',
    version: 'v1.0.0',
    from_stage: 'staging',
    to_stage: 'prod',
    decision: 'promote',
    gates: [
      metricGate(),
      metricGate({
        id: 'latency-p95',
        metric: 'online.latency_p95_ms',
        observed: 62,
        threshold: 'max 80',
        message: '62 within max 80'
      })
    ],
    approvals: [],
    rollout: null,
    rollback_to: null,
    baseline: { version: null, stage: 'prod' },
    evidence: [],
    artifacts: {},
    policy: null,
    run: {},
    reasons: [],
    created_at: '2026-11-01T10:00:00.000Z',
    ...overrides
  }
}

/** Five versions into prod: promotions, a blocked attempt, a canary step and a rollback. */
export function plainHistory(): PromotionRecord[] {
  const accuracy = [0.91, 0.925, 0.88, 0.93, 0.94]
  const latency = [62, 58, 91, 55, 57]
  const records = accuracy.map((value, i) =>
    chartRecord({
      version: `v${i + 1}.0.0`,
      created_at: `2026-11-0${i + 1}T10:00:00.000Z`,
      ...(value < 0.9 && { event: 'blocked', decision: 'block' }),
      gates: [
        metricGate({
          observed: value,
          threshold: i < 3 ? 'min 0.9' : 'min 0.92, max 0.99',
          status: value < 0.9 ? 'fail' : 'pass'
        }),
        metricGate({
          id: 'latency-p95',
          metric: 'online.latency_p95_ms',
          observed: latency[i],
          threshold: 'max 80'
        })
      ]
    })
  )
  const staging = chartRecord({
    version: 'v5.0.0',
    from_stage: 'dev',
    to_stage: 'staging',
    created_at: '2026-11-04T09:00:00.000Z'
  })
  const canary = chartRecord({
    version: 'v6.0.0',
    created_at: '2026-11-06T10:00:00.000Z',
    rollout: { strategy: 'canary', steps: [{ weight: 10 }, { weight: 100 }], current_step: 0, weight: 10 }
  })
  const rollback = chartRecord({
    event: 'rollback',
    version: 'v5.0.0',
    from_stage: 'prod',
    created_at: '2026-11-06T12:00:00.000Z',
    gates: [
      metricGate({
        id: 'rollback-trigger-1',
        metric: 'online.error_rate',
        observed: 0.2,
        threshold: 'above 0.05'
      })
    ],
    baseline: { version: 'v6.0.0', stage: 'prod' }
  })
  return [records[0]!, records[1]!, records[2]!, staging, records[3]!, records[4]!, canary, rollback]
}

/** Records whose model, versions, stages, gate ids, metrics, thresholds and values are attacks. */
export function hostileHistory(): PromotionRecord[] {
  const odd = [NaN, Infinity, -Infinity, 1e300, -1e-300, 1e-7, -123456789.123, 1e21, 0, -0]
  return ALL_HOSTILE.map((text, i) =>
    chartRecord({
      model: text,
      version: text === '' ? '' : `${text} ${i}`,
      to_stage: i % 2 === 0 ? 'prod' : text,
      created_at: i % 3 === 0 ? 'not a date' : `2026-11-${String((i % 27) + 1).padStart(2, '0')}T10:00:00Z`,
      event: (['promotion', 'blocked', 'rollback'] as const)[i % 3],
      decision: i % 3 === 1 ? 'block' : 'promote',
      rollout: { strategy: 'canary', steps: [{ weight: 10 }], current_step: 0, weight: i % 2 ? NaN : 10 },
      gates: [
        metricGate({ id: text, metric: text, observed: odd[i % odd.length], threshold: `min ${text}` }),
        metricGate({
          id: `${text}-2`,
          metric: `${text}.b`,
          observed: i * 0.1,
          threshold: 'min 1e400, max -5e-324'
        }),
        metricGate({ id: 'accuracy-floor', observed: 0.9 + i / 1000, threshold: text.slice(0, 300) })
      ]
    })
  )
}

/** History events as `buildHistory` gives them, for `renderHistory`. */
export function eventsOf(records: readonly PromotionRecord[]): RegistryEvent[] {
  return records.map((record, i) => ({
    kind: record.event === 'blocked' ? 'blocked' : record.event === 'rollback' ? 'rollback' : 'assignment',
    tag: `${record.model}#${record.to_stage}#${i + 1}`,
    model: record.model,
    version: record.version,
    stage: record.to_stage,
    counter: BigInt(i + 1),
    decision: record.decision,
    at: record.created_at,
    author: 'someone <a@example.com>',
    commit: 'a'.repeat(40),
    record,
    verified: true,
    problems: []
  }))
}

/** The ```mermaid blocks of a markdown text. */
export const mermaidBlocks = (markdown: string): string[] =>
  [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((m) => m[1]!)
