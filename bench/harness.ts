import { execFileSync } from 'node:child_process'
import { performance } from 'node:perf_hooks'

/** One line of `npm run bench`: what we measured, the named reference beside it, and the goal. */
export interface BenchRow {
  name: string
  measured: string
  reference: string
  /** measured / reference, or null when the reference could not run here. */
  ratio: number | null
  goal: string
  met: boolean | null
  notes?: string
}

/** Median wall time of `runs` executions of a command, in seconds. */
export function medianSeconds(
  command: string,
  args: string[],
  runs: number,
  options: { cwd?: string } = {}
): number {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    execFileSync(command, args, { cwd: options.cwd, stdio: ['ignore', 'ignore', 'pipe'] })
    times.push((performance.now() - start) / 1000)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

/**
 * Medians of several commands run in turn, round after round, so that load from anything else on
 * the machine falls on all of them alike rather than on whichever ran during a busy moment.
 */
export function interleavedMedians(
  commands: ReadonlyArray<{ command: string; args: string[]; cwd?: string; env?: NodeJS.ProcessEnv }>,
  runs: number
): number[] {
  const times = commands.map(() => [] as number[])
  for (let round = 0; round < runs; round++) {
    commands.forEach(({ command, args, cwd, env }, i) => {
      const start = performance.now()
      execFileSync(command, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] })
      times[i]!.push((performance.now() - start) / 1000)
    })
  }
  return times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!)
}

export const seconds = (value: number): string => `${value.toFixed(3)} s`
