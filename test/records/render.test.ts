import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { buildPromotionRecord } from '../../src/records/record.js'
import { decisionToJson } from '../../src/records/render-json.js'
import { renderDecisionMarkdown, renderRecordMarkdown } from '../../src/records/render-markdown.js'
import { displayWidth, renderDecisionText } from '../../src/records/render-text.js'
import type { PromotionRecord } from '../../src/records/types.js'
import {
  blockDecision,
  evidence,
  failing,
  gate,
  HOSTILE,
  LINEAGE,
  policyWithSource,
  promoteDecision
} from './fixtures.js'

const CREATED = '2026-11-22T10:00:00.000Z'
const unescapedPipes = (line: string): number => (line.match(/(?<!\\)\|/g) ?? []).length

/** The text outside code spans (CommonMark: a span closes at the first backtick run of its fence's length). */
const outsideCode = (markdown: string): string =>
  markdown.replace(/(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '')

/** Outside code spans: no HTML, no link but http(s), no mention, no control or bidi character. */
function expectInert(markdown: string): void {
  const text = outsideCode(markdown).replace(/<\/?sub>/g, '')
  expect(text).not.toMatch(/<[a-z!/?]/i)
  expect(text).not.toMatch(/(?<!\\)\]\((?!https?:)/)
  expect(text).not.toMatch(/@(?!\u200d)/)

  expect(markdown).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/)
}

/** Every markdown table in the text keeps the column count of its header row. */
function expectTablesIntact(markdown: string): void {
  let columns: number | null = null
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      columns = null
      continue
    }
    columns ??= unescapedPipes(line)
    expect({ line, pipes: unescapedPipes(line) }).toEqual({ line, pipes: columns })
  }
}

describe('decisionToJson (docs/cli.md#json-output)', () => {
  it('has the contract keys, in order, with additions after them', () => {
    const json = decisionToJson(promoteDecision())
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
    expect(json).toMatchObject({
      model: 'fraud_detector',
      version: 'v7.0.0',
      from: 'staging',
      to: 'prod',
      decision: 'promote',
      reasons: []
    })
    const gates = json.gates as Array<Record<string, unknown>>
    expect(Object.keys(gates[0]!).slice(0, 6)).toEqual([
      'id',
      'status',
      'metric',
      'observed',
      'threshold',
      'message'
    ])
    expect(gates[0]).toMatchObject({
      id: 'latency-p95',
      status: 'pass',
      metric: 'online.latency_p95_ms',
      observed: 62,
      threshold: 'max 80'
    })
    expect(json.approvals).toMatchObject({
      required: 2,
      received: 2,
      status: 'pass',
      approvers: [
        { user: 'maria', environment: 'prod-owner' },
        { user: 'kenji', environment: 'prod-reviewer' }
      ]
    })
  })

  it('absent metric, observed and threshold are null, not missing keys', () => {
    const json = decisionToJson(
      promoteDecision({
        gates: [
          {
            id: 'tests',
            kind: 'checks',
            status: 'missing',
            severity: 'block',
            optional: false,
            blocking: true,
            message: 'no checks'
          }
        ]
      })
    )
    const parsed = JSON.parse(JSON.stringify(json))
    expect(parsed.gates[0]).toMatchObject({
      metric: null,
      observed: null,
      threshold: null,
      message: 'no checks'
    })
  })

  it('NaN and ±Infinity become strings, at any depth, so the output is valid JSON', () => {
    const json = decisionToJson(
      promoteDecision({
        gates: [
          gate({ status: 'error', observed: Number.NaN }),
          gate({ status: 'error', observed: Number.POSITIVE_INFINITY }),
          gate({ status: 'error', observed: { p95: Number.NEGATIVE_INFINITY, list: [1, Number.NaN] } })
        ]
      })
    )
    const text = JSON.stringify(json)
    expect(text).not.toMatch(/null,"threshold".*null,"threshold".*null,"threshold"/)
    const parsed = JSON.parse(text)
    expect(parsed.gates.map((g: { observed: unknown }) => g.observed)).toEqual([
      'NaN',
      'Infinity',
      { p95: '-Infinity', list: [1, 'NaN'] }
    ])
  })
})

