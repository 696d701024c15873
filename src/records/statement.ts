import { RegistryError } from '../errors.js'
import type { PromotionRecord } from './types.js'

/** in-toto Statement v1 (https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md). */
export const IN_TOTO_STATEMENT_TYPE = 'https://in-toto.io/Statement/v1'

/** The DSSE payload type of an in-toto statement. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json'

/**
 * modelgate's predicate type: the predicate is a promotion record (docs/records.md), exactly as
 * the release asset holds it. The version follows the record's `schema`.
 */
export const PROMOTION_PREDICATE_TYPE = 'https://modelgate.dev/promotion-record/v1'

export interface StatementSubject {
  name: string
  digest: Record<string, string>
}

export interface PromotionStatement {
  _type: typeof IN_TOTO_STATEMENT_TYPE
  subject: StatementSubject[]
  predicateType: typeof PROMOTION_PREDICATE_TYPE
  predicate: PromotionRecord
}

const SHA256_DIGEST = /^sha256:([0-9a-fA-F]{64})$/
/** A git object id: SHA-1 (40 hex) or, in SHA-256 repositories, 64 hex. */
const GIT_COMMIT = /^(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/

/**
 * What the statement is about: the model file when the record's lineage names its digest
 * (`sha256:<64 hex>`), so `gh attestation verify model.bin` finds it; otherwise the commit the
 * workflow ran on. Named `<model>@<version>`. A record with neither cannot be attested: nothing
 * would tie the signature to an artifact.
 */
export function statementSubject(record: PromotionRecord): StatementSubject {
  const name = `${record.model}@${record.version}`
  const model = SHA256_DIGEST.exec(record.artifacts?.model_digest ?? '')
  if (model) return { name, digest: { sha256: model[1]!.toLowerCase() } }
  const commit = record.run?.sha ?? ''
  if (GIT_COMMIT.test(commit)) return { name, digest: { gitCommit: commit.toLowerCase() } }
  throw new RegistryError(
    `the record of ${name} names neither a sha256 model digest nor the commit it ran on; there is nothing to attest it for`,
    { path: 'artifacts.model_digest' }
  )
}

/** The record as an in-toto Statement v1 with modelgate's predicate type. Pure. */
export function promotionStatement(record: PromotionRecord): PromotionStatement {
  return {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject: [statementSubject(record)],
    predicateType: PROMOTION_PREDICATE_TYPE,
    // A copy through JSON: the predicate is what the record asset serialises, nothing more.
    predicate: JSON.parse(JSON.stringify(record)) as PromotionRecord
  }
}
