import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { createOctokit } from '../../src/github/client.js'
import { GitHubRegistry } from '../../src/github/registry.js'
import { modelTagPrefixes } from '../../src/registry/gto.js'
import {
  buildHistory,
  nextCounter,
  previousVersion,
  registeredVersions,
  resolveStage
} from '../../src/registry/state.js'
import type { RawTag, TagQuestion } from '../../src/registry/types.js'
import { FIRST_DEPTH } from '../../src/registry/window.js'
import { buildPromotionRecord, recordToTagMessage } from '../../src/records/record.js'
import { seedHistory } from '../simulator/history.js'
import { GitHubSimulator } from '../simulator/server.js'

/*
 * The GitHub registry reads the tag names in one request and only the tag objects a question
 * needs (registry/window.ts), through GraphQL queries the simulator validates against GitHub's
 * schema. Whatever it leaves unread must not change an answer: every answer from the window
 * equals the answer from every tag read in full, over many seeded histories; and the cost stays
 * flat as history grows.
 */

const MODEL = 'fraud_detector'
let sim: GitHubSimulator

beforeAll(async () => {
  sim = new GitHubSimulator()
  await sim.start()
}, 60_000)
afterAll(async () => {
  expect(sim.problems).toEqual([])
  await sim.stop()
})

const registry = () =>
  new GitHubRegistry(createOctokit({ token: sim.token, baseUrl: sim.url, pacing: false }), 'acme', 'models', {
    name: 'ci',
    email: 'ci@example.invalid'
  })

function answers(tags: readonly RawTag[], stages: readonly string[], version: string) {
  return {
    stages: stages.map((stage) => resolveStage(tags, MODEL, stage)),
    previous: stages.map((stage) => previousVersion(tags, MODEL, stage)),
    candidate: registeredVersions(tags, MODEL).get(version)?.commit ?? null,
    counter: nextCounter(tags, MODEL)
  }
}

