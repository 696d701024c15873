import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { GitHubSimulator } from '../simulator/server.js'
import { runCli } from '../helpers/cli.js'
import { SigstoreSimulator } from '../helpers/sigstore.js'
import { scratchDir } from '../helpers/tmp.js'
import { lineage, MODEL } from './fixtures.js'
import { buildAction, Runner, type ActionRun } from './runner.js'

/*
 * Attacks on where evidence comes from, against the bundled action and the GitHub simulator: a
 * fork's pull-request run uploading the artifacts, a lineage file from another build, a check
 * failure hidden behind another app's later success, and a policy that aims a gate at a secret.
 */

let entry: string
let sim: GitHubSimulator
let runner: Runner
let commit: string

beforeAll(async () => {
  entry = (await buildAction()).entry
}, 120_000)
afterEach(async () => {
  await sim?.stop()
  runner?.cleanup()
})

const STAGING_POLICY = (extra = '', gateExtra = '') => `version: 1
model: ${MODEL}
stages: [dev, staging]
evidence:
  offline: { artifact: offline-eval, path: metrics.json${extra} }
  lineage: { artifact: model, path: lineage.json }
transitions:
  - to: staging
    gates:
      - { id: auc-floor, metric: offline.auc, min: 0.8 }
      - { id: tests, checks: [unit-tests]${gateExtra} }
      - { id: lineage, lineage: [code_commit] }
`

async function world(policy: string): Promise<void> {
  sim = new GitHubSimulator({ repository: 'acme/models' })
  await sim.start()
  runner = new Runner(entry, sim)
  runner.write('.github/modelgate.yml', policy)
  commit = sim.state.addCommit('train v1')
  sim.state.seedTag(`${MODEL}@v1.0.0`, commit, `Registering ${MODEL} v1.0.0`)
}

function uploads(runId: number, options: { codeCommit?: string } = {}): void {
  sim.state.addArtifact(runId, 'offline-eval', { 'metrics.json': JSON.stringify({ auc: 0.9 }) })
  sim.state.addArtifact(runId, 'model', { 'lineage.json': lineage(options.codeCommit ?? commit) })
}

const promote = (runId: number, inputs: Record<string, string> = {}): Promise<ActionRun> =>
  runner.run(
    {
      command: 'promote',
      policy: '.github/modelgate.yml',
      // These attacks are about evidence, not where the policy comes from: read the checkout.
      'policy-ref': 'workspace',
      model: MODEL,
      version: '1',
      to: 'staging',
      ...inputs
    },
    { runId, sha: commit, workflow: 'promote model' }
  )

function recordOf(result: ActionRun): Record<string, any> {
  return JSON.parse(sim.state.releaseByTag(result.outputs.tag!)!.assets[0]!.bytes.toString('utf8'))
}

