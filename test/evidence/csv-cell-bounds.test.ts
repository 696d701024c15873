import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { runCli } from '../helpers/cli.js'
import { scratchDir } from '../helpers/tmp.js'

/*
 * A hostile CSV cell (issue "Trust the verdict", section 7): one cell of 2 MB of digits that is
 * not a number (it ends in a letter). The decimal check that normalises categories used to
 * backtrack quadratically on it (160,000 digits took ~25 s, so 2 MB would take over an hour);
 * reading it must stay linear. No wall-clock assertion here (timings belong in the bench): the
 * test's own timeout is the guard, three orders of magnitude above a linear read.
 */

const HOSTILE = `${'1'.repeat(2_000_000)}x`

let scratch: ReturnType<typeof scratchDir>
beforeEach(() => {
  const rows = (colors: string[]) => ['x,color', ...colors.map((c, i) => `${i},${c}`)].join('\n')
  scratch = scratchDir({
    'ref.csv': rows(['red', 'blue', HOSTILE, 'red']),
    'cur.csv': rows(['red', HOSTILE, 'blue', 'blue']),
    'preds.csv': ['grp,y,yhat', `${HOSTILE},1,1`, `${HOSTILE},0,0`, 'b,1,0', 'b,0,1'].join('\n'),
    'labels.csv': ['grp,y,yhat', `a,${HOSTILE},1`, 'a,1,0', 'b,1,1', 'b,1,0'].join('\n')
  })
})
afterEach(() => scratch.cleanup())

// Load the commands' modules once, so the timeouts below are spent reading, not compiling.
beforeAll(async () => {
  const warm = scratchDir({ 'a.csv': 'x,g,y\n1,a,1\n2,b,0\n', 'b.csv': 'x,g,y\n1,a,1\n3,b,0\n' })
  await runCli(['drift', '--reference', 'a.csv', '--current', 'b.csv'], { cwd: warm.dir })
  await runCli(['fairness', '--predictions', 'a.csv', '--group', 'g', '--label', 'y', '--prediction', 'y'], {
    cwd: warm.dir
  })
  warm.cleanup()
}, 60_000)

const cli = (argv: string[]) => runCli(argv, { cwd: scratch.dir })

describe('a 2 MB digit cell', () => {
  it('drift reads it as a category, without backtracking', async () => {
    const run = await cli(['drift', '--reference', 'ref.csv', '--current', 'cur.csv', '--format', 'json'])
    expect(run.code).toBe(0)
    const color = JSON.parse(run.stdout).columns.find((c: { name: string }) => c.name === 'color')
    expect(color.kind).toBe('categorical')
  }, 30_000)

  it('fairness compares it with the positive label, without backtracking', async () => {
    const groups = await cli([
      'fairness',
      '--predictions',
      'preds.csv',
      '--group',
      'grp',
      '--label',
      'y',
      '--prediction',
      'yhat',
      '--format',
      'json'
    ])
    expect(groups.code).toBe(0)
    const labels = await cli([
      'fairness',
      '--predictions',
      'labels.csv',
      '--group',
      'grp',
      '--label',
      'y',
      '--prediction',
      'yhat'
    ])
    expect(labels.code).toBe(0)
  }, 30_000)
})
