import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { GitRegistry } from '../../src/registry/git.js'
import { buildHistory, nextCounter, previousVersion, resolveStage } from '../../src/registry/state.js'
import { register } from '../../src/lifecycle/register.js'
import { createCountedTag } from '../../src/lifecycle/write-tag.js'
import { assignmentTag, modelTagPrefixes } from '../../src/registry/gto.js'
import { RegistryError } from '../../src/errors.js'
import { gitRepo } from '../helpers/git.js'

let repo: ReturnType<typeof gitRepo>
let registry: GitRegistry
beforeEach(() => {
  repo = gitRepo()
  registry = new GitRegistry(repo.dir)
})
afterEach(() => repo.cleanup())

const tags = () => registry.listTags(modelTagPrefixes('churn'))

describe('GitRegistry with real git', () => {
  it('reads every tag in one call: name, peeled commit, tagger and message with blank lines', async () => {
    const head = repo.git('rev-parse', 'HEAD')
    expect(
      await registry.createTag({
        name: 'churn#prod#1',
        commit: head,
        message: 'line one\n\n{\n  "a": 1\n}\n# not a comment\n'
      })
    ).toBe(true)
    const [tag] = await tags()
    expect(tag).toMatchObject({
      name: 'churn#prod#1',
      commit: head,
      message: 'line one\n\n{\n  "a": 1\n}\n# not a comment\n'
    })
    expect(tag!.tagger).toMatchObject({ name: 'Test Tagger', email: 'tagger@example.invalid' })
  })

  it('createTag returns false when the name is taken, and leaves the first tag alone', async () => {
    const head = repo.git('rev-parse', 'HEAD')
    expect(await registry.createTag({ name: 'churn#prod#1', commit: head, message: 'first\n' })).toBe(true)
    expect(await registry.createTag({ name: 'churn#prod#1', commit: head, message: 'second\n' })).toBe(false)
    expect((await tags())[0]!.message).toBe('first\n')
  })

  it('register refuses a second version on one commit and an already registered version', async () => {
    await register({ model: 'churn', version: '1' }, registry)
    await expect(register({ model: 'churn', version: '2' }, registry)).rejects.toThrow(
      /already holds churn v1.0.0/
    )
    repo.commit()
    await expect(register({ model: 'churn', version: 'v1.0.0' }, registry)).rejects.toThrow(
      /already registered/
    )
  })

  it('names a directory that is not a git repository', async () => {
    const elsewhere = new GitRegistry('/')
    await expect(elsewhere.resolveCommit()).rejects.toThrow(RegistryError)
  })
})

describe('GTO interoperability', () => {
  it('resolves and lists tags written by GTO (no records), skipping lightweight tags', async () => {
    const c1 = repo.git('rev-parse', 'HEAD')
    repo.tagAt(1, '-a', 'churn@v1.0.0', '-m', 'Registering artifact churn version v1.0.0', c1)
    repo.tagAt(2, '-a', 'churn#prod#1', '-m', 'Assigning stage prod to artifact churn version v1.0.0', c1)
    const c2 = repo.commit()
    repo.tagAt(3, '-a', 'churn@v2.0.0', '-m', 'Registering artifact churn version v2.0.0', c2)
    repo.tagAt(4, '-a', 'churn#prod#2', '-m', 'Assigning stage prod', c2)
    repo.tagAt(5, 'churn#staging#3', c2) // lightweight: GTO ignores it, so do we
    repo.tagAt(6, '-a', 'churn#prod!#4', '-m', 'Unassigning stage prod from version v1.0.0', c1)

    const all = await tags()
    expect(resolveStage(all, 'churn', 'prod').map((o) => o.version)).toEqual(['v2.0.0'])
    expect(resolveStage(all, 'churn', 'staging')).toEqual([])
    expect(buildHistory(all, 'churn').map((e) => `${e.kind} ${e.version} ${e.stage ?? ''}`.trim())).toEqual([
      'registration v1.0.0',
      'assignment v1.0.0 prod',
      'registration v2.0.0',
      'assignment v2.0.0 prod',
      'archival v1.0.0 prod'
    ])
    expect(nextCounter(all, 'churn')).toBe(5n)
  })

  it('keeps several GTO assignments in one stage, latest first, as GTO does', async () => {
    const c1 = repo.git('rev-parse', 'HEAD')
    repo.git('tag', '-a', 'churn@v1.0.0', '-m', 'r', c1)
    repo.git('tag', '-a', 'churn#prod#1', '-m', 'a', c1)
    const c2 = repo.commit()
    repo.git('tag', '-a', 'churn@v2.0.0', '-m', 'r', c2)
    repo.git('tag', '-a', 'churn#prod#2', '-m', 'a', c2)
    const all = await tags()
    expect(resolveStage(all, 'churn', 'prod').map((o) => o.version)).toEqual(['v2.0.0', 'v1.0.0'])
    expect(previousVersion(all, 'churn', 'prod')).toBe('v1.0.0')
  })
})

describe('racing writers', () => {
  it('never share a counter nor lose a tag', async () => {
    const head = repo.git('rev-parse', 'HEAD')
    // Separate registry objects: separate git processes racing on the same repository.
    const writers = Array.from({ length: 8 }, (_, i) =>
      createCountedTag(
        new GitRegistry(repo.dir),
        'churn',
        (n) => assignmentTag('churn', 'prod', n),
        head,
        `writer ${i}\n`
      )
    )
    const results = await Promise.all(writers)
    const counters = results.map((r) => r.counter).sort((a, b) => Number(a - b))
    expect(new Set(counters).size).toBe(8)
    const written = await tags()
    expect(written).toHaveLength(8)
    expect(new Set(written.map((t) => t.message))).toEqual(
      new Set(Array.from({ length: 8 }, (_, i) => `writer ${i}\n`))
    )
  })
})