describe('evidence provenance', () => {
  it("the record names each artifact's run, workflow, head SHA and head repository (own run: no extra request)", async () => {
    await world(STAGING_POLICY())
    uploads(400)
    sim.state.addCheckRun(commit, 'unit-tests', 'success')
    const result = await promote(400)
    expect(result.outputs.decision).toBe('promote')
    const offline = recordOf(result).evidence.find((e: { name: string }) => e.name === 'offline')
    expect(offline.origin).toEqual({
      artifact: 'offline-eval',
      artifact_id: expect.any(Number),
      run_id: '400',
      workflow: 'promote model',
      head_sha: commit,
      head_repository: 'acme/models',
      fork: false
    })
    expect(sim.requests.filter((r) => r.operation === 'actions/get-workflow-run')).toHaveLength(0)
    expect(sim.state.releaseByTag(result.outputs.tag!)!.body).toContain(
      'run 400 (promote model) of acme/models'
    )
  })

  it('artifacts of another run (artifacts-run-id) name that run’s workflow', async () => {
    await world(STAGING_POLICY())
    sim.state.addWorkflowRun(401, { name: 'train model', headSha: commit })
    uploads(401)
    sim.state.addCheckRun(commit, 'unit-tests', 'success')
    const result = await promote(402, { 'artifacts-run-id': '401' })
    expect(result.outputs.decision).toBe('promote')
    expect(recordOf(result).evidence[0].origin).toMatchObject({
      run_id: '401',
      workflow: 'train model',
      head_repository: 'acme/models'
    })
  })

  it("refuses artifacts uploaded by a fork's pull-request run, naming the run", async () => {
    await world(STAGING_POLICY())
    sim.state.addWorkflowRun(403, {
      name: 'train model',
      headRepository: 'mallory/models',
      event: 'pull_request'
    })
    uploads(403)
    sim.state.addCheckRun(commit, 'unit-tests', 'success')
    const result = await promote(404, { 'artifacts-run-id': '403' })
    expect(result.code).not.toBe(0)
    expect(result.stdout).toMatch(
      /artifact "offline-eval" was uploaded by workflow run 403, whose head repository mallory\/models is not this repository/
    )
    expect(sim.state.tagNames().filter((t) => t.includes('#staging#'))).toEqual([])
    // No byte of the fork's artifact was read.
    expect(sim.requests.filter((r) => r.area === 'storage')).toHaveLength(0)
  })

  it('accepts a fork’s artifact only where the policy says allow_fork_runs, and records it as a fork', async () => {
    await world(STAGING_POLICY(', allow_fork_runs: true'))
    sim.state.addWorkflowRun(405, { name: 'train model', headRepository: 'mallory/models' })
    uploads(405)
    sim.state.addCheckRun(commit, 'unit-tests', 'success')
    // offline may come from the fork; lineage may not.
    const refused = await promote(406, { 'artifacts-run-id': '405' })
    expect(refused.code).not.toBe(0)
    expect(refused.stdout).toMatch(/evidence "lineage": artifact "model" was uploaded by workflow run 405/)
    runner.write(
      '.github/modelgate.yml',
      STAGING_POLICY(', allow_fork_runs: true').replace(
        'path: lineage.json }',
        'path: lineage.json, allow_fork_runs: true }'
      )
    )
    const accepted = await promote(407, { 'artifacts-run-id': '405' })
    expect(accepted.outputs.decision).toBe('promote')
    expect(recordOf(accepted).evidence[0].origin).toMatchObject({
      run_id: '405',
      head_repository: 'mallory/models',
      fork: true
    })
  })
})

describe('lineage and checks gates', () => {
  it('a lineage code_commit that is not the commit the version was registered on fails', async () => {
    await world(STAGING_POLICY())
    uploads(410, { codeCommit: 'f'.repeat(40) })
    sim.state.addCheckRun(commit, 'unit-tests', 'success')
    const result = await promote(410)
    expect(result.outputs.decision).toBe('block')
    expect(result.outputs['failed-gates']).toBe('lineage')
    expect(result.summary).toContain('is not the commit the version was registered on')
  })

  it("a failing check run cannot be hidden by another app's later success of the same name", async () => {
    await world(STAGING_POLICY())
    uploads(411)
    sim.state.addCheckRun(commit, 'unit-tests', 'failure', 'completed', 'github-actions')
    sim.state.addCheckRun(commit, 'unit-tests', 'success', 'completed', 'totally-legit-ci')
    const result = await promote(411)
    expect(result.outputs.decision).toBe('block')
    expect(result.outputs['failed-gates']).toBe('tests')
  })

  it('a gate pinned to an app counts only that app: another app can neither pass nor fail it', async () => {
    await world(STAGING_POLICY('', ', app: github-actions'))
    uploads(412)
    sim.state.addCheckRun(commit, 'unit-tests', 'success', 'completed', 'impostor-app')
    const onlyImpostor = await promote(412)
    expect(onlyImpostor.outputs.decision).toBe('block')
    expect(onlyImpostor.summary).toContain('unit-tests: not found from app github-actions')
    sim.state.addCheckRun(commit, 'unit-tests', 'success', 'completed', 'github-actions')
    sim.state.addCheckRun(commit, 'unit-tests', 'failure', 'completed', 'impostor-app')
    const pinned = await promote(413, { 'artifacts-run-id': '412' })
    expect(pinned.outputs.decision).toBe('promote')
  })
})

