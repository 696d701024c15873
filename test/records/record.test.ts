import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { ModelgateError, RegistryError } from '../../src/errors.js'
import {
  buildPromotionRecord,
  recordFromTagMessage,
  recordJsonInTagMessage,
  recordToTagMessage,
  statusDescription,
  statusState,
  tagSummaryLine,
  type RecordInput
} from '../../src/records/record.js'
import { parsePromotionRecord, tryParsePromotionRecord } from '../../src/records/parse.js'
import type { PromotionRecord } from '../../src/records/types.js'
import {
  blockDecision,
  evidence,
  failing,
  gate,
  LINEAGE,
  policyWithSource,
  promoteDecision
} from './fixtures.js'

const CREATED = '2026-11-22T10:00:00.000Z'

function build(overrides: Partial<RecordInput> = {}): PromotionRecord {
  return buildPromotionRecord({
    decision: promoteDecision(),
    evidence: [evidence('lineage', LINEAGE), evidence('online', { latency_p95_ms: 62 })],
    baseline: { version: 'v6.0.0', stage: 'prod' },
    createdAt: CREATED,
    rolloutStep: 0,
    ...overrides
  })
}

const rollbackRecord = (): PromotionRecord =>
  build({
    decision: promoteDecision({
      version: 'v6.0.0',
      from: 'prod',
      to: 'prod',
      gates: [failing('rollback-trigger-1'), gate({ id: 'rollback-trigger-2' })],
      rollout: undefined
    }),
    event: 'rollback',
    baseline: { version: 'v7.0.0', stage: 'prod' },
    rollbackTo: 'v6.0.0'
  })

/** A plain JSON copy, as a record is after a trip through a tag or a release asset. */
const asJson = (record: PromotionRecord): Record<string, unknown> => JSON.parse(JSON.stringify(record))

describe('buildPromotionRecord', () => {
  it('carries every field of the record schema (docs/records.md)', () => {
    const record = build({
      policy: policyWithSource(),
      run: {
        repository: 'acme/fraud',
        run_id: '42',
        attempt: '1',
        workflow: 'promote',
        actor: 'bob',
        sha: 'abc',
        url: 'https://x'
      }
    })
    expect(record).toMatchObject({
      schema: 'modelgate/promotion-record/v1',
      event: 'promotion',
      model: 'fraud_detector',
      version: 'v7.0.0',
      from_stage: 'staging',
      to_stage: 'prod',
      decision: 'promote',
      baseline: { version: 'v6.0.0', stage: 'prod' },
      artifacts: LINEAGE,
      policy: { path: 'policies/fraud.yaml', sha256: 'e'.repeat(64) },
      run: {
        repository: 'acme/fraud',
        run_id: '42',
        attempt: '1',
        workflow: 'promote',
        actor: 'bob',
        sha: 'abc'
      },
      created_at: CREATED
    })
    expect(record.gates.map((g) => g.id)).toEqual(['latency-p95', 'error-rate'])
    expect(record.approvals).toEqual([
      {
        user: 'maria',
        environment: 'prod-owner',
        comment: 'canary looks fine',
        at: '2026-11-22T09:58:00.000Z'
      },
      { user: 'kenji', environment: 'prod-reviewer', comment: '', at: '2026-11-22T09:59:00.000Z' }
    ])
    expect(record.approvals_summary).toEqual({
      required: 2,
      received: 2,
      status: 'pass',
      not_counted: [{ user: 'bob', environment: 'prod-owner', reason: 'triggered the run' }]
    })
    expect(record.evidence).toEqual([
      { name: 'lineage', source: 'artifact:lineage/lineage.json', sha256: 'd'.repeat(64) },
      { name: 'online', source: 'artifact:online/online.json', sha256: 'd'.repeat(64) }
    ])
  })

  it('takes evidence as a map too, and records the artifact digest when there is one', () => {
    const digest = `sha256:${'f'.repeat(64)}`
    const record = build({
      evidence: new Map([['offline', evidence('offline', { auc: 0.9 }, { artifactDigest: digest })]])
    })
    expect(record.evidence).toEqual([
      {
        name: 'offline',
        source: 'artifact:offline/offline.json',
        sha256: 'd'.repeat(64),
        artifact_digest: digest
      }
    ])
    expect(record.artifacts).toEqual({})
  })

  it('copies only the well-formed string lineage fields it knows', () => {
    const record = build({
      evidence: [
        evidence('lineage', {
          model_digest: 42,
          code_commit: 'a'.repeat(40),
          extra: 'x',
          data_snapshot: null
        })
      ]
    })
    expect(record.artifacts).toEqual({ code_commit: 'a'.repeat(40) })
    expect(build({ evidence: [evidence('lineage', ['not', 'an', 'object'])] }).artifacts).toEqual({})
  })

  it('records the rollout step reached and its traffic weight', () => {
    expect(build({ rolloutStep: 0 }).rollout).toMatchObject({
      strategy: 'canary',
      current_step: 0,
      weight: 10
    })
    expect(build({ rolloutStep: 1 }).rollout).toMatchObject({ current_step: 1, weight: 50 })
    expect(build({ rolloutStep: 2 }).rollout).toMatchObject({ current_step: 2, weight: 100 })
    expect(build({ rolloutStep: 9 }).rollout?.weight).toBe(100)
    expect(build({ decision: promoteDecision({ rollout: undefined }) }).rollout).toBeNull()
  })

  it('the rollback target: the previous version of the stage, a named version, or explicitly none', () => {
    expect(build().rollback_to).toBe('v6.0.0')
    // The baseline comes from another stage: who held prod before is not known here.
    expect(build({ baseline: { version: 'v6.0.0', stage: 'staging' } }).rollback_to).toBeNull()
    const named = promoteDecision({ rollback: { to: 'v5.1.0', when: [] } })
    expect(build({ decision: named }).rollback_to).toBe('v5.1.0')
    expect(build({ decision: promoteDecision({ rollback: undefined }) }).rollback_to).toBeNull()
    expect(build({ rollbackTo: null }).rollback_to).toBeNull()
    expect(build().rollback_plan).toEqual(promoteDecision().rollback)
  })

  it('defaults the event from the decision and keeps the one given', () => {
    expect(build().event).toBe('promotion')
    expect(build({ decision: blockDecision() }).event).toBe('blocked')
    expect(rollbackRecord().event).toBe('rollback')
  })

  it('stores non-finite observed values as strings so the record is valid JSON', () => {
    const record = build({
      decision: promoteDecision({ gates: [gate({ status: 'error', blocking: true, observed: Number.NaN })] })
    })
    expect(asJson(record).gates).toEqual([expect.objectContaining({ observed: 'NaN' })])
  })

  it('refuses to build a record its own reader would refuse', () => {
    expect(() => build({ createdAt: 'yesterday' })).toThrow(ModelgateError)
    expect(() => build({ evidence: [evidence('x', {}, { sha256: 'not-hex' })] })).toThrow(
      /evidence\[0\]\.sha256/
    )
  })
})

