import { describe, expect, it } from '@jest/globals'
import { parseNamedPaths } from '../../src/evidence/named-paths.js'
import { UsageError } from '../../src/errors.js'

describe('parseNamedPaths', () => {
  it('maps names to paths, later values winning', () => {
    const parsed = parseNamedPaths(['offline=a.json', 'drift=b/c.json', 'offline=z.json'], '--evidence')
    expect([...parsed]).toEqual([
      ['offline', 'z.json'],
      ['drift', 'b/c.json']
    ])
  })
  it.each(['offline', '=x.json', 'offline=', '1bad=x.json'])('refuses %p', (value) => {
    expect(() => parseNamedPaths([value], '--evidence')).toThrow(UsageError)
  })
})
