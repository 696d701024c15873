import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { buildPromotionRecord } from '../../src/records/record.js'
import type { PromotionRecord } from '../../src/records/types.js'
import { runCli } from '../helpers/cli.js'
import { recordAsset, signRecordWith, SigstoreSimulator } from '../helpers/sigstore.js'
import { scratchDir } from '../helpers/tmp.js'
import { evidence, LINEAGE, promoteDecision } from '../records/fixtures.js'

/*
 * `modelgate verify` as an auditor types it: files on disk, exit 0 verified, 1 not (with the
 * reason), 2 for a usage error. Signed against the local OIDC/Fulcio/Rekor, verified offline
 * with the simulator's trust root.
 */

const REPOSITORY = 'acme/models'
const WORKFLOW = '.github/workflows/promote.yml'

let sim: SigstoreSimulator
let files: ReturnType<typeof scratchDir>

function record(version: string): PromotionRecord {
  return buildPromotionRecord({
    decision: promoteDecision({ version }),
    evidence: [evidence('lineage', LINEAGE)],
    baseline: { version: 'v6.0.0', stage: 'prod' },
    createdAt: '2026-11-22T10:00:00.000Z',
    run: { repository: REPOSITORY, run_id: '7', sha: 'c'.repeat(40) }
  })
}

beforeAll(async () => {
  sim = new SigstoreSimulator({ repository: REPOSITORY, workflow: WORKFLOW })
  await sim.start()
  files = scratchDir()
  const v7 = record('v7.0.0')
  const v8 = record('v8.0.0')
  files.write('v7.json', recordAsset(v7))
  files.write('v7.sigstore.json', JSON.stringify(await signRecordWith(sim, v7)))
  files.write('v8.json', recordAsset(v8))
  files.write('v8.sigstore.json', JSON.stringify(await signRecordWith(sim, v8)))
  files.write('root.json', JSON.stringify(sim.trustedRoot()))
  // `gh attestation trusted-root` prints JSON lines: an unrelated root first, then ours.
  files.write(
    'roots.jsonl',
    `${JSON.stringify({ ...sim.trustedRoot(), tlogs: [], certificateAuthorities: [] })}\n${JSON.stringify(sim.trustedRoot())}\n`
  )
  files.write('edited.json', recordAsset({ ...v7, gates: v7.gates.map((g) => ({ ...g, observed: 0.99 })) }))
})

afterAll(async () => {
  await sim.stop()
  files.cleanup()
})

const verify = (...extra: string[]) =>
  runCli(
    ['verify', '--record', 'v7.json', '--bundle', 'v7.sigstore.json', '--repository', REPOSITORY, ...extra],
    {
      cwd: files.dir
    }
  )

describe('modelgate verify', () => {
  it('exits 0 for the record its workflow signed, naming the signer', async () => {
    const run = await verify('--trusted-root', 'root.json', '--workflow', WORKFLOW)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('verified: fraud_detector@v7.0.0')
    expect(run.stdout).toContain(`signed by https://github.com/${REPOSITORY}/${WORKFLOW}@refs/heads/main`)
  })

  it('reads trust roots as JSON lines, as gh attestation trusted-root prints them', async () => {
    expect((await verify('--trusted-root', 'roots.jsonl')).code).toBe(0)
  })

  it('answers in JSON', async () => {
    const run = await verify('--trusted-root', 'root.json', '--format', 'json')
    expect(JSON.parse(run.stdout)).toMatchObject({
      verified: true,
      subject: { name: 'fraud_detector@v7.0.0' }
    })
  })

  it('exits 1 for an edited record, saying where it differs', async () => {
    const run = await runCli(
      [
        'verify',
        '--record',
        'edited.json',
        '--bundle',
        'v7.sigstore.json',
        '--repository',
        REPOSITORY,
        '--trusted-root',
        'root.json'
      ],
      { cwd: files.dir }
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /^not verified: the record is not the one that was signed \(it differs at gates/
    )
  })

  it('exits 1 for another repository', async () => {
    const run = await runCli(
      [
        'verify',
        '--record',
        'v7.json',
        '--bundle',
        'v7.sigstore.json',
        '--repository',
        'acme/other',
        '--trusted-root',
        'root.json'
      ],
      { cwd: files.dir }
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('not in https://github.com/acme/other')
  })

  it('exits 1 for another workflow', async () => {
    const run = await verify('--trusted-root', 'root.json', '--workflow', '.github/workflows/nightly.yml')
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('not by .github/workflows/nightly.yml')
  })

  it('exits 1 for a swapped bundle (the bundle of another record)', async () => {
    const run = await runCli(
      [
        'verify',
        '--record',
        'v7.json',
        '--bundle',
        'v8.sigstore.json',
        '--repository',
        REPOSITORY,
        '--trusted-root',
        'root.json'
      ],
      { cwd: files.dir }
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('not the one that was signed')
  })

  it('exits 1 against the default (public-good) root: the test CA is not Sigstore’s', async () => {
    const run = await verify()
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('does not verify against the trusted root')
  })

  it('exits 2 for usage errors', async () => {
    expect((await verify('--trusted-root', 'missing.json')).code).toBe(2)
    const bad = await runCli(
      ['verify', '--record', 'v7.json', '--bundle', 'v7.sigstore.json', '--repository', 'nope'],
      {
        cwd: files.dir
      }
    )
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--repository must be owner/name')
    expect((await runCli(['verify', '--record', 'v7.json'], { cwd: files.dir })).code).toBe(2)
  })
})