describe('tagSummaryLine', () => {
  it('one line for each kind of event', () => {
    expect(tagSummaryLine(build())).toBe('promote fraud_detector v7.0.0 staging -> prod (canary 10%)')
    expect(tagSummaryLine(build({ rolloutStep: 1 }))).toBe(
      'promote fraud_detector v7.0.0 staging -> prod (canary 50%)'
    )
    expect(tagSummaryLine(build({ decision: promoteDecision({ rollout: undefined }) }))).toBe(
      'promote fraud_detector v7.0.0 staging -> prod'
    )
    expect(tagSummaryLine(build({ decision: blockDecision() }))).toBe(
      'blocked fraud_detector v8.0.0 staging -> prod: 2 gates failed, approvals 1 of 2'
    )
    expect(tagSummaryLine(rollbackRecord())).toBe('rollback fraud_detector v6.0.0 in prod (from v7.0.0)')
  })

  it('a block on approvals alone says so and does not claim failed gates', () => {
    const onlyApprovals = blockDecision({ gates: [gate()] })
    expect(tagSummaryLine(build({ decision: onlyApprovals }))).toBe(
      'blocked fraud_detector v8.0.0 staging -> prod: approvals 1 of 2'
    )
    expect(
      tagSummaryLine(build({ decision: blockDecision({ approvals: promoteDecision().approvals }) }))
    ).toBe('blocked fraud_detector v8.0.0 staging -> prod: 2 gates failed')
  })

  it('reads records written before approvals_summary from their reasons', () => {
    const { approvals_summary: _, ...old } = build({ decision: blockDecision() })
    expect(tagSummaryLine(old as PromotionRecord)).toBe(
      'blocked fraud_detector v8.0.0 staging -> prod: 2 gates failed, approvals missing'
    )
  })

  it('stays one line of at most 100 characters whatever the names', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 150 }),
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.boolean(),
        (model, version, blocked) => {
          const decision = (blocked ? blockDecision : promoteDecision)({ model, version })
          const line = tagSummaryLine(build({ decision }))
          expect(line.length).toBeLessThanOrEqual(100)

          expect(line).not.toMatch(/[\n\r\u0000-\u001f\u007f-\u009f\u2028\u2029]/)
        }
      ),
      { numRuns: 300 }
    )
  })
})

