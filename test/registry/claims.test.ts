import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { counterClaimRef } from '../../src/registry/claims.js'
import { GitRegistry } from '../../src/registry/git.js'
import { gitRepo } from '../helpers/git.js'

describe('counter claims', () => {
  it('name one ref per model and counter, whatever the tag kind', () => {
    expect(counterClaimRef('churn#prod#4')).toBe('refs/modelgate/counters/churn/#4')
    expect(counterClaimRef('churn#prod!#4')).toBe('refs/modelgate/counters/churn/#4')
    expect(counterClaimRef('churn@blocked#4')).toBe('refs/modelgate/counters/churn/#4')
    expect(counterClaimRef('team/churn#prod#4')).toBe('refs/modelgate/counters/team/churn/#4')
    expect(counterClaimRef('churn@v1.0.0')).toBeNull()
    expect(counterClaimRef('not a tag')).toBeNull()
  })
})

describe('GitRegistry.createTag with counter claims (real git)', () => {
  let repo: ReturnType<typeof gitRepo>
  beforeEach(() => {
    repo = gitRepo()
  })
  afterEach(() => repo.cleanup())

  it('refuses a second tag with a taken counter even under another name, and hides claims from git tag', async () => {
    const registry = new GitRegistry(repo.dir)
    const head = repo.git('rev-parse', 'HEAD')
    expect(await registry.createTag({ name: 'churn#prod#4', commit: head, message: 'assign\n' })).toBe(true)
    expect(await registry.createTag({ name: 'churn#prod!#4', commit: head, message: 'unassign\n' })).toBe(
      false
    )
    expect(await registry.createTag({ name: 'churn@blocked#4', commit: head, message: 'blocked\n' })).toBe(
      false
    )
    // Another model's counter 4 and a registration are free.
    expect(await registry.createTag({ name: 'team/churn#prod#4', commit: head, message: 'other\n' })).toBe(
      true
    )
    expect(await registry.createTag({ name: 'churn@v1.0.0', commit: head, message: 'register\n' })).toBe(true)
    expect(repo.git('tag', '--list').split('\n').sort()).toEqual([
      'churn#prod#4',
      'churn@v1.0.0',
      'team/churn#prod#4'
    ])
    // The claim and the tag name the same annotated tag object, written in one transaction.
    expect(repo.git('rev-parse', 'refs/modelgate/counters/churn/#4')).toBe(
      repo.git('rev-parse', 'refs/tags/churn#prod#4')
    )
    expect(repo.git('cat-file', '-p', 'refs/tags/churn#prod#4')).toMatch(
      /^object [0-9a-f]{40}\ntype commit\ntag churn#prod#4\ntagger Test Tagger <tagger@example.invalid> \d+ [+-]\d{4}\n\nassign$/
    )
  })

  it('names the fix when git has no identity', async () => {
    const registry = new GitRegistry(repo.dir)
    const head = repo.git('rev-parse', 'HEAD')
    repo.git('config', '--unset', 'user.name')
    repo.git('config', '--unset', 'user.email')
    const env = { ...process.env }
    try {
      for (const key of [
        'GIT_COMMITTER_NAME',
        'GIT_COMMITTER_EMAIL',
        'GIT_AUTHOR_NAME',
        'GIT_AUTHOR_EMAIL',
        'EMAIL'
      ])
        delete process.env[key]
      process.env.HOME = repo.dir // no global identity either
      process.env.GIT_CONFIG_NOSYSTEM = '1'
      await expect(
        registry.createTag({ name: 'churn#prod#1', commit: head, message: 'x\n' })
      ).rejects.toThrow(/set git config user.name and user.email/)
    } finally {
      process.env = env
    }
  })
})
