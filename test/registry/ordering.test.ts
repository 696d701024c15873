import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createCountedTag } from '../../src/lifecycle/write-tag.js'
import { assignmentTag, modelTagPrefixes, unassignmentTag } from '../../src/registry/gto.js'
import { GitRegistry } from '../../src/registry/git.js'
import { lastStageEventSecond, orderingDelayMs } from '../../src/registry/ordering.js'
import type { RawTag } from '../../src/registry/types.js'
import { gitRepo } from '../helpers/git.js'

const C1 = 'a'.repeat(40)
const C2 = 'b'.repeat(40)
const tagger = (date: string) => ({ name: 't', email: 't@example.invalid', date })
const at = (name: string, commit: string, date: string): RawTag => ({
  name,
  commit,
  message: '',
  tagger: tagger(date)
})

describe('GTO event ordering (tagger seconds)', () => {
  const tags: RawTag[] = [
    at('m#prod#1', C1, '2026-01-01T10:00:00+00:00'),
    at('m#prod#2', C2, '2026-01-01T10:00:05+00:00'),
    at('m#prod!#3', C1, '2026-01-01T10:00:06+00:00'),
    at('m#staging#4', C1, '2026-01-01T10:00:07+00:00'),
    at('other#prod#5', C1, '2026-01-01T10:00:09+00:00'),
    { name: 'm#prod#6', commit: C2, message: '' } // lightweight: GTO ignores it
  ]
  const ms = (iso: string): number => Date.parse(iso)

  it('finds the last assignment or unassignment of one version in one stage', () => {
    expect(lastStageEventSecond(tags, 'm', 'prod', C1, 'assign')).toBe(ms('2026-01-01T10:00:00Z') / 1000)
    expect(lastStageEventSecond(tags, 'm', 'prod', C1, 'unassign')).toBe(ms('2026-01-01T10:00:06Z') / 1000)
    expect(lastStageEventSecond(tags, 'm', 'prod', C2, 'assign')).toBe(ms('2026-01-01T10:00:05Z') / 1000)
    expect(lastStageEventSecond(tags, 'm', 'dev', C1, 'assign')).toBeNull()
  })

  it('waits out the second of the opposite event of that version in that stage, and only then', () => {
    // Unassigning C2 in the second it was assigned: GTO could not tell which came last.
    expect(orderingDelayMs(tags, unassignmentTag('m', 'prod', 9), C2, ms('2026-01-01T10:00:05.300Z'))).toBe(
      705
    )
    // Re-assigning C1 in the second it was unassigned (a rollback right after an archival).
    expect(orderingDelayMs(tags, assignmentTag('m', 'prod', 9), C1, ms('2026-01-01T10:00:06.900Z'))).toBe(105)
    // Two assignments in one second (canary steps) are harmless.
    expect(orderingDelayMs(tags, assignmentTag('m', 'prod', 9), C2, ms('2026-01-01T10:00:05.300Z'))).toBe(0)
    // Another version, a later second, a blocked attempt or a registration: no wait.
    expect(orderingDelayMs(tags, unassignmentTag('m', 'prod', 9), C1, ms('2026-01-01T10:00:05.300Z'))).toBe(0)
    expect(orderingDelayMs(tags, unassignmentTag('m', 'prod', 9), C2, ms('2026-01-01T10:00:06Z'))).toBe(0)
    expect(orderingDelayMs(tags, 'm@blocked#9', C2, ms('2026-01-01T10:00:05.300Z'))).toBe(0)
    expect(orderingDelayMs(tags, 'm@v9.0.0', C2, ms('2026-01-01T10:00:05.300Z'))).toBe(0)
  })

  it('does not wait on a clock far behind the tags (skew cannot be waited out)', () => {
    expect(orderingDelayMs(tags, unassignmentTag('m', 'prod', 9), C2, ms('2026-01-01T09:00:00Z'))).toBe(0)
  })
})

describe('GTO event ordering with real git', () => {
  let repo: ReturnType<typeof gitRepo>
  beforeEach(() => {
    repo = gitRepo()
  })
  afterEach(() => repo.cleanup())

  it('an unassignment written right after an assignment of the same version lands in a later second', async () => {
    const registry = new GitRegistry(repo.dir)
    const head = repo.git('rev-parse', 'HEAD')
    await createCountedTag(registry, 'm', (n) => assignmentTag('m', 'prod', n), head, 'assign\n')
    await createCountedTag(registry, 'm', (n) => unassignmentTag('m', 'prod', n), head, 'unassign\n')
    await createCountedTag(registry, 'm', (n) => assignmentTag('m', 'prod', n), head, 'again\n')
    const byName = (await registry.listTags(modelTagPrefixes('m'))).sort((a, b) => (a.name < b.name ? -1 : 1))
    const secondsOf = byName.map((t) => Math.floor(Date.parse(t.tagger!.date) / 1000))
    expect(byName.map((t) => t.name)).toEqual(['m#prod!#2', 'm#prod#1', 'm#prod#3'])
    // m#prod#1 < m#prod!#2 < m#prod#3 in time, each in its own second.
    expect(secondsOf[0]!).toBeGreaterThan(secondsOf[1]!)
    expect(secondsOf[2]!).toBeGreaterThan(secondsOf[0]!)
  })
})
