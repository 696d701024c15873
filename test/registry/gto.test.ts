import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { RegistryError } from '../../src/errors.js'
import {
  assignmentTag,
  assertModelName,
  blockedTag,
  GTO_TAG_RE,
  parseTagName,
  registrationTag,
  unassignmentTag
} from '../../src/registry/gto.js'

/*
 * GTO's tag regex, transcribed from iterative/gto gto/constants.py (name, semver, fullname,
 * tag_re; Python's (?P<x>) written (?<x>)). Independent of src/registry/gto.ts on purpose: if our
 * constant drifts, this fact still holds.
 */
const name = '[a-zA-Z0-9]([a-zA-Z0-9-/_]*[a-zA-Z0-9])?'
const semver =
  '(?<major>0|[1-9]\\d*)\\.(?<minor>0|[1-9]\\d*)\\.(?<patch>0|[1-9]\\d*)(?:-(?<prerelease>(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+(?<buildmetadata>[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?'
const fullnameInTag = `(?<dirname>[a-zA-Z0-9-_./]+=)?(?<name>${name})`
const GTO_FACT = new RegExp(
  `^(?<artifact>${fullnameInTag})(((#(?<stage>${name})|@(?<version>v${semver}))(?<cancel>!?))|@((?<deprecated>deprecated)|(?<created>created)))(#(?<counter>[0-9]+))?$`
)

describe('GTO tag format', () => {
  it('our registration, assignment and archival tags parse with GTO regex', () => {
    for (const tag of [
      registrationTag('fraud_detector', 'v1.2.3'),
      assignmentTag('fraud_detector', 'prod', 12),
      unassignmentTag('fraud_detector', 'prod', 13)
    ]) {
      expect(GTO_FACT.test(tag)).toBe(true)
      expect(GTO_TAG_RE.test(tag)).toBe(true)
    }
    expect(GTO_FACT.exec('fraud_detector#prod#12')!.groups).toMatchObject({
      name: 'fraud_detector',
      stage: 'prod',
      counter: '12',
      cancel: ''
    })
    expect(GTO_FACT.exec('fraud_detector#prod!#13')!.groups).toMatchObject({ stage: 'prod', cancel: '!' })
  })

  it('blocked-attempt tags are ones GTO skips', () => {
    expect(GTO_FACT.test(blockedTag('fraud_detector', 9))).toBe(false)
    expect(parseTagName(blockedTag('fraud_detector', 9))).toEqual({
      kind: 'blocked',
      model: 'fraud_detector',
      counter: 9n
    })
  })

  it('parses the tags GTO writes, with and without counters', () => {
    expect(parseTagName('churn@v3.0.0')).toEqual({ kind: 'register', model: 'churn', version: 'v3.0.0' })
    expect(parseTagName('churn#staging#4')).toEqual({
      kind: 'assign',
      model: 'churn',
      stage: 'staging',
      counter: 4n
    })
    expect(parseTagName('churn#staging!')).toEqual({ kind: 'unassign', model: 'churn', stage: 'staging' })
    expect(parseTagName('churn@v3.0.0!')).toEqual({ kind: 'deregister', model: 'churn', version: 'v3.0.0' })
    expect(parseTagName('churn@deprecated#7')).toEqual({ kind: 'deprecate', model: 'churn', counter: 7n })
    expect(parseTagName('v1.0.0')).toBeUndefined()
  })

  it('agrees with the transcribed GTO regex on arbitrary tag-like names', () => {
    const piece = fc.stringMatching(/^[a-zA-Z0-9_/#@!.=-]{1,30}$/)
    fc.assert(
      fc.property(piece, (tag) => {
        const ours = parseTagName(tag)
        const gtoMatches = GTO_FACT.test(tag)
        if (ours?.kind === 'blocked') expect(gtoMatches).toBe(false)
        else if (gtoMatches && !GTO_FACT.exec(tag)!.groups!.created) expect(ours).toBeDefined()
        else if (!gtoMatches) expect(ours).toBeUndefined()
      }),
      { numRuns: 3000 }
    )
  })

  it('refuses model names outside GTO name rule before any git call', () => {
    for (const bad of ['', 'a b', '-lead', 'trail-', 'x#y', 'x@y', 'x;rm -rf', '$(id)', 'a\nb', '..']) {
      expect(() => assertModelName(bad)).toThrow(RegistryError)
    }
    for (const good of ['m', 'fraud_detector', 'team/churn-v2'])
      expect(() => assertModelName(good)).not.toThrow()
  })
})
