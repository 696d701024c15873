import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { runDemo } from '../../src/demo/demo.js'
import { GitRegistry } from '../../src/registry/git.js'
import { modelTagPrefixes } from '../../src/registry/gto.js'
import { InProcessRunner } from '../reliability/in-process-action.js'
import { GitHubSimulator } from '../simulator/server.js'

/*
 * `command: replay` against the GitHub registry (the OpenAPI-checked simulator), holding the
 * tags `modelgate demo` writes: the job summary "Impact of this policy change" over the model's
 * history, the counts as an output, and not one write — no tag, ref, release or status.
 */

let sim: GitHubSimulator
let runner: InProcessRunner
let demoDir: string
let policy: string

beforeAll(async () => {
  let stderr = ''
  const code = await runDemo(
    { stdout: { write: () => true }, stderr: { write: (chunk: string) => (stderr += chunk) } },
    { keep: true }
  )
  expect(code).toBe(0)
  demoDir = /Kept the registry at (\S+)/.exec(stderr)![1]!
  policy = readFileSync(join(demoDir, 'policy.yaml'), 'utf8')
  sim = new GitHubSimulator({ repository: 'acme/fraud' })
  await sim.start()
  // The demo's tags, pushed as they are: same names, messages and dates, each demo commit a
  // commit of the simulated repository.
  const commits = new Map<string, string>()
  for (const tag of await new GitRegistry(demoDir).listTags(modelTagPrefixes('fraud_detector'))) {
    if (!commits.has(tag.commit)) commits.set(tag.commit, sim.state.addCommit(`train ${commits.size + 1}`))
    sim.state.seedTag(tag.name, commits.get(tag.commit)!, tag.message, tag.tagger!.date)
  }
  runner = new InProcessRunner(sim, { pacing: false, delayUnitMs: 1, timeoutMs: 5000 })
  runner.write('.github/modelgate.yml', policy.replace('min: 0.90', 'min: 0.94'))
}, 60_000)

afterAll(async () => {
  runner?.cleanup()
  await sim?.stop()
  if (demoDir) rmSync(demoDir, { recursive: true, force: true })
})

const replay = (extra: Record<string, string> = {}) =>
  runner.run(
    { command: 'replay', policy: '.github/modelgate.yml', model: 'fraud_detector', ...extra },
    { runId: 41, sha: 'a'.repeat(40), ref: 'refs/pull/7/merge' }
  )

/** Requests that could change anything: any method but GET, and any GraphQL mutation. */
const writes = () =>
  sim.requests.filter(
    (r) =>
      r.area !== 'storage' &&
      r.method !== 'GET' &&
      !(
        r.method === 'POST' &&
        r.path.endsWith('/graphql') &&
        !/^\s*\{?\s*"?query"?\s*:?\s*"?\s*mutation/.test(r.body)
      )
  )

describe('action command replay', () => {
  it('summarises the impact of a stricter policy over the model history and writes nothing', async () => {
    const tagsBefore = sim.state.tagNames()
    sim.resetRecording()
    const run = await replay()
    expect(run.errors).toEqual([])
    expect(JSON.parse(run.outputs['replay-counts']!)).toEqual({
      same: 6,
      would_block: 1,
      would_pass: 0,
      cannot_tell: 0,
      no_transition: 0
    })
    expect(run.summary).toMatch(/^## Impact of this policy change\n/)
    expect(run.summary).toContain('**7** recorded attempts replayed — 6 same, 1 would block.')
    // The changed attempt comes first, with why.
    const rows = run.summary.split('\n').filter((line) => line.startsWith('| 20'))
    expect(rows[0]).toContain('`fraud_detector#staging#1`')
    expect(rows[0]).toContain('| **would block** | auc-floor: 0.93 &lt; min 0.94 |')
    expect(run.summary).toContain('Not replayed: `fraud_detector#prod#10` (a rollback')
    // Reads only: tags listed and read, nothing created, moved, published or set.
    expect(sim.requests.length).toBeGreaterThan(0)
    expect(writes()).toEqual([])
    expect(
      sim.requests.some((r) => /releases|statuses|git\/refs|git\/tags/.test(r.path) && r.method !== 'GET')
    ).toBe(false)
    expect(sim.state.tagNames()).toEqual(tagsBefore)
    expect(sim.state.releasesByTag('fraud_detector#staging#1')).toEqual([])
  })

  it('the policy that decided replays every attempt the same', async () => {
    runner.write('same.yml', policy)
    const run = await replay({ policy: 'same.yml' })
    expect(run.errors).toEqual([])
    expect(JSON.parse(run.outputs['replay-counts']!).same).toBe(7)
    expect(run.summary).toContain('7 same.')
  })

  it('needs a policy', async () => {
    const run = await replay({ policy: '' })
    expect(run.errors.join('\n')).toMatch(/input policy is required for command replay/)
  })
})
