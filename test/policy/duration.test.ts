import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { PolicyError } from '../../src/errors.js'
import { formatDuration, parseDuration } from '../../src/policy/duration.js'

describe('parseDuration', () => {
  it.each([
    ['90s', 90],
    ['5m', 300],
    ['2h', 7200],
    ['1d', 86400],
    ['1h30m', 5400],
    ['1d2h3m4s', 93784],
    ['0s', 0],
    ['120m', 7200]
  ])('%s is %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds)
  })

  it.each(['', '5', '5 m', '5min', '1m1h', '-5m', '1.5h', 'h', '5M', ' 5m', '5m '])(
    'refuses %j with a PolicyError that shows the text',
    (text) => {
      expect(() => parseDuration(text)).toThrow(PolicyError)
      expect(() => parseDuration(text)).toThrow(
        `expected a duration such as 90s, 5m, 2h, 1d or 1h30m, got ${JSON.stringify(text)}`
      )
    }
  )

  it('reads back what formatDuration writes', () => {
    fc.assert(
      fc.property(fc.nat(10 * 365 * 86400), (seconds) => {
        expect(parseDuration(formatDuration(seconds))).toBe(seconds)
      })
    )
  })
})
