import { describe, expect, it } from '@jest/globals'
import { RegistryError } from '../../src/errors.js'
import { createCountedTag } from '../../src/lifecycle/write-tag.js'
import { assignmentTag } from '../../src/registry/gto.js'
import type { RegistryBackend } from '../../src/registry/types.js'

export interface BackendUnderTest {
  backend: RegistryBackend
  /** A fresh backend on the same store, as a second process or job would have. */
  another: () => RegistryBackend
  /** A commit that exists in the store (what `resolveCommit()` answers). */
  head: string
  cleanup: () => void | Promise<void>
}

/**
 * What every RegistryBackend must do for the promote and rollback flows to be safe. Run it on
 * any backend (git here; the GitHub backend against a local fake API) with
 * `registryBackendContract('name', makeBackend)`.
 */
export function registryBackendContract(name: string, make: () => Promise<BackendUnderTest>): void {
  const withBackend = (test: (b: BackendUnderTest) => Promise<void>) => async () => {
    const b = await make()
    try {
      await test(b)
    } finally {
      await b.cleanup()
    }
  }

  describe(`RegistryBackend contract: ${name}`, () => {
    it(
      'keeps the message verbatim and reads back name, peeled commit and a tagger date to the second',
      withBackend(async ({ backend, head }) => {
        const message = 'promote m v1.0.0 dev -> staging\n\n{\n  "a": "# not a comment"\n}\n\n'
        expect(await backend.createTag({ name: 'm#staging#1', commit: head, message })).toBe(true)
        const [tag] = await backend.listTags(['m#'])
        expect(tag).toMatchObject({ name: 'm#staging#1', commit: head, message })
        expect(Number.isNaN(Date.parse(tag!.tagger!.date))).toBe(false)
        expect(Math.abs(Date.parse(tag!.tagger!.date) - Date.now())).toBeLessThan(120_000)
      })
    )

    it(
      'creates a name once: a second create returns false and leaves the first alone',
      withBackend(async ({ backend, head }) => {
        expect(await backend.createTag({ name: 'm@v1.0.0', commit: head, message: 'first\n' })).toBe(true)
        expect(await backend.createTag({ name: 'm@v1.0.0', commit: head, message: 'second\n' })).toBe(false)
        expect((await backend.listTags(['m@']))[0]!.message).toBe('first\n')
      })
    )

    it(
      "claims a model's counter once, whatever the tag kind",
      withBackend(async ({ backend, head }) => {
        expect(await backend.createTag({ name: 'm#prod#4', commit: head, message: 'a\n' })).toBe(true)
        expect(await backend.createTag({ name: 'm#prod!#4', commit: head, message: 'u\n' })).toBe(false)
        expect(await backend.createTag({ name: 'm@blocked#4', commit: head, message: 'b\n' })).toBe(false)
        expect(
          await backend.createTag({ name: 'team/m#prod#4', commit: head, message: 'other model\n' })
        ).toBe(true)
        expect((await backend.listTags()).map((t) => t.name).sort()).toEqual(['m#prod#4', 'team/m#prod#4'])
      })
    )

    it(
      'lists only tags, by prefix, including names with "/"',
      withBackend(async ({ backend, head }) => {
        // GTO's name rule allows "/" in model and stage names.
        for (const name of [
          'm@v1.0.0',
          'm#prod#1',
          'm#prod/eu#2',
          'mm#prod#1',
          'team/m#prod#1',
          'team/m@v1.0.0'
        ])
          expect(await backend.createTag({ name, commit: head, message: `${name}\n` })).toBe(true)
        const names = async (prefixes?: string[]) =>
          (await backend.listTags(prefixes)).map((t) => t.name).sort()
        expect(await names(['m@', 'm#'])).toEqual(['m#prod#1', 'm#prod/eu#2', 'm@v1.0.0'])
        expect(await names(['team/m@', 'team/m#'])).toEqual(['team/m#prod#1', 'team/m@v1.0.0'])
        expect(await names()).toHaveLength(6)
      })
    )

    it(
      'lets racing writers on one store take distinct counters and keeps every record',
      withBackend(async ({ another, head }) => {
        const results = await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            createCountedTag(another(), 'm', (n) => assignmentTag('m', 'prod', n), head, `writer ${i}\n`)
          )
        )
        expect(new Set(results.map((r) => r.counter)).size).toBe(6)
        const written = await another().listTags(['m#'])
        expect(written.map((t) => t.message).sort()).toEqual(
          Array.from({ length: 6 }, (_, i) => `writer ${i}\n`)
        )
      })
    )

    it(
      'resolves HEAD to a commit and names an unknown revision',
      withBackend(async ({ backend, head }) => {
        expect(await backend.resolveCommit()).toBe(head)
        await expect(backend.resolveCommit('no-such-revision')).rejects.toThrow(RegistryError)
      })
    )
  })
}
