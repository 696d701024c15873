import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { recordFromTagMessage } from '../../src/records/record.js'
import { GitRegistry } from '../../src/registry/git.js'
import { modelTagPrefixes, parseTagName } from '../../src/registry/gto.js'
import { resolveStage } from '../../src/registry/state.js'
import type { RawTag } from '../../src/registry/types.js'
import { buildAction } from '../e2e/runner.js'
import { runCli } from '../helpers/cli.js'
import { gitRepo } from '../helpers/git.js'

const POLICY = `version: 1
model: churn
stages: [dev, staging, prod]
transitions:
  - to: staging
    gates:
      - { id: auc-floor, metric: offline.auc, min: 0.80 }
`

let repo: ReturnType<typeof gitRepo>
beforeEach(() => {
  repo = gitRepo()
  repo.write('policy.yaml', POLICY)
  repo.write('offline.json', '{"auc": 0.9}')
})
afterEach(() => repo.cleanup())

const cli = (...argv: string[]) => runCli(argv, { cwd: repo.dir })
const promote = (version: string) =>
  cli(
    'promote',
    '--policy',
    'policy.yaml',
    '--model',
    'churn',
    '--version',
    version,
    '--to',
    'staging',
    '--evidence',
    'offline=offline.json'
  )

/** GTO's view (gto/base.py VStage.is_active): a version is in a stage when its newest tag there is an assignment. */
function gtoActive(tags: readonly RawTag[], stage: string): string[] {
  const newest = new Map<string, { kind: string; counter: bigint }>()
  for (const tag of tags) {
    const parsed = parseTagName(tag.name)
    if (
      !parsed ||
      !tag.tagger ||
      (parsed.kind !== 'assign' && parsed.kind !== 'unassign') ||
      parsed.stage !== stage
    )
      continue
    const last = newest.get(tag.commit)
    if (!last || parsed.counter! > last.counter)
      newest.set(tag.commit, { kind: parsed.kind, counter: parsed.counter! })
  }
  return [...newest].filter(([, e]) => e.kind === 'assign').map(([commit]) => commit)
}

describe('racing promotions on one repository', () => {
  it('never share a counter, lose no record, and leave exactly the last one in the stage', async () => {
    const versions = ['1', '2', '3', '4']
    const commits = new Map<string, string>()
    for (const v of versions) {
      commits.set(`v${v}.0.0`, repo.commit(`train ${v}`))
      expect((await cli('register', '--model', 'churn', '--version', v)).code).toBe(0)
    }
    const results = await Promise.all(versions.map((v) => promote(v)))
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0])

    const tags = await new GitRegistry(repo.dir).listTags(modelTagPrefixes('churn'))
    const assignments = tags.filter((t) => parseTagName(t.name)?.kind === 'assign')
    expect(assignments).toHaveLength(4)
    const counters = tags.map((t) => parseTagName(t.name)?.counter).filter((c) => c !== undefined)
    expect(new Set(counters).size).toBe(counters.length)
    expect(assignments.map((t) => recordFromTagMessage(t.message)?.version).sort()).toEqual([
      'v1.0.0',
      'v2.0.0',
      'v3.0.0',
      'v4.0.0'
    ])

    // The promotion that wrote the newest assignment wins; the stage is never left empty.
    const newest = assignments.sort((a, b) =>
      Number(parseTagName(b.name)!.counter! - parseTagName(a.name)!.counter!)
    )[0]!
    const winner = recordFromTagMessage(newest.message)!.version
    expect(resolveStage(tags, 'churn', 'staging').map((o) => o.version)).toEqual([winner])
    expect(gtoActive(tags, 'staging')).toEqual([commits.get(winner)])
  })

  it('separate OS processes racing (the CLI run by several CI jobs at once) behave the same', async () => {
    const commits = new Map<string, string>()
    for (const v of ['1', '2', '3']) {
      commits.set(`v${v}.0.0`, repo.commit(`train ${v}`))
      expect((await cli('register', '--model', 'churn', '--version', v)).code).toBe(0)
    }
    // The current sources, bundled as the release is (test/e2e/runner.ts).
    const entry = (await buildAction()).cli
    const run = (version: string) =>
      new Promise<number>((done) => {
        const args = [entry, 'promote', '--policy', 'policy.yaml', '--model', 'churn']
        args.push('--version', version, '--to', 'staging', '--evidence', 'offline=offline.json')
        execFile(process.execPath, args, { cwd: repo.dir }, (error) =>
          done(error ? Number(error.code ?? 2) : 0)
        )
      })
    expect(await Promise.all(['1', '2', '3'].map(run))).toEqual([0, 0, 0])

    const tags = await new GitRegistry(repo.dir).listTags(modelTagPrefixes('churn'))
    const counters = tags.map((t) => parseTagName(t.name)?.counter).filter((c) => c !== undefined)
    expect(new Set(counters).size).toBe(counters.length)
    const assignments = tags.filter((t) => parseTagName(t.name)?.kind === 'assign')
    expect(assignments).toHaveLength(3)
    const newest = assignments.sort((a, b) =>
      Number(parseTagName(b.name)!.counter! - parseTagName(a.name)!.counter!)
    )[0]!
    const winner = recordFromTagMessage(newest.message)!.version
    expect(resolveStage(tags, 'churn', 'staging').map((o) => o.version)).toEqual([winner])
    expect(gtoActive(tags, 'staging')).toEqual([commits.get(winner)])
  }, 180_000)
})
