import { describe, expect, it } from '@jest/globals'
import { completionProblems, consistencyProblems, promoteInputs, RUN, useFaultRig } from './fault-world.js'
import type { FaultCase, Outcome } from './fault-matrix.js'
import type { InProcessRun } from './in-process-action.js'

/*
 * Runs fault-matrix cases (fault-matrix.ts) against a fresh simulator each: after every attempt
 * the registry must be consistent; a failed attempt must say one clear thing without the token;
 * the last attempt of the same run must complete the promotion and duplicate nothing.
 */

function outcomeOf(result: InProcessRun): Outcome {
  if (result.errors.length === 0) return 'promote'
  return result.errors.some((line) => line.startsWith('modelgate blocked')) ? 'block' : 'error'
}

export function describeFaultMatrix(cases: readonly FaultCase[]): void {
  const rig = useFaultRig()

  describe.each([...new Set(cases.map((c) => c.operation))])('faults on %s', (operation) => {
    it.each(cases.filter((c) => c.operation === operation).map((c) => [c.kind, c] as const))(
      '%s',
      async (_kind: string, testCase: FaultCase) => {
        const { sim, runner, world } = rig
        for (const [index, attempt] of testCase.attempts.entries()) {
          sim.clearFaults()
          const injected = attempt.faults.map((fault) => sim.fault(fault))
          const result = await runner.run(promoteInputs, {
            runId: RUN,
            attempt: index + 1,
            sha: world.commits.v2
          })
          const where = `attempt ${index + 1}`
          // The fault must really have been met, or the case proves nothing.
          expect({ where, hit: injected.map((fault) => fault.hits > 0) }).toEqual({
            where,
            hit: injected.map(() => true)
          })
          expect({ where, outcome: outcomeOf(result), errors: result.errors }).toEqual({
            where,
            outcome: attempt.expect,
            errors: attempt.expect === 'promote' ? [] : [expect.any(String)]
          })
          if (attempt.expect === 'promote')
            expect(result.outputs).toMatchObject({ decision: 'promote', version: 'v2.0.0', stage: 'prod' })
          else {
            const [line] = result.errors
            expect(line).toMatch(/^modelgate: /)
            if (attempt.message) expect(line).toMatch(attempt.message)
            expect(line).not.toMatch(/unexpected error|\n\s+at /)
          }
          expect(result.everything).not.toContain(sim.token)
          expect({ where, problems: consistencyProblems(sim, world) }).toEqual({ where, problems: [] })
        }
        expect(completionProblems(sim, world)).toEqual([])
      }
    )
  })
}