describe('renderDecisionText', () => {
  it('shows the table, approvals, rollout, rollback plan and decision', () => {
    const text = renderDecisionText(blockDecision(), { color: false })
    expect(text).toMatch(/^fraud_detector v8\.0\.0: staging -> prod\n/)
    expect(text).toMatch(/GATE\s+STATUS\s+OBSERVED\s+THRESHOLD\s+DETAIL/)
    expect(text).toMatch(/latency-p95\s+fail\s+95\s+max 80\s+latency-p95: 95 > max 80/)
    expect(text).toContain('approvals: fail 1 of 2 required approvals')
    expect(text).toContain('not counted: bob (prod-owner): triggered the run')
    expect(text).toContain('rollout: canary 10% (hold 30m) -> 50% (hold 2h) -> 100%')
    expect(text).toContain(
      'rollback: to previous when online.latency_p95_ms above 80 for 5m; online.ctr drops 1% below its baseline window for 30m'
    )
    expect(text).toContain('decision: BLOCK')
    expect(text).toContain('  - error-rate: 0.02 > max 0.01')
  })

  it('colours only when asked', () => {
    expect(renderDecisionText(blockDecision(), { color: false })).not.toContain('\u001b')
    const coloured = renderDecisionText(blockDecision(), { color: true })
    expect(coloured).toContain('\u001b[31mfail')
    expect(coloured).toContain('\u001b[32mpass')
    expect(coloured).toContain('\u001b[31mBLOCK\u001b[0m')
  })

  it('strips terminal escapes from every untrusted string, coloured or not', () => {
    const evil = '\u001b]0;pwned\u0007\u001b[2J\u009b1mX\u202e'
    const decision = blockDecision({
      model: `m${evil}`,
      version: `v${evil}`,
      gates: [gate({ id: `g${evil}`, message: `msg${evil}`, threshold: `t${evil}`, observed: `o${evil}` })],
      approvals: {
        ...blockDecision().approvals,
        message: `a${evil}`,
        ignored: [{ user: `u${evil}`, environment: `e${evil}`, reason: `r${evil}` }]
      },
      reasons: [`reason${evil}\nsecond line`],
      rollout: { strategy: 'canary', steps: [{ weight: 10, hold: `30m${evil}` }] },
      rollback: { to: `v1${evil}`, when: [{ metric: `m${evil}`, above: 1, forSeconds: 0 }] }
    })
    for (const color of [false, true]) {
      const text = renderDecisionText(decision, { color })
      const withoutOurColours = text.replace(/\u001b\[(?:3[0-9]|0)m/g, '')

      expect(withoutOurColours).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/)
      expect(text).toContain('reasonX second line')
    }
  })

  it('aligns columns by display width, with wide characters and emoji', () => {
    const text = renderDecisionText(
      promoteDecision({
        gates: [gate({ id: '延迟-p95' }), gate({ id: 'latency-p95-long-name' }), gate({ id: '😀' })]
      }),
      { color: false }
    )
    const lines = text.split('\n')
    const header = lines.findIndex((l) => l.startsWith('GATE'))
    const rows = lines.slice(header, header + 4)
    expect(rows).toHaveLength(4)
    const statusColumn = rows.map((row) => displayWidth(row.slice(0, row.search(/(pass|STATUS)/))))
    expect(new Set(statusColumn).size).toBe(1)
  })

  it('displayWidth counts wide characters twice and combining marks not at all', () => {
    expect(displayWidth('abc')).toBe(3)
    expect(displayWidth('中文')).toBe(4)
    expect(displayWidth('e\u0301')).toBe(1)
  })
})

