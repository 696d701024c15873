import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { SerializedBundle } from '../../src/attest/sign.js'
import { verifyRecordBundle, type VerifyInput } from '../../src/attest/verify.js'
import { buildPromotionRecord } from '../../src/records/record.js'
import { promotionStatement } from '../../src/records/statement.js'
import type { PromotionRecord } from '../../src/records/types.js'
import { evidence, LINEAGE, promoteDecision } from '../records/fixtures.js'
import { recordAsset, signRecordWith, SigstoreSimulator } from '../helpers/sigstore.js'

/*
 * Signing against a local OIDC endpoint, Fulcio and Rekor, then verifying offline with the test
 * trust root. Every refusal is its own attack: the bundle must not vouch for anything else.
 */

const REPOSITORY = 'acme/models'
const WORKFLOW = '.github/workflows/promote.yml'

let sim: SigstoreSimulator

function record(version = 'v7.0.0'): PromotionRecord {
  return buildPromotionRecord({
    decision: promoteDecision({ version }),
    evidence: [evidence('lineage', LINEAGE)],
    baseline: { version: 'v6.0.0', stage: 'prod' },
    createdAt: '2026-11-22T10:00:00.000Z',
    run: { repository: REPOSITORY, run_id: '7', sha: 'c'.repeat(40) }
  })
}

const asset = recordAsset
const signed = (rec: PromotionRecord): Promise<SerializedBundle> => signRecordWith(sim, rec)

const verify = (input: Partial<VerifyInput> & Pick<VerifyInput, 'record' | 'bundle'>) =>
  verifyRecordBundle({ repository: REPOSITORY, trustedRoots: [sim.trustedRoot()], ...input })

let rec: PromotionRecord
let bundle: SerializedBundle

beforeAll(async () => {
  sim = new SigstoreSimulator({ repository: REPOSITORY, workflow: WORKFLOW })
  await sim.start()
  rec = record()
  bundle = await signed(rec)
})

afterAll(async () => {
  await sim.stop()
})

