import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { heldBackAt, tagsAsOf } from '../../src/registry/time.js'
import type { RawTag } from '../../src/registry/types.js'

/* The clock time travel reads, as a pure function of the tags: tagger dates held to counters. */

const second = (s: number): string => new Date(Date.UTC(2026, 5, 1) + s * 1000).toISOString()
const tag = (name: string, s: number | null): RawTag => ({
  name,
  commit: 'c'.repeat(40),
  message: '',
  ...(s !== null && { tagger: { name: 't', email: 't@example.invalid', date: second(s) } })
})
const names = (tags: RawTag[]): string[] => tags.map((t) => t.name)

describe('tagsAsOf', () => {
  it("tags sharing a counter (a race, or GTO reusing a blocked attempt's number) exist from the later date of the two", () => {
    const tags = [tag('m#prod#1', 10), tag('m@blocked#2', 30), tag('m#staging#2', 20), tag('m#prod#3', 40)]
    expect(names(tagsAsOf(tags, new Date(second(25))))).toEqual(['m#prod#1'])
    expect(names(tagsAsOf(tags, new Date(second(30))))).toEqual(['m#prod#1', 'm@blocked#2', 'm#staging#2'])
    expect(names(heldBackAt(tags, new Date(second(25))))).toEqual(['m#staging#2'])
  })

  it('counters order each model on its own: a skewed tag of one model holds back none of another', () => {
    const tags = [tag('a#prod#1', 50), tag('b#prod#1', 10), tag('a#prod#2', 20)]
    expect(names(tagsAsOf(tags, new Date(second(20))))).toEqual(['b#prod#1'])
    expect(names(tagsAsOf(tags, new Date(second(50))))).toEqual(['a#prod#1', 'b#prod#1', 'a#prod#2'])
  })

  it('registrations keep their own date; a tag without a tagger date is never placed in time and holds nothing back', () => {
    const tags = [tag('m@v1.0.0', 5), tag('m#prod#1', null), tag('m#prod#2', 10), tag('m@v2.0.0', 1)]
    expect(names(tagsAsOf(tags, new Date(second(10))))).toEqual(['m@v1.0.0', 'm#prod#2', 'm@v2.0.0'])
    expect(names(tagsAsOf(tags, new Date(second(4))))).toEqual(['m@v2.0.0'])
  })

  it('whatever the dates, the counted tags as of any moment are a prefix of the counter order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 100 }),
        (dates, at) => {
          const tags = dates.map((s, i) => tag(`m#prod#${i + 1}`, s))
          const seen = tagsAsOf(tags, new Date(second(at))).map((t) => Number(t.name.split('#')[2]))
          expect(seen).toEqual(seen.map((_, i) => i + 1))
          // And a tag is left out only when it or an earlier one is dated after the moment.
          const firstLate = dates.findIndex((s) => s > at)
          expect(seen).toHaveLength(firstLate < 0 ? dates.length : firstLate)
        }
      )
    )
  })
})
