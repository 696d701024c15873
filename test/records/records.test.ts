import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import type { Decision } from '../../src/gates/types.js'
import {
  escapeMarkdown,
  escapeMarkdownTableCell,
  inlineCode,
  stripControl,
  truncate
} from '../../src/records/escape.js'
import {
  buildPromotionRecord,
  recordFromTagMessage,
  recordToTagMessage,
  statusDescription,
  tagSummaryLine
} from '../../src/records/record.js'
import { parsePromotionRecord, tryParsePromotionRecord } from '../../src/records/parse.js'
import { decisionToJson } from '../../src/records/render-json.js'
import { renderDecisionMarkdown } from '../../src/records/render-markdown.js'
import { renderDecisionText } from '../../src/records/render-text.js'
import { evidenceSet } from '../helpers/evidence.js'

function decision(overrides: Partial<Decision> = {}): Decision {
  return {
    model: 'fraud_detector',
    version: 'v7.0.0',
    from: 'staging',
    to: 'prod',
    decision: 'promote',
    gates: [
      {
        id: 'latency-p95',
        kind: 'metric',
        status: 'pass',
        severity: 'block',
        optional: false,
        blocking: false,
        metric: 'online.p95',
        observed: 62,
        threshold: 'max 80',
        message: '62 within max 80'
      }
    ],
    approvals: {
      required: 1,
      received: 1,
      status: 'pass',
      environments: ['prod-owner'],
      approvers: [{ user: 'maria', environment: 'prod-owner', comment: 'ok' }],
      ignored: [],
      message: '1 of 1'
    },
    reasons: [],
    rollout: { strategy: 'canary', steps: [{ weight: 10, hold: '30m', holdSeconds: 1800 }, { weight: 100 }] },
    ...overrides
  }
}

const hostile =
  '<script>alert(1)</script> | `tick` @org/team #12 [x](javascript:alert(1)) *bold*\nsecond line \u001b[31mred\u001b[0m \u202eevil'

describe('escaping', () => {
  it('neutralises markdown, HTML, mentions, issue links, links and line breaks', () => {
    const cell = escapeMarkdownTableCell(hostile)
    expect(cell).not.toMatch(/<script>|\n|\u001b|\u202e/)
    expect(cell).toContain('&lt;script&gt;')
    expect(cell).toContain('\\|')
    expect(cell).toContain('\\`tick\\`')
    expect(cell).toContain('@\u200dorg/team')
    expect(cell).toContain('#\u200d12')
    expect(cell).toContain('\\[x\\]')
    expect(cell).not.toMatch(/[^\\]\|/)
  })

  it('escapes block syntax at the start and keeps plain numbers readable', () => {
    expect(escapeMarkdown('# heading')).toBe('\\# heading')
    expect(escapeMarkdown('- item')).toBe('\\- item')
    expect(escapeMarkdown('1. first')).toBe('1\\. first')
    expect(escapeMarkdown('0.002 within max 0.01')).toBe('0.002 within max 0.01')
  })

  it('builds code spans that hold any backtick run', () => {
    expect(inlineCode('a`b')).toBe('``a`b``')
    expect(inlineCode('`x`')).toBe('`` `x` ``')
  })

  it('strips terminal escapes and control characters', () => {
    expect(stripControl('ok\u001b[2J\u001b]0;title\u0007\u0000done')).toBe('okdone')
  })

  it('truncates on code points', () => {
    expect(truncate('😀'.repeat(200), 140)).toHaveLength(139 * 2 + 1)
  })
})

