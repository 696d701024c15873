import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { assertCanSign, endpointsFor, recordSigner } from '../../src/action/attest.js'
import { readContext } from '../../src/action/context.js'
import { readInputs, type ActionInputs } from '../../src/action/inputs.js'
import { sigstoreEndpoints } from '../../src/attest/endpoints.js'
import { AttestationError, UsageError } from '../../src/errors.js'
import { buildPromotionRecord } from '../../src/records/record.js'
import { promoteDecision } from '../records/fixtures.js'

/* The action's choices around signing, without a network: which instance, which mode does what. */

const saved = { ...process.env }
beforeEach(() => {
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key]
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
})
afterEach(() => {
  jest.restoreAllMocks()
  process.env = { ...saved }
})

const OIDC = { ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' }
const context = (visibility?: string) => ({
  ...readContext({ GITHUB_REPOSITORY: 'acme/models', GITHUB_RUN_ID: '5' }),
  event: visibility ? { repository: { visibility } } : {}
})
const record = () =>
  buildPromotionRecord({
    decision: promoteDecision(),
    evidence: [],
    baseline: { version: null },
    createdAt: '2026-11-22T10:00:00.000Z',
    run: { sha: 'c'.repeat(40) }
  })

describe('input attest', () => {
  const base = { 'github-token': 'x', model: 'fraud', policy: 'p.yml', version: '3', to: 'prod' }
  const read = (attest?: string): ActionInputs => {
    for (const [k, v] of Object.entries({ ...base, ...(attest !== undefined && { attest }) }))
      process.env[`INPUT_${k.toUpperCase()}`] = v
    return readInputs()
  }
  it('defaults to auto and accepts true and false', () => {
    expect(read().attest).toBe('auto')
    expect(read('TRUE').attest).toBe('true')
    expect(read('false').attest).toBe('false')
  })
  it('refuses anything else', () => {
    expect(() => read('yes please')).toThrow(UsageError)
  })
})

describe('Sigstore instance', () => {
  it('public repositories use public-good Fulcio and Rekor; others GitHub’s Fulcio and TSA', () => {
    expect(endpointsFor(context('public'), {})).toEqual({
      instance: 'public-good',
      fulcioURL: 'https://fulcio.sigstore.dev',
      rekorURL: 'https://rekor.sigstore.dev'
    })
    for (const visibility of ['private', 'internal', undefined])
      expect(endpointsFor(context(visibility), {})).toEqual({
        instance: 'github',
        fulcioURL: 'https://fulcio.githubapp.com',
        tsaURL: 'https://timestamp.githubapp.com'
      })
  })
  it('GHE.com serves its own instance under its host', () => {
    expect(sigstoreEndpoints('private', 'https://acme.ghe.com')).toMatchObject({
      fulcioURL: 'https://fulcio.acme.ghe.com',
      tsaURL: 'https://timestamp.acme.ghe.com'
    })
  })
  it('variables override the instance and single URLs', () => {
    expect(
      endpointsFor(context('private'), {
        MODELGATE_SIGSTORE_INSTANCE: 'public-good',
        MODELGATE_SIGSTORE_FULCIO_URL: 'http://127.0.0.1:1/fulcio'
      })
    ).toEqual({
      instance: 'public-good',
      fulcioURL: 'http://127.0.0.1:1/fulcio',
      rekorURL: 'https://rekor.sigstore.dev'
    })
  })
})

describe('modes', () => {
  const inputs = (attest: ActionInputs['attest'], extra: Partial<ActionInputs> = {}) =>
    ({ command: 'promote', attest, dryRun: false, ...extra }) as ActionInputs
  it('true without an OIDC token fails before anything is written (promote, rollback; not a dry run)', () => {
    expect(() => assertCanSign(inputs('true'), {})).toThrow(AttestationError)
    expect(() => assertCanSign(inputs('true', { command: 'rollback' }), {})).toThrow(/id-token: write/)
    expect(() => assertCanSign(inputs('true'), OIDC)).not.toThrow()
    expect(() => assertCanSign(inputs('true', { dryRun: true }), {})).not.toThrow()
    expect(() => assertCanSign(inputs('true', { command: 'resolve' }), {})).not.toThrow()
    expect(() => assertCanSign(inputs('auto'), {})).not.toThrow()
  })
  it('false never signs; auto without a token says why; neither stores anything', async () => {
    const store = jest.fn(async () => 1)
    const never = await recordSigner({ mode: 'false', context: context('public'), env: OIDC, store })(
      record()
    )
    expect(never).toEqual({ note: 'not signed (input attest is false)' })
    const auto = await recordSigner({ mode: 'auto', context: context('public'), env: {}, store })(record())
    expect(auto.bundle).toBeUndefined()
    expect(auto.note).toMatch(
      /^not signed: the job has no OIDC token; grant the job `permissions: id-token: write`/
    )
    expect(store).not.toHaveBeenCalled()
  })
  it('auto turns a signing failure into a summary line; true throws it', async () => {
    // Nothing listens on port 9: the OIDC request fails.
    const env = { ...OIDC, MODELGATE_SIGSTORE_INSTANCE: 'public-good' }
    const store = jest.fn(async () => 1)
    const auto = await recordSigner({ mode: 'auto', context: context('public'), env, store })(record())
    expect(auto).toEqual({
      note: expect.stringMatching(/^not signed: signing the record with Sigstore failed/)
    })
    await expect(
      recordSigner({ mode: 'true', context: context('public'), env, store })(record())
    ).rejects.toThrow(AttestationError)
    expect(store).not.toHaveBeenCalled()
  })
})

describe('publish signs every record it writes', () => {
  const rollback = () =>
    buildPromotionRecord({
      decision: promoteDecision({ version: 'v6.0.0', from: 'prod', to: 'prod', rollout: undefined }),
      event: 'rollback',
      evidence: [],
      baseline: { version: 'v7.0.0', stage: 'prod' },
      rollbackTo: 'v6.0.0',
      createdAt: '2026-11-22T10:00:00.000Z',
      run: { sha: 'c'.repeat(40) }
    })

  it('asks the signer while publishing, attaches its bundle and reports its note (a rollback here)', async () => {
    const { publish } = await import('../../src/action/publish.js')
    const signed: string[] = []
    const attached: Array<string | undefined> = []
    const services = {
      signRecord: async (record: { event: string }) => {
        signed.push(record.event)
        return { bundle: '{"bundle":1}', note: 'signed with Sigstore (test)' }
      },
      publishRecord: async (input: { bundle?: () => Promise<string | undefined> }) => {
        attached.push(await input.bundle?.())
        return { releaseUrl: 'https://x/r', recordUrl: 'https://x/r.json', bundleUrl: 'https://x/b.json' }
      },
      setStatus: async () => {}
    }
    const links = await publish(
      services as never,
      context('private'),
      'fraud_detector#prod#3',
      rollback(),
      'c'.repeat(40)
    )
    expect(signed).toEqual(['rollback'])
    expect(attached).toEqual(['{"bundle":1}'])
    expect(links).toMatchObject({ bundle: 'https://x/b.json', signature: 'signed with Sigstore (test)' })
  })
})