describe('reading only the deciding tags', () => {
  it('gives the answers of the whole history, for any history length', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 5, max: 260 }), async (n) => {
        sim.state.refs.clear()
        const seeded = seedHistory(sim.state, MODEL, n)
        const full = await registry().listTags(modelTagPrefixes(MODEL))
        const question: TagQuestion = {
          model: MODEL,
          stages: ['staging', 'prod'],
          versions: [seeded.candidate]
        }
        const windowed = await registry().listTags(modelTagPrefixes(MODEL), question)
        expect(windowed.map((t) => t.name).sort()).toEqual(full.map((t) => t.name).sort())
        expect(answers(windowed, question.stages, seeded.candidate)).toEqual(
          answers(full, question.stages, seeded.candidate)
        )
        expect(resolveStage(windowed, MODEL, 'prod').map((o) => o.version)).toEqual([seeded.inProd])
      }),
      { numRuns: 25 }
    )
  }, 120_000)

  it('reads further back when the latest assignments do not replace the ones before (tags without records)', async () => {
    sim.state.refs.clear()
    const seeded = seedHistory(sim.state, MODEL, 40)
    const commit = seeded.commits.get('v2.0.0')!
    // GTO (no record) puts three old versions into prod on top: none replaces another.
    for (const [i, version] of ['v2.0.0', 'v3.0.0', 'v4.0.0', 'v5.0.0'].entries())
      sim.state.seedTag(`${MODEL}#prod#${900 + i}`, seeded.commits.get(version) ?? commit, 'gto assign')
    const question: TagQuestion = { model: MODEL, stages: ['prod'] }
    const full = await registry().listTags(modelTagPrefixes(MODEL))
    const windowed = await registry().listTags(modelTagPrefixes(MODEL), question)
    expect(resolveStage(windowed, MODEL, 'prod')).toEqual(resolveStage(full, MODEL, 'prod'))
    expect(resolveStage(full, MODEL, 'prod').length).toBeGreaterThan(3)
  })

  it('does not stop at forged assignments whose records contradict their tags: they are invalid and end nothing', async () => {
    sim.state.refs.clear()
    const seeded = seedHistory(sim.state, MODEL, 40)
    // GTO (no record) puts old versions into prod on top: they count, none replaces another.
    for (const [i, version] of ['v2.0.0', 'v3.0.0', 'v4.0.0'].entries())
      sim.state.seedTag(`${MODEL}#prod#${900 + i}`, seeded.commits.get(version)!, 'gto assign')
    // Then more forged "completed promotions" than the first window holds: each record names a
    // version its tag's commit does not hold, so resolve counts none of them (records decide).
    const forged = recordToTagMessage(
      buildPromotionRecord({
        decision: {
          model: MODEL,
          version: 'v9.0.0',
          from: 'staging',
          to: 'prod',
          decision: 'promote',
          gates: [],
          approvals: {
            required: 0,
            received: 0,
            status: 'not_required',
            environments: [],
            approvers: [],
            ignored: [],
            message: 'no approvals required'
          },
          reasons: []
        },
        evidence: [],
        baseline: { version: null, stage: 'prod' },
        createdAt: '2030-01-01T00:00:00.000Z'
      })
    )
    for (let i = 0; i < FIRST_DEPTH - 2; i++)
      sim.state.seedTag(`${MODEL}#prod#${950 + i}`, seeded.commits.get('v2.0.0')!, forged)
    // Newest, two more record-less assignments: the first window then holds a current and a
    // previous version and forged "completions" only, so it could wrongly look complete.
    sim.state.seedTag(`${MODEL}#prod#960`, seeded.commits.get('v3.0.0')!, 'gto assign')
    sim.state.seedTag(`${MODEL}#prod#961`, seeded.commits.get('v4.0.0')!, 'gto assign')
    const question: TagQuestion = { model: MODEL, stages: ['prod'] }
    const full = await registry().listTags(modelTagPrefixes(MODEL))
    const windowed = await registry().listTags(modelTagPrefixes(MODEL), question)
    expect(buildHistory(full, MODEL).filter((e) => e.kind === 'invalid')).toHaveLength(FIRST_DEPTH - 2)
    expect(resolveStage(windowed, MODEL, 'prod')).toEqual(resolveStage(full, MODEL, 'prod'))
    expect(resolveStage(full, MODEL, 'prod').map((o) => o.version)).toEqual(
      expect.arrayContaining(['v2.0.0', 'v3.0.0', 'v4.0.0', seeded.inProd])
    )
    expect(previousVersion(windowed, MODEL, 'prod')).toBe(previousVersion(full, MODEL, 'prod'))
  })

  it('never counts a tag it did not read: an unread assignment is no event, only a counter', async () => {
    sim.state.refs.clear()
    const seeded = seedHistory(sim.state, MODEL, 200)
    const windowed = await registry().listTags(modelTagPrefixes(MODEL), { model: MODEL, stages: ['prod'] })
    const unread = windowed.filter((t) => t.unread)
    expect(unread.length).toBeGreaterThan(100)
    // Even if an unread tag somehow carried a message, nothing reads it.
    const tampered = windowed.map((t) =>
      t.unread
        ? {
            ...t,
            commit: seeded.candidateCommit,
            tagger: { name: 'x', email: 'x', date: '2030-01-01T00:00:00Z' }
          }
        : t
    )
    const events = buildHistory(tampered, MODEL)
    expect(events.some((e) => unread.some((t) => t.name === e.tag))).toBe(false)
    expect(resolveStage(tampered, MODEL, 'prod')).toEqual(resolveStage(windowed, MODEL, 'prod'))
    // Their names still move the next counter.
    expect(nextCounter(windowed, MODEL)).toBe(
      nextCounter(await registry().listTags(modelTagPrefixes(MODEL)), MODEL)
    )
  })

  it('costs two requests for a stage at 3,000 tags, and 31 for the whole history', async () => {
    sim.state.refs.clear()
    const seeded = seedHistory(sim.state, MODEL, 3000)
    expect(sim.state.tagNames().filter((t) => t.startsWith(MODEL))).toHaveLength(3000)

    sim.resetRecording()
    const tags = await registry().listTags(modelTagPrefixes(MODEL), { model: MODEL, stages: ['prod'] })
    expect(resolveStage(tags, MODEL, 'prod').map((o) => o.version)).toEqual([seeded.inProd])
    expect(sim.count()).toBe(2)
    expect(sim.count('git/list-matching-refs')).toBe(1)
    expect(sim.count('graphql')).toBe(1)

    sim.resetRecording()
    const all = await registry().listTags(modelTagPrefixes(MODEL))
    expect(buildHistory(all, MODEL)).toHaveLength(3000)
    // The names, then 100 tag objects per GraphQL query.
    expect(sim.count()).toBe(31)
    expect(sim.count('graphql')).toBe(30)
  }, 120_000)
})