describe('no secret leaves through a record (the action)', () => {
  const SECRET = 'registry-password-0123456789-do-not-publish'
  const policy = (path: string) => `version: 1
model: ${MODEL}
stages: [dev, staging]
evidence:
  creds: { path: ${JSON.stringify(path)} }
transitions:
  - to: staging
    gates:
      - { id: sneaky, metric: creds.password, min: 0, severity: warn }
`
  const everywhere = (result: ActionRun): string =>
    [
      result.everything,
      ...sim.state.releases.flatMap((r) => [r.body ?? '', ...r.assets.map((a) => a.bytes.toString('utf8'))]),
      ...sim.state.tagNames().map((t) => sim.state.tag(t)?.message ?? '')
    ].join('\n')

  it('refuses evidence outside the workspace, and describes a string a gate read instead of copying it', async () => {
    await world(policy('../creds.json'))
    writeFileSync(join(runner.workspace, '..', 'creds.json'), JSON.stringify({ password: SECRET }))
    const outside = await promote(420)
    expect(outside.code).not.toBe(0)
    expect(outside.stdout).toMatch(/climbs out with "\.\."; evidence files must be inside the workspace/)
    expect(everywhere(outside)).not.toContain(SECRET)

    runner.write('.github/modelgate.yml', policy('creds.json'))
    runner.write('creds.json', JSON.stringify({ password: SECRET }))
    const inside = await promote(421)
    expect(inside.outputs.decision).toBe('promote')
    expect(everywhere(inside)).toContain(`a string of ${SECRET.length} characters`)
    expect(everywhere(inside)).not.toContain(SECRET)
    expect(everywhere(inside)).not.toContain(SECRET.slice(0, 16))
  })
})