describe('renderDecisionMarkdown', () => {
  it('has the heading, the gate table, who approved in which environment, the plan and the reasons', () => {
    const markdown = renderDecisionMarkdown(blockDecision())
    expect(markdown).toContain('### fraud\\_detector `v8.0.0`: staging → prod: ❌ **block**')
    expect(markdown).toContain('| Gate | Status | Observed | Threshold | Detail |')
    expect(markdown).toContain('| latency-p95 | ❌ fail | 95 | max 80 | latency-p95: 95 &gt; max 80 |')
    expect(markdown).toContain('| auc | ✅ pass | 0.91 |')
    expect(markdown).toContain('**Approvals:** ❌ 1 of 2 required')
    expect(markdown).toContain('| maria | prod-owner | yes | canary looks fine |')
    expect(markdown).toContain('| bob | prod-owner | no: triggered the run | |')
    expect(markdown).toContain('**Rollout:** canary 10% (hold 30m) -&gt; 50% (hold 2h) -&gt; 100%')
    expect(markdown).toContain(
      '**Rollback:** to the previous version when online.latency\\_p95\\_ms above 80 for 5m'
    )
    expect(markdown).toContain('- error-rate: 0.02 &gt; max 0.01')
    expectTablesIntact(markdown)
  })

  it('marks failing non-blocking gates as such', () => {
    const markdown = renderDecisionMarkdown(
      promoteDecision({
        gates: [gate({ id: 'psi-watch', status: 'warn', severity: 'warn', blocking: false })]
      })
    )
    expect(markdown).toContain('| psi-watch | ⚠️ warn (non-blocking) |')
  })

  it('any hostile text anywhere keeps tables intact and carries no HTML, link, mention or control character', () => {
    fc.assert(
      fc.property(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 40 }), (a, b) => {
        const evil = `${a}${b}`
        const markdown = renderDecisionMarkdown(
          blockDecision({
            model: evil,
            gates: [failing(evil, evil), gate({ id: 'x', threshold: evil, message: evil })],
            approvals: {
              ...blockDecision().approvals,
              approvers: [{ user: evil, environment: evil, comment: evil }],
              ignored: [{ user: evil, environment: evil, reason: evil }]
            },
            reasons: [evil]
          })
        )
        expectTablesIntact(markdown)
        expectInert(markdown)
      }),
      { numRuns: 300 }
    )
  })
})

function fullRecord(overrides: Partial<PromotionRecord> = {}): PromotionRecord {
  return {
    ...buildPromotionRecord({
      decision: promoteDecision(),
      evidence: [
        evidence('lineage', LINEAGE, { artifactDigest: `sha256:${'f'.repeat(64)}` }),
        evidence('online', { latency_p95_ms: 62 }, { source: 'reports/online.json', sha256: '1'.repeat(64) })
      ],
      baseline: { version: 'v6.0.0', stage: 'prod' },
      policy: policyWithSource(),
      run: {
        repository: 'acme/fraud',
        run_id: '42',
        attempt: '2',
        workflow: 'promote',
        actor: 'bob',
        sha: '9'.repeat(40),
        url: 'https://github.com/acme/fraud/actions/runs/42'
      },
      createdAt: CREATED,
      rolloutStep: 0
    }),
    ...overrides
  }
}

