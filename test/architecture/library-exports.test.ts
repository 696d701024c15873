import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import * as library from '../../src/index.js'

/*
 * docs/library.md documents functions in tables (`| \`name(args)\` | answers |`). Each one must be
 * an export of the package entry, so a library caller can import what the page promises.
 */
describe('docs/library.md and the package entry', () => {
  const documented = [...readFileSync('docs/library.md', 'utf8').matchAll(/^\| `([A-Za-z]\w*)\(/gm)].map(
    (match) => match[1]!
  )

  it('documents the serving and time-travel functions', () => {
    expect(documented).toEqual(
      expect.arrayContaining([
        'resolveServedStage',
        'resolveAllStages',
        'archivedVersions',
        'tagsAsOf',
        'heldBackAt',
        'historyBetween',
        'parseInstant',
        'modelUriProblem'
      ])
    )
  })

  it.each(documented)('%s is exported as a function', (name) => {
    expect(typeof (library as Record<string, unknown>)[name]).toBe('function')
  })
})