describe('signed records (input attest)', () => {
  const WORKFLOW = '.github/workflows/promote.yml'
  let sigstore: SigstoreSimulator
  let files: ReturnType<typeof scratchDir>
  beforeAll(async () => {
    sigstore = new SigstoreSimulator({ repository: 'acme/models', workflow: WORKFLOW })
    await sigstore.start()
    files = scratchDir({ 'root.json': JSON.stringify(sigstore.trustedRoot()) })
  })
  afterAll(async () => {
    await sigstore.stop()
    files.cleanup()
  })

  /** The job as it runs with `id-token: write`: the runner's OIDC variables, Sigstore on 127.0.0.1. */
  const signing = (runId: number, inputs: Record<string, string> = {}, env = sigstore.env()) =>
    runner.run(
      {
        command: 'promote',
        policy: '.github/modelgate.yml',
        'policy-ref': 'workspace',
        model: MODEL,
        version: '1',
        to: 'staging',
        ...inputs
      },
      { runId, sha: commit, workflow: 'promote model' },
      { env: { ...env, MODELGATE_SIGSTORE_INSTANCE: 'public-good' } }
    )

  const assetsOf = (result: ActionRun) =>
    new Map(
      sim.state.releaseByTag(result.outputs.tag!)!.assets.map((a) => [a.name, a.bytes.toString('utf8')])
    )

  async function verify(record: string, bundle: string, ...extra: string[]) {
    files.write('record.json', record)
    files.write('bundle.json', bundle)
    return runCli(
      [
        'verify',
        '--record',
        'record.json',
        '--bundle',
        'bundle.json',
        '--repository',
        'acme/models',
        '--trusted-root',
        'root.json',
        ...extra
      ],
      { cwd: files.dir }
    )
  }

  it('signs the promotion record: stored as an attestation, attached to the release, verified by modelgate verify', async () => {
    await world(STAGING_POLICY())
    uploads(500)
    sim.state.addCheckRun(commit, 'unit-tests', 'success')
    const result = await signing(500)
    expect(result.outputs.decision).toBe('promote')
    const assets = assetsOf(result)
    expect([...assets.keys()]).toEqual(['promotion-record.json', 'promotion-record.sigstore.json'])
    expect(sim.state.attestations).toHaveLength(1)
    expect(sim.state.attestations[0]!.bundle).toEqual(
      JSON.parse(assets.get('promotion-record.sigstore.json')!)
    )
    expect(result.summary).toContain('signed with Sigstore')
    // The request token and the OIDC token are masked first and never printed otherwise.
    const masked = result.everything.split('\n').filter((line) => line.startsWith('::add-mask::'))
    expect(masked).toEqual(expect.arrayContaining([`::add-mask::${sigstore.requestToken}`]))
    const printed = result.everything.split('\n').filter((line) => !line.startsWith('::add-mask::'))
    expect(printed.join('\n')).not.toContain(sigstore.requestToken)
    expect(printed.join('\n')).not.toContain('eyJhbGciOiJub25l')

    const verified = await verify(
      assets.get('promotion-record.json')!,
      assets.get('promotion-record.sigstore.json')!,
      '--workflow',
      WORKFLOW
    )
    expect(verified.stdout).toContain('verified: fraud_detector@v1.0.0 (sha256:' + 'ab'.repeat(32) + ')')
    expect(verified.code).toBe(0)

    // Someone with release edit rights swaps in a record of their own: verify refuses it.
    const forged = JSON.parse(assets.get('promotion-record.json')!)
    forged.approvals = [{ user: 'mallory', environment: 'prod', comment: 'lgtm' }]
    const refused = await verify(
      `${JSON.stringify(forged, null, 2)}\n`,
      assets.get('promotion-record.sigstore.json')!
    )
    expect(refused.code).toBe(1)
    expect(refused.stdout).toContain('not the one that was signed (it differs at approvals')
  })

  it('signs a blocked attempt too', async () => {
    await world(STAGING_POLICY())
    sim.state.addArtifact(501, 'offline-eval', { 'metrics.json': JSON.stringify({ auc: 0.5 }) })
    sim.state.addArtifact(501, 'model', { 'lineage.json': lineage(commit) })
    sim.state.addCheckRun(commit, 'unit-tests', 'success')
    const result = await signing(501)
    expect(result.outputs.decision).toBe('block')
    const assets = assetsOf(result)
    const verified = await verify(
      assets.get('promotion-record.json')!,
      assets.get('promotion-record.sigstore.json')!
    )
    expect(verified.code).toBe(0)
    expect(JSON.parse(assets.get('promotion-record.json')!).event).toBe('blocked')
  })

  it('auto without an OIDC token promotes unsigned and says why in the summary; true fails before writing', async () => {
    await world(STAGING_POLICY())
    uploads(502)
    sim.state.addCheckRun(commit, 'unit-tests', 'success')
    const unsigned = await signing(502, {}, {})
    expect(unsigned.outputs.decision).toBe('promote')
    expect([...assetsOf(unsigned).keys()]).toEqual(['promotion-record.json'])
    expect(unsigned.summary).toContain('not signed: the job has no OIDC token')
    expect(unsigned.summary).toContain('id-token: write')

    // A fresh repository for the second run; the first one's simulator and runner go first.
    await sim.stop()
    runner.cleanup()
    await world(STAGING_POLICY())
    uploads(503)
    sim.state.addCheckRun(commit, 'unit-tests', 'success')
    const tags = sim.state.tagNames().length
    const required = await signing(503, { attest: 'true' }, {})
    expect(required.code).not.toBe(0)
    expect(required.everything).toContain('input attest is true, but the job has no OIDC token')
    expect(sim.state.tagNames()).toHaveLength(tags)
  })

  it('auto still attaches the bundle when the token may not write attestations, and warns', async () => {
    await world(STAGING_POLICY())
    uploads(504)
    sim.state.addCheckRun(commit, 'unit-tests', 'success')
    sim.state.attestationsWritable = false
    const result = await signing(504)
    expect(result.outputs.decision).toBe('promote')
    expect(assetsOf(result).has('promotion-record.sigstore.json')).toBe(true)
    expect(result.summary).toContain('not stored in the repository attestations')
    expect(result.summary).toContain('attestations: write')
  })
})