describe('commit status', () => {
  it('describes the outcome and the failing gates', () => {
    expect(statusDescription(build())).toBe(
      'promoted v7.0.0 staging -> prod (canary 10%): 2 of 2 gates passed'
    )
    expect(statusDescription(build({ decision: blockDecision() }))).toBe(
      'blocked v8.0.0 -> prod: latency-p95, error-rate failed; approvals 1 of 2'
    )
    expect(statusDescription(rollbackRecord())).toBe(
      'rolled back prod to v6.0.0 from v7.0.0: 1 trigger fired'
    )
  })

  it('is a success for promotions and rollbacks and a failure for blocked attempts', () => {
    expect(statusState(build())).toBe('success')
    expect(statusState(rollbackRecord())).toBe('success')
    expect(statusState(build({ decision: blockDecision() }))).toBe('failure')
  })

  it('never exceeds GitHub’s 140 characters, in UTF-16 units or code points, with multibyte names', () => {
    const ids = fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), {
      minLength: 1,
      maxLength: 12
    })
    fc.assert(
      fc.property(ids, fc.string({ unit: 'grapheme', maxLength: 80 }), (gateIds, version) => {
        const decision = blockDecision({ version, gates: gateIds.map((id) => failing(id)) })
        const description = statusDescription(build({ decision }))
        expect(description.length).toBeLessThanOrEqual(140)
        expect([...description].length).toBeLessThanOrEqual(140)
      }),
      { numRuns: 300 }
    )
    const emoji = statusDescription(
      build({ decision: blockDecision({ gates: Array.from({ length: 40 }, () => failing('👨‍👩‍👧-gate')) }) })
    )
    expect(emoji.length).toBeLessThanOrEqual(140)
    expect(emoji.endsWith('…')).toBe(true)
    // Cut between graphemes: no lone surrogate, no half family.
    expect(emoji).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/)
    expect(emoji).not.toMatch(/\u200d…$/)
  })
})

describe('tag messages', () => {
  it('summary line, blank line, pretty JSON, and back to an equal record', () => {
    for (const record of [build(), build({ decision: blockDecision() }), rollbackRecord()]) {
      const message = recordToTagMessage(record)
      const [first, second, third] = message.split('\n')
      expect(first).toBe(tagSummaryLine(record))
      expect(second).toBe('')
      expect(third).toBe('{')
      expect(recordFromTagMessage(message)).toEqual(asJson(record))
    }
  })

  it('reads a record whose tag git signed (the signature follows the JSON)', () => {
    const signed = `${recordToTagMessage(build())}-----BEGIN PGP SIGNATURE-----\n\niQEzBAABCAAdFiEE+/abc=\n=XyZ1\n-----END PGP SIGNATURE-----\n`
    expect(recordFromTagMessage(signed)).toEqual(asJson(build()))
  })

  it('is null for tags that carry no record', () => {
    expect(recordFromTagMessage('Assigning stage prod to artifact fraud_detector version v1.0.0')).toBeNull()
    expect(recordFromTagMessage('')).toBeNull()
    expect(
      recordFromTagMessage('register fraud_detector v1.0.0\n\n{"lineage": {"code_commit": "abc"}}\n')
    ).toBeNull()
    expect(
      recordFromTagMessage(
        'archive fraud_detector v1.0.0 from prod: replaced by v2.0.0\n\n{"archived": "v1.0.0"}\n'
      )
    ).toBeNull()
    expect(recordFromTagMessage('summary\n{ not json')).toBeNull()
  })

  it('a corrupt or future record is skipped by the tag reader but explained by the parser', () => {
    const future = { ...asJson(build()), schema: 'modelgate/promotion-record/v2' }
    expect(recordFromTagMessage(`promote x\n\n${JSON.stringify(future)}`)).toBeNull()
    expect(recordJsonInTagMessage(`promote x\n\n${JSON.stringify(future)}`)).toEqual(future)
    expect(() => parsePromotionRecord(future)).toThrow(
      /unsupported record schema "modelgate\/promotion-record\/v2"/
    )
  })

  it('never throws on any message', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (message) => {
        expect(() => recordFromTagMessage(message)).not.toThrow()
      }),
      { numRuns: 500 }
    )
  })
})