describe('renderers', () => {
  it('decisionToJson keeps the documented keys first (docs/cli.md) and makes non-finite numbers valid JSON', () => {
    const json = decisionToJson(
      decision({ gates: [{ ...decision().gates[0]!, status: 'error', observed: Number.NaN }] })
    )
    expect(Object.keys(json).slice(0, 8)).toEqual([
      'model',
      'version',
      'from',
      'to',
      'decision',
      'gates',
      'approvals',
      'reasons'
    ])
    expect(JSON.parse(JSON.stringify(json)).gates[0].observed).toBe('NaN')
  })

  it('the text table has colour only when asked, and no hostile control characters either way', () => {
    const d = decision({ reasons: [hostile] })
    expect(renderDecisionText(d, { color: false })).not.toContain('\u001b')
    const coloured = renderDecisionText(d, { color: true })
    expect(coloured).toContain('\u001b[32m')
    expect(coloured).not.toContain('\u001b[31mred')
    expect(coloured).not.toContain('\u202e')
  })

  it('markdown escapes every untrusted string', () => {
    const d = decision({
      model: 'fraud_detector',
      gates: [{ ...decision().gates[0]!, id: 'g', message: hostile }],
      approvals: {
        ...decision().approvals,
        approvers: [{ user: '<b>maria</b>', environment: 'prod|owner', comment: hostile }]
      },
      reasons: [hostile]
    })
    const markdown = renderDecisionMarkdown(d)
    expect(markdown).not.toMatch(/<script>|<b>|\u001b|\u202e/)
    expect(markdown).not.toMatch(/(?<!\\)\]\(/)
    // Every row keeps its column count: hostile text never adds an unescaped pipe.
    const pipes = (line: string): number => (line.match(/(?<!\\)\|/g) ?? []).length
    const gateRows = markdown.split('\n').filter((l) => l.startsWith('| g ') || l.startsWith('| Gate'))
    expect(gateRows.map(pipes)).toEqual([6, 6])
    const reviewerRows = markdown.split('\n').filter((l) => l.startsWith('| Reviewer') || l.includes('maria'))
    expect(reviewerRows.map(pipes)).toEqual([5, 5])
  })
})

describe('promotion records', () => {
  const lineage = {
    model_digest: `sha256:${'a'.repeat(64)}`,
    data_snapshot: 's3://x',
    code_commit: 'b'.repeat(40),
    environment_lock: `sha256:${'c'.repeat(64)}`
  }
  const record = buildPromotionRecord({
    decision: decision(),
    evidence: evidenceSet({ lineage, online: { p95: 62 } }),
    baseline: { version: 'v6.0.0', stage: 'prod' },
    createdAt: '2026-11-22T10:00:00.000Z',
    rolloutStep: 0,
    run: { repository: 'acme/fraud', run_id: '42' }
  })

  it('carries the fields of the record schema (docs/records.md): lineage artifacts, evidence digests, rollout step and weight', () => {
    expect(record).toMatchObject({
      schema: 'modelgate/promotion-record/v1',
      event: 'promotion',
      model: 'fraud_detector',
      from_stage: 'staging',
      to_stage: 'prod',
      artifacts: lineage,
      rollout: { strategy: 'canary', current_step: 0, weight: 10 },
      baseline: { version: 'v6.0.0' },
      run: { repository: 'acme/fraud', run_id: '42' }
    })
    expect(record.evidence.map((e) => e.name)).toEqual(['lineage', 'online'])
    expect(record.approvals).toEqual([{ user: 'maria', environment: 'prod-owner', comment: 'ok' }])
  })

  it('round-trips through a tag message whose first line is the summary', () => {
    const message = recordToTagMessage(record)
    expect(message.split('\n')[0]).toBe('promote fraud_detector v7.0.0 staging -> prod (canary 10%)')
    expect(recordFromTagMessage(message)).toEqual(record)
  })

  it('summarises blocked attempts and keeps status descriptions within 140 characters', () => {
    const blocked = buildPromotionRecord({
      decision: decision({
        model: 'm'.repeat(120),
        decision: 'block',
        gates: [{ ...decision().gates[0]!, status: 'fail', blocking: true }],
        reasons: ['x']
      }),
      evidence: [],
      baseline: { version: null },
      createdAt: '2026-11-22T10:00:00.000Z'
    })
    expect(blocked.event).toBe('blocked')
    expect(tagSummaryLine(blocked).length).toBeLessThanOrEqual(100)
    expect([...statusDescription(blocked)].length).toBeLessThanOrEqual(140)
  })

  it('returns null for GTO messages and garbage, never throwing', () => {
    expect(recordFromTagMessage('Assigning stage prod to artifact churn version v1.0.0')).toBeNull()
    expect(recordFromTagMessage('summary\n{ not json')).toBeNull()
    expect(() => parsePromotionRecord({ ...record, decision: 'maybe' })).toThrow(/promote, block.*"maybe"/)
    expect(tryParsePromotionRecord({ ...record, decision: 'maybe' })).toBeNull()
    expect(tryParsePromotionRecord({ ...record, created_at: 'yesterday' })).toBeNull()
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (value, prefix) => {
        expect(tryParsePromotionRecord(value)).toBeNull()
        expect(() => recordFromTagMessage(`${prefix}\n${JSON.stringify(value)}`)).not.toThrow()
      }),
      { numRuns: 500 }
    )
  })
})