describe('renderRecordMarkdown (release notes)', () => {
  it('says what was decided, on which evidence, under which policy, approved by whom, and what happens next', () => {
    const markdown = renderRecordMarkdown(fullRecord(), {
      release: 'https://github.com/acme/fraud/releases/tag/x'
    })
    expect(markdown).toMatch(/^## fraud\\_detector `v7\.0\.0`: staging → prod: ✅ promoted\n/)
    expect(markdown).toContain('| Decision | ✅ promote |')
    expect(markdown).toContain('| Baseline | `v6.0.0` (in prod) |')
    expect(markdown).toContain(`| Policy | \`policies/fraud.yaml\` sha256 \`${'e'.repeat(64)}\` |`)
    expect(markdown).toContain(`| Recorded at | ${CREATED} |`)
    expect(markdown).toContain('| Triggered by | bob |')
    expect(markdown).toContain(`| Commit | \`${'9'.repeat(40)}\` |`)
    expect(markdown).toContain(
      '| Workflow run | [acme/fraud, workflow promote, run 42, attempt 2](https://github.com/acme/fraud/actions/runs/42) |'
    )
    expect(markdown).toContain('| Release | [release](https://github.com/acme/fraud/releases/tag/x) |')
    expect(markdown).toContain('| latency-p95 | ✅ pass | 62 | max 80 |')
    expect(markdown).toContain('✅ 2 of 2 required.')
    expect(markdown).toContain('| maria | prod-owner | canary looks fine | 2026-11-22T09:58:00.000Z |')
    expect(markdown).toContain('| kenji | prod-reviewer |   | 2026-11-22T09:59:00.000Z |')
    expect(markdown).toContain(`| Model digest | \`${LINEAGE.model_digest}\` |`)
    expect(markdown).toContain(`| Data snapshot | \`${LINEAGE.data_snapshot}\` |`)
    expect(markdown).toContain(`| Code commit | \`${LINEAGE.code_commit}\` |`)
    expect(markdown).toContain(`| Environment lock | \`${LINEAGE.environment_lock}\` |`)
    expect(markdown).toContain(
      `| lineage | \`artifact:lineage/lineage.json\` | \`${'d'.repeat(64)}\` | \`sha256:${'f'.repeat(64)}\` |`
    )
    expect(markdown).toContain(`| online | \`reports/online.json\` | \`${'1'.repeat(64)}\` |   |`)
    expect(markdown).toContain(
      '- **Rollout:** canary 10% (hold 30m) -&gt; 50% (hold 2h) -&gt; 100%; now at step 1 of 3, 10% of traffic'
    )
    expect(markdown).toContain('- **Rollback target:** `v6.0.0`')
    expect(markdown).toContain(
      '- **Rollback plan:** to the previous version when online.latency\\_p95\\_ms above 80 for 5m'
    )
    expectTablesIntact(markdown)
  })

  it('a blocked attempt shows the plan as not started and no rollback target', () => {
    const record = buildPromotionRecord({
      decision: blockDecision(),
      evidence: [],
      baseline: { version: 'v7.0.0', stage: 'prod' },
      createdAt: CREATED
    })
    const markdown = renderRecordMarkdown(record)
    expect(markdown).toContain(': ❌ blocked')
    expect(markdown).toContain('- **Rollout (planned, not started):** canary')
    expect(markdown).not.toContain('now at step')
    expect(markdown).not.toContain('Rollback target')
    expect(markdown).toContain('❌ 1 of 2 required.')
    expect(markdown).toContain('_No evidence files were read._')
    expect(markdown).toContain('| Policy | not recorded |')
    expect(markdown).toContain('| Model digest | _not recorded_ |')
    expect(markdown).toContain('### Reasons')
    expect(markdown).toContain('- approvals: 1 of 2 required approvals')
  })

  it('a rollback names the version rolled back to and the one it left', () => {
    const record = buildPromotionRecord({
      decision: promoteDecision({
        version: 'v6.0.0',
        from: 'prod',
        to: 'prod',
        gates: [failing('rollback-trigger-1')]
      }),
      event: 'rollback',
      evidence: [],
      baseline: { version: 'v7.0.0', stage: 'prod' },
      createdAt: CREATED,
      rollbackTo: 'v6.0.0'
    })
    const markdown = renderRecordMarkdown(record)
    expect(markdown).toMatch(/^## fraud\\_detector prod back to `v6\.0\.0`: ↩️ rolled back/)
    expect(markdown).toContain('### Rollback triggers')
    expect(markdown).toContain('- **Rolled back to:** `v6.0.0` (from `v7.0.0`)')
  })

  it('links only http(s) URLs, wherever they come from', () => {
    const record = fullRecord({ run: { repository: 'acme/fraud', url: 'javascript:alert(document.cookie)' } })
    const markdown = renderRecordMarkdown(record, { release: 'data:text/html,<script>alert(1)</script>' })
    expect(markdown).not.toContain('javascript:')
    expect(markdown).not.toContain('data:text')
    expect(markdown).toContain('| Workflow run | acme/fraud |')
    expect(markdown).toContain('| Release | release |')
    // A link given by the caller wins over the record's.
    expect(renderRecordMarkdown(record, { run: 'https://ci.example/run/7' })).toContain(
      '](https://ci.example/run/7)'
    )
  })

  it('escapes every string of a hostile record', () => {
    fc.assert(
      fc.property(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 30 }), (a, b) => {
        const evil = `${a}${b}`
        const base = fullRecord()
        const record: PromotionRecord = {
          ...base,
          model: evil,
          version: evil,
          from_stage: evil,
          to_stage: evil,
          gates: [failing(evil, evil)],
          approvals: [{ user: evil, environment: evil, comment: evil, at: evil }],
          rollout: { strategy: 'canary', steps: [{ weight: 10, hold: evil }], current_step: 0, weight: 10 },
          rollback_to: evil,
          rollback_plan: { to: evil, when: [{ metric: evil, above: 1, for: evil, forSeconds: 1 }] },
          baseline: { version: evil, stage: evil },
          evidence: [{ name: evil, source: evil, sha256: '0'.repeat(64), artifact_digest: evil }],
          artifacts: { model_digest: evil, data_snapshot: evil, code_commit: evil, environment_lock: evil },
          policy: { path: evil, sha256: evil },
          run: {
            repository: evil,
            run_id: evil,
            attempt: evil,
            workflow: evil,
            actor: evil,
            sha: evil,
            url: evil
          },
          reasons: [evil],
          created_at: evil
        }
        const markdown = renderRecordMarkdown(record)
        expectTablesIntact(markdown)
        expectInert(markdown)
      }),
      { numRuns: 200 }
    )
  })
})
