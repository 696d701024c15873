import { describe, expect, it } from '@jest/globals'
import { RegistryError } from '../../src/errors.js'
import { buildPromotionRecord } from '../../src/records/record.js'
import {
  IN_TOTO_STATEMENT_TYPE,
  PROMOTION_PREDICATE_TYPE,
  promotionStatement,
  statementSubject
} from '../../src/records/statement.js'
import type { PromotionRecord } from '../../src/records/types.js'
import { blockDecision, evidence, LINEAGE, promoteDecision } from './fixtures.js'

const SHA = 'a'.repeat(40)

function record(lineage: unknown = LINEAGE, sha: string | undefined = SHA): PromotionRecord {
  return buildPromotionRecord({
    decision: promoteDecision(),
    evidence: [evidence('lineage', lineage)],
    baseline: { version: 'v6.0.0', stage: 'prod' },
    createdAt: '2026-11-22T10:00:00.000Z',
    run: { repository: 'acme/models', run_id: '7', ...(sha !== undefined && { sha }) }
  })
}

describe('promotionStatement', () => {
  it('is an in-toto Statement v1 with modelgate’s predicate type and the record as predicate', () => {
    const rec = record()
    const statement = promotionStatement(rec)
    expect(statement._type).toBe(IN_TOTO_STATEMENT_TYPE)
    expect(statement.predicateType).toBe(PROMOTION_PREDICATE_TYPE)
    expect(statement.predicate).toEqual(rec)
    // The predicate serialises exactly as the record does: what verify compares.
    expect(JSON.stringify(statement.predicate)).toBe(JSON.stringify(rec))
    expect(statement.predicate).not.toBe(rec)
  })

  it('names the model digest from lineage as the subject', () => {
    const rec = record()
    const digest = (LINEAGE as { model_digest: string }).model_digest.slice('sha256:'.length)
    expect(statementSubject(rec)).toEqual({
      name: 'fraud_detector@v7.0.0',
      digest: { sha256: digest }
    })
  })

  it('falls back to the commit the workflow ran on when lineage names no digest', () => {
    const rec = record({ data_snapshot: 's3://d/1' })
    expect(rec.artifacts.model_digest).toBeUndefined()
    expect(promotionStatement(rec).subject).toEqual([
      { name: 'fraud_detector@v7.0.0', digest: { gitCommit: SHA } }
    ])
  })

  it('lower-cases hex digests and ignores a malformed model digest', () => {
    const upper = { ...record(), artifacts: { model_digest: `sha256:${'AB'.repeat(32)}` } }
    expect(statementSubject(upper).digest).toEqual({ sha256: 'ab'.repeat(32) })
    const short = { ...record(), artifacts: { model_digest: 'sha256:abc' } }
    expect(statementSubject(short).digest).toEqual({ gitCommit: SHA })
  })

  it('refuses a record that names neither a digest nor a commit (fail closed)', () => {
    const blocked = buildPromotionRecord({
      decision: blockDecision(),
      evidence: [],
      baseline: { version: null },
      createdAt: '2026-11-22T10:00:00.000Z',
      run: { sha: 'not-a-commit' }
    })
    expect(() => promotionStatement(blocked)).toThrow(RegistryError)
  })
})
