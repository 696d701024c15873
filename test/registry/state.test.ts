import { describe, expect, it } from '@jest/globals'
import { buildHistory, previousVersion, resolveStage } from '../../src/registry/state.js'
import type { RawTag } from '../../src/registry/types.js'

// Pure state over constructed tags: commits c1, c2, c3 hold v1, v2, v3 of model m.
const commit = (v: number): string => String(v).repeat(40)
let clock = Date.parse('2026-03-01T10:00:00Z')
const tagger = (atMs: number) => ({
  name: 'ci',
  email: 'ci@example.invalid',
  date: new Date(atMs).toISOString()
})

function register(v: number): RawTag {
  clock += 1000
  return { name: `m@v${v}.0.0`, commit: commit(v), message: `register m v${v}.0.0\n`, tagger: tagger(clock) }
}

function record(v: number, event: 'promotion' | 'rollback', createdAt: number, from?: number) {
  return {
    schema: 'modelgate/promotion-record/v1',
    event,
    model: 'm',
    version: `v${v}.0.0`,
    from_stage: event === 'rollback' ? 'prod' : 'staging',
    to_stage: 'prod',
    decision: 'promote',
    gates: [],
    approvals: [],
    rollout: null,
    rollback_to: event === 'rollback' ? `v${v}.0.0` : null,
    baseline: { version: from === undefined ? null : `v${from}.0.0`, stage: 'prod' },
    evidence: [],
    created_at: new Date(createdAt).toISOString()
  }
}

function assign(
  v: number,
  counter: number,
  options: { rollbackFrom?: number; createdAt?: number; sameSecond?: boolean } = {}
): RawTag {
  if (!options.sameSecond) clock += 1000
  const event = options.rollbackFrom === undefined ? 'promotion' : 'rollback'
  const body = record(v, event, options.createdAt ?? clock, options.rollbackFrom)
  return {
    name: `m#prod#${counter}`,
    commit: commit(v),
    message: `${event}\n\n${JSON.stringify(body)}\n`,
    tagger: tagger(clock)
  }
}

function unassign(v: number, counter: number): RawTag {
  clock += 1000
  return { name: `m#prod!#${counter}`, commit: commit(v), message: 'archive\n', tagger: tagger(clock) }
}

const inProd = (tags: RawTag[]) => resolveStage(tags, 'm', 'prod').map((o) => o.version)

describe('previousVersion (rollback target "previous")', () => {
  it('never returns to the version a rollback just left, until it is promoted again', () => {
    const tags = [register(1), register(2), register(3), assign(1, 1), assign(2, 2), unassign(1, 3)]
    expect(previousVersion(tags, 'm', 'prod')).toBe('v1.0.0')
    tags.push(assign(1, 4, { rollbackFrom: 2 }), unassign(2, 5))
    expect(inProd(tags)).toEqual(['v1.0.0'])
    // A trigger firing again must not bring v2 back.
    expect(previousVersion(tags, 'm', 'prod')).toBeNull()
    tags.push(assign(3, 6), unassign(1, 7))
    expect(previousVersion(tags, 'm', 'prod')).toBe('v1.0.0')
    // v2, fixed and promoted again, is a fair target once more.
    tags.push(assign(2, 8), unassign(3, 9))
    expect(previousVersion(tags, 'm', 'prod')).toBe('v3.0.0')
  })
})

describe('history order', () => {
  it('orders counted tags by write order, not by when their evaluations ran', () => {
    const tags = [register(1), register(2)]
    // Two racing promotions in one second: v2's evaluation started first (older created_at) but
    // its tag was written second (higher counter). v2 holds the stage, as GTO sees it.
    const second = clock + 1000
    tags.push(
      assign(1, 1, { createdAt: second + 600 }),
      assign(2, 2, { createdAt: second + 100, sameSecond: true })
    )
    expect(buildHistory(tags, 'm').map((e) => e.tag)).toEqual([
      'm@v1.0.0',
      'm@v2.0.0',
      'm#prod#1',
      'm#prod#2'
    ])
    expect(inProd(tags)[0]).toBe('v2.0.0')
  })

  it('keeps registrations in their place between counted tags', () => {
    const tags = [register(1), assign(1, 1), register(2), assign(2, 2)]
    expect(buildHistory(tags, 'm').map((e) => e.kind)).toEqual([
      'registration',
      'assignment',
      'registration',
      'assignment'
    ])
  })
})
