import type { LoadedEvidence } from '../../src/evidence/types.js'
import type { Decision, GateResult } from '../../src/gates/types.js'
import type { Policy } from '../../src/policy/types.js'

/** Hand-built inputs for the record and renderer tests: no other module's code is involved. */

export function gate(overrides: Partial<GateResult> = {}): GateResult {
  return {
    id: 'latency-p95',
    kind: 'metric',
    status: 'pass',
    severity: 'block',
    optional: false,
    blocking: false,
    metric: 'online.latency_p95_ms',
    observed: 62,
    threshold: 'max 80',
    message: 'latency-p95: 62 within max 80',
    ...overrides
  }
}

export function failing(id: string, observed: unknown = 95): GateResult {
  return gate({
    id,
    status: 'fail',
    blocking: true,
    observed,
    message: `${id}: ${String(observed)} > max 80`
  })
}

/** A staging → prod promotion with two approvals, a canary rollout and a rollback plan. */
export function promoteDecision(overrides: Partial<Decision> = {}): Decision {
  return {
    model: 'fraud_detector',
    version: 'v7.0.0',
    from: 'staging',
    to: 'prod',
    decision: 'promote',
    gates: [
      gate(),
      gate({ id: 'error-rate', metric: 'online.error_rate', observed: 0.004, threshold: 'max 0.01' })
    ],
    approvals: {
      required: 2,
      received: 2,
      status: 'pass',
      environments: ['prod-owner', 'prod-reviewer'],
      approvers: [
        {
          user: 'maria',
          environment: 'prod-owner',
          comment: 'canary looks fine',
          at: '2026-11-22T09:58:00.000Z'
        },
        { user: 'kenji', environment: 'prod-reviewer', comment: '', at: '2026-11-22T09:59:00.000Z' }
      ],
      ignored: [{ user: 'bob', environment: 'prod-owner', reason: 'triggered the run' }],
      message: '2 of 2 required approvals'
    },
    reasons: [],
    rollout: {
      strategy: 'canary',
      steps: [
        { weight: 10, hold: '30m', holdSeconds: 1800 },
        { weight: 50, hold: '2h', holdSeconds: 7200 },
        { weight: 100 }
      ]
    },
    rollback: {
      to: 'previous',
      when: [
        { metric: 'online.latency_p95_ms', above: 80, for: '5m', forSeconds: 300 },
        { metric: 'online.ctr', drop_relative: 0.01, for: '30m', forSeconds: 1800 }
      ]
    },
    ...overrides
  }
}

export function blockDecision(overrides: Partial<Decision> = {}): Decision {
  const base = promoteDecision()
  return promoteDecision({
    version: 'v8.0.0',
    decision: 'block',
    gates: [failing('latency-p95'), failing('error-rate', 0.02), gate({ id: 'auc', observed: 0.91 })],
    approvals: {
      ...base.approvals,
      received: 1,
      status: 'fail',
      approvers: [base.approvals.approvers[0]!],
      message: '1 of 2 required approvals'
    },
    reasons: [
      'latency-p95: 95 > max 80',
      'error-rate: 0.02 > max 0.01',
      'approvals: 1 of 2 required approvals'
    ],
    ...overrides
  })
}

export const LINEAGE = {
  model_digest: `sha256:${'a'.repeat(64)}`,
  data_snapshot: 's3://fraud/snapshots/2026-11-20',
  code_commit: 'b'.repeat(40),
  environment_lock: `sha256:${'c'.repeat(64)}`
}

export function evidence(
  name: string,
  data: unknown,
  overrides: Partial<LoadedEvidence> = {}
): LoadedEvidence {
  return {
    name,
    format: 'json',
    source: `artifact:${name}/${name}.json`,
    sha256: 'd'.repeat(64),
    data,
    ...overrides
  }
}

export function policyWithSource(path = 'policies/fraud.yaml'): Policy {
  return { source: { path, sha256: 'e'.repeat(64) } } as unknown as Policy
}

/** Strings that try every trick on a renderer. */
export const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'a | b || c',
  '`code` and ``double``',
  'ping @org/team and @octocat',
  'fixes #123 and GH-7',
  '[click](javascript:alert(1))',
  '![img](https://evil.example/x.png)',
  'line one\nline two\r\nline three\u2028four',
  '\u001b[31mred\u001b[0m \u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007 \u009b2J',
  '\u202eevil\u202c reversed',
  '# heading',
  '> quote',
  '1. list',
  '*bold* _em_ ~~strike~~',
  'https://evil.example/ and www.evil.example',
  '&lt;already escaped&gt; &#64;entity',
  '😀👨‍👩‍👧 ünïcödé 中文'
]
