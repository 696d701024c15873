import { beforeEach, describe, expect, it } from '@jest/globals'
import { MODEL } from '../e2e/fixtures.js'
import type { Fault } from '../simulator/server.js'
import { ACTOR, RUN, useFaultRig } from './fault-world.js'

/*
 * The one action command the promote matrix does not cover: `register`, which resolves the
 * commit (`repos/get-commit`) and writes the version tag. Each fault is followed by a re-run that
 * must leave exactly one registration, on the right commit.
 */

const rig = useFaultRig()
let v3: string
beforeEach(() => {
  v3 = rig.sim.state.addCommit('train v3')
})

const registerV3 = (attempt: number) =>
  rig.runner.run({ command: 'register', model: MODEL, version: '3' }, { runId: RUN + 1, attempt, sha: v3 })

const registrations = () => rig.sim.state.tagNames().filter((name) => name.startsWith(`${MODEL}@v3`))

const cases: Array<[string, Fault, 'registered' | RegExp]> = [
  [
    'repos/get-commit: HTTP 503 twice',
    { operation: 'repos/get-commit', status: 503, times: 2 },
    'registered'
  ],
  [
    'repos/get-commit: connection reset',
    { operation: 'repos/get-commit', reset: true, times: 1 },
    'registered'
  ],
  [
    'repos/get-commit: 429 retry-after',
    { operation: 'repos/get-commit', status: 429, times: 1, headers: { 'retry-after': '1' } },
    'registered'
  ],
  [
    'repos/get-commit: HTTP 503 on every retry',
    { operation: 'repos/get-commit', status: 503 },
    /^modelgate: .*failed \(HTTP 503\): simulated 503 \(GET \/repos\/\{owner\}\/\{repo\}\/commits\/\{ref\}\)$/
  ],
  [
    'repos/get-commit: 403 missing permission',
    {
      operation: 'repos/get-commit',
      status: 403,
      body: { message: 'Resource not accessible by integration' }
    },
    /failed \(HTTP 403\): Resource not accessible by integration; the job needs `permissions: contents: (read|write)`/
  ],
  [
    'git/create-ref: lost answer',
    { operation: 'git/create-ref', status: 502, after: true, times: 1 },
    'registered'
  ],
  [
    'git/create-tag: HTTP 503 on every retry',
    { operation: 'git/create-tag', status: 503 },
    /creating tag object .*@v3\.0\.0 failed \(HTTP 503\)/
  ]
]

describe('register under faults', () => {
  it.each(cases)('%s, then a re-run', async (_name, fault, expected) => {
    const { sim, world } = rig
    const injected = sim.fault(fault)
    const first = await registerV3(1)
    expect(injected.hits).toBeGreaterThan(0)
    if (expected === 'registered') {
      expect(first.errors).toEqual([])
      expect(first.outputs).toMatchObject({ decision: 'registered', tag: `${MODEL}@v3.0.0` })
    } else {
      expect(first.errors).toHaveLength(1)
      expect(first.errors[0]).toMatch(expected)
      expect(registrations()).toEqual([])
    }
    expect(first.everything).not.toContain(sim.token)
    sim.clearFaults()
    const again = await registerV3(2)
    expect(again.errors).toEqual([])
    expect(again.outputs).toMatchObject({ decision: 'registered', version: 'v3.0.0' })
    expect(registrations()).toEqual([`${MODEL}@v3.0.0`])
    const tag = sim.state.tag(`${MODEL}@v3.0.0`)!
    expect(tag).toMatchObject({ commit: v3, tagger: expect.objectContaining({ name: ACTOR }) })
    expect(world.seeded.has(`${MODEL}@v3.0.0`)).toBe(false)
  })
})