describe('signStatement', () => {
  it('asks for a token, a certificate and a log entry, and packs a v0.3 DSSE bundle', () => {
    expect(sim.requests).toEqual([
      'GET /oidc/token',
      'POST /fulcio/api/v2/signingCert',
      'POST /rekor/api/v1/log/entries'
    ])
    expect(bundle.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json')
    expect(bundle.dsseEnvelope?.payloadType).toBe('application/vnd.in-toto+json')
    expect(bundle.verificationMaterial.tlogEntries).toHaveLength(1)
  })
})

describe('verifyRecordBundle', () => {
  it('verifies the record it was signed for, naming the workflow', () => {
    const result = verify({ record: asset(rec), bundle: JSON.stringify(bundle), workflow: WORKFLOW })
    expect(result).toMatchObject({
      verified: true,
      signer: {
        repository: `https://github.com/${REPOSITORY}`,
        identity: `https://github.com/${REPOSITORY}/${WORKFLOW}@refs/heads/main`,
        commit: 'c'.repeat(40)
      },
      subject: { name: 'fraud_detector@v7.0.0' }
    })
  })

  it('refuses an edited record', () => {
    const edited = asset({ ...rec, decision: 'promote', reasons: ['all gates passed (edited)'] })
    const result = verify({ record: edited, bundle: JSON.stringify(bundle) })
    expect(result).toEqual({
      verified: false,
      reason: expect.stringContaining('not the one that was signed')
    })
    expect(result).toMatchObject({ reason: expect.stringContaining('reasons') })
  })

  it('refuses when the signer is another repository', () => {
    const result = verify({ record: asset(rec), bundle: JSON.stringify(bundle), repository: 'acme/other' })
    expect(result).toEqual({
      verified: false,
      reason: expect.stringContaining('not in https://github.com/acme/other')
    })
  })

  it('refuses when another workflow signed', () => {
    const result = verify({
      record: asset(rec),
      bundle: JSON.stringify(bundle),
      workflow: '.github/workflows/release.yml'
    })
    expect(result).toEqual({
      verified: false,
      reason: expect.stringContaining('not by .github/workflows/release.yml')
    })
  })

  it('refuses a bundle made for another record (swapped)', async () => {
    const other = record('v8.0.0')
    const otherBundle = await signed(other)
    expect(verify({ record: asset(other), bundle: JSON.stringify(otherBundle) }).verified).toBe(true)
    const result = verify({ record: asset(rec), bundle: JSON.stringify(otherBundle) })
    expect(result).toEqual({
      verified: false,
      reason: expect.stringContaining('not the one that was signed')
    })
  })

  it('refuses a payload swapped inside the bundle (the signature no longer matches)', () => {
    const forged = structuredClone(bundle)
    const statement = promotionStatement({ ...rec, decision: 'promote', reasons: ['forged'] })
    forged.dsseEnvelope!.payload = Buffer.from(JSON.stringify(statement)).toString('base64')
    const result = verify({ record: asset(statement.predicate), bundle: JSON.stringify(forged) })
    expect(result).toEqual({ verified: false, reason: expect.stringContaining('does not verify') })
  })

  it('refuses a bundle signed by a CA outside the trust root (e.g. the public-good root)', () => {
    const result = verifyRecordBundle({
      record: asset(rec),
      bundle: JSON.stringify(bundle),
      repository: REPOSITORY
    })
    expect(result).toEqual({ verified: false, reason: expect.stringContaining('does not verify') })
  })

  it('refuses a record that claims another repository than the one that signed', async () => {
    const claimed = { ...record(), run: { ...rec.run, repository: 'acme/elsewhere' } }
    const claimedBundle = await signed(claimed)
    const result = verify({ record: asset(claimed), bundle: JSON.stringify(claimedBundle) })
    expect(result).toEqual({ verified: false, reason: expect.stringContaining('acme/elsewhere') })
  })

  it('refuses garbage with a reason, never throws', () => {
    expect(verify({ record: 'nope', bundle: JSON.stringify(bundle) })).toMatchObject({ verified: false })
    expect(verify({ record: asset(rec), bundle: '{"mediaType":"x"}' })).toMatchObject({
      verified: false,
      reason: expect.stringContaining('not a Sigstore bundle')
    })
  })
})

describe("GitHub's instance (private repositories): Fulcio and a timestamp authority, no public log", () => {
  let privateBundle: SerializedBundle
  beforeAll(async () => {
    sim.requests.length = 0
    privateBundle = await signRecordWith(sim, rec, 'github')
  })

  it('asks the timestamp authority, not Rekor', () => {
    expect(sim.requests).toEqual([
      'GET /oidc/token',
      'POST /fulcio/api/v2/signingCert',
      'POST /tsa/api/v1/timestamp'
    ])
    expect(privateBundle.verificationMaterial.tlogEntries ?? []).toEqual([])
    expect(privateBundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps).toHaveLength(1)
  })

  it('verifies against a trust root naming the TSA (GitHub’s shape: no logs)', () => {
    expect(
      verify({
        record: asset(rec),
        bundle: JSON.stringify(privateBundle),
        workflow: WORKFLOW,
        trustedRoots: [sim.trustedRoot('github')]
      })
    ).toMatchObject({
      verified: true
    })
  })

  it('asks for GitHub’s trust root when none is given', () => {
    const result = verifyRecordBundle({
      record: asset(rec),
      bundle: JSON.stringify(privateBundle),
      repository: REPOSITORY
    })
    expect(result).toEqual({ verified: false, reason: expect.stringContaining('--trusted-root') })
  })

  it('refuses a timestamp from an authority outside the trust root', () => {
    const root = { ...sim.trustedRoot('github'), timestampAuthorities: [] }
    const result = verify({ record: asset(rec), bundle: JSON.stringify(privateBundle), trustedRoots: [root] })
    expect(result).toEqual({ verified: false, reason: expect.stringContaining('does not verify') })
  })

  it('refuses an edited record here too', () => {
    const edited = asset({ ...rec, to_stage: 'canary' })
    expect(
      verify({
        record: edited,
        bundle: JSON.stringify(privateBundle),
        trustedRoots: [sim.trustedRoot('github')]
      })
    ).toMatchObject({
      verified: false,
      reason: expect.stringContaining('to_stage')
    })
  })
})