describe('parsePromotionRecord', () => {
  const valid = asJson(build({ policy: policyWithSource(), run: { repository: 'acme/fraud' } }))

  it('accepts what buildPromotionRecord writes, unknown fields kept', () => {
    expect(parsePromotionRecord(valid)).toEqual(valid)
    expect(parsePromotionRecord({ ...valid, written_by: 'modelgate 9.9' })).toMatchObject({
      written_by: 'modelgate 9.9'
    })
  })

  it('fills what older writers left out', () => {
    const {
      event: _e,
      reasons: _r,
      artifacts: _a,
      run: _u,
      policy: _p,
      approvals_summary: _s,
      ...old
    } = valid
    const record = parsePromotionRecord(old)
    expect(record).toMatchObject({ event: 'promotion', reasons: [], artifacts: {}, run: {}, policy: null })
    expect(parsePromotionRecord({ ...old, decision: 'block' }).event).toBe('blocked')
  })

  it('names the key path and what was expected, as a RegistryError located in its origin', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...valid, decision: 'maybe' }, /^decision: .*expected one of promote, block, got "maybe"/],
      [{ ...valid, created_at: 'yesterday' }, /^created_at: .*expected an ISO 8601 time/],
      [
        { ...valid, gates: [{ id: 'x', status: 'great', message: '' }] },
        /^gates\[0\]\.status: .*one of pass, fail/
      ],
      [
        { ...valid, approvals: [{ user: 7, environment: 'e' }] },
        /^approvals\[0\]\.user: .*expected a string, got 7/
      ],
      [
        { ...valid, rollout: { strategy: 'canary', steps: [{ weight: '10' }] } },
        /^rollout\.steps\[0\]\.weight: .*a number/
      ],
      [
        { ...valid, evidence: [{ name: 'a', source: 'b', sha256: 'zz' }] },
        /^evidence\[0\]\.sha256: .*64 hex/
      ],
      [{ ...valid, baseline: {} }, /^baseline\.version: .*missing/],
      [
        { ...valid, approvals_summary: { required: -1, received: 0, status: 'pass' } },
        /^approvals_summary\.required/
      ],
      [{ ...valid, event: 'party' }, /^event: /],
      [{ ...valid, run: { url: 5 } }, /^run\.url: /]
    ]
    for (const [value, message] of cases) {
      let error: unknown
      try {
        parsePromotionRecord(value)
      } catch (caught) {
        error = caught
      }
      expect(error).toBeInstanceOf(RegistryError)
      expect((error as RegistryError).format()).toMatch(message)
    }
    expect(() => parsePromotionRecord('text', 'fraud_detector#prod#3')).toThrow(
      expect.objectContaining({ location: { file: 'fraud_detector#prod#3' } })
    )
    expect(() => parsePromotionRecord([])).toThrow(/expected a JSON object, got a list/)
  })

  it('does not pollute prototypes through __proto__ or constructor keys', () => {
    const hostile = JSON.parse(
      `{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, ${JSON.stringify(valid).slice(1)}`
    )
    const record = parsePromotionRecord(hostile)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype)
  })

  it('arbitrary JSON is refused with a ModelgateError and nothing else', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(() => parsePromotionRecord(value)).toThrow(ModelgateError)
        expect(tryParsePromotionRecord(value)).toBeNull()
      }),
      { numRuns: 500 }
    )
  })

  it('a valid record with one field replaced by arbitrary JSON is either a record or a ModelgateError', () => {
    const keys = Object.keys(valid)
    fc.assert(
      fc.property(
        fc.constantFrom(...keys),
        fc.jsonValue(),
        fc.boolean(),
        (key, replacement, asTagMessage) => {
          const mutated = { ...valid, [key]: replacement }
          if (asTagMessage) {
            const read = recordFromTagMessage(`x\n\n${JSON.stringify(mutated)}`)
            if (read) expect(read.schema).toBe('modelgate/promotion-record/v1')
            return
          }
          try {
            const record = parsePromotionRecord(mutated)
            expect(typeof record.model).toBe('string')
            expect(Array.isArray(record.gates)).toBe(true)
          } catch (error) {
            expect(error).toBeInstanceOf(ModelgateError)
          }
        }
      ),
      { numRuns: 1000 }
    )
  })
})
