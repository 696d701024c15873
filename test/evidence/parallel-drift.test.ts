import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { scratchDir } from '../helpers/tmp.js'

/*
 * CSV drift parses the current file on a worker thread. Its results must be exactly those of the
 * one-thread path (MODELGATE_NO_WORKERS=1), including every error, which the main thread words
 * by reading again with the reference's column kinds.
 */

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..')
const CHILD = join(ROOT, 'test', 'helpers', 'drift-child.ts')

interface Outcome {
  workers: boolean
  report?: any
  error?: string
}

/** Every pair's drift on a worker thread and on one thread, from one child process. */
function driftAll(pairs: Array<[string, string]>): Map<string, { parallel: Outcome; sequential: Outcome }> {
  const run = spawnSync(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(pairs)], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' }
  })
  if (run.status !== 0) throw new Error(run.stderr)
  const results = JSON.parse(run.stdout) as Array<{ parallel: Outcome; sequential: Outcome }>
  return new Map(pairs.map(([reference, current], i) => [`${reference} ${current}`, results[i]!]))
}

let scratch: ReturnType<typeof scratchDir>
const rows = (n: number, f: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => f(i)).join('\n')
beforeAll(() => {
  scratch = scratchDir({
    'ref.csv': `x,y,c\n${rows(3000, (i) => `${Math.sin(i) * 10},${i % 7},${['a', 'b'][i % 2]}`)}\n`,
    'cur.csv': `x,y,c\n${rows(2000, (i) => `${Math.cos(i) * 11 + 1},${i % 5},${['a', 'c'][i % 2]}`)}\n`,
    // y numeric in the reference, a word on line 5 of the current file
    'cur-word.csv': `x,y,c\n${rows(3, (i) => `${i},${i},a`)}\n1,oops,a\n`,
    // y categorical in the reference, numeric in the current: read again with the reference's kinds
    'ref-cat.csv': `x,y,c\n1,red,a\n2,1.0,b\n3,2,a\n`,
    'cur-num.csv': `x,y,c\n1,1,a\n2,2,b\n3,1,a\n`,
    'cur-extra.csv': `x,y,c,z\n1,1,a,9\n`,
    'cur-missing.csv': `x,c\n1,a\n`
  })
})
afterAll(() => scratch.cleanup())
const file = (name: string): string => join(scratch.dir, name)
const FIXTURES = join(ROOT, 'test', 'fixtures', 'parquet')

const CSV_PAIRS: Array<[string, string]> = [
  ['ref.csv', 'cur.csv'],
  ['ref.csv', 'cur-word.csv'],
  ['ref-cat.csv', 'cur-num.csv'],
  ['ref.csv', 'cur-extra.csv'],
  ['ref.csv', 'cur-missing.csv'],
  ['ref.csv', 'no-such.csv']
]
const PARQUET_PAIRS: Array<[string, string]> = [
  ['reference.snappy.parquet', 'current.zstd-v2.parquet'],
  ['reference.csv', 'current.snappy.parquet'],
  ['reference.zstd.parquet', 'current.null.parquet']
]
let outcomes: ReturnType<typeof driftAll>
beforeAll(() => {
  outcomes = driftAll([
    ...CSV_PAIRS.map(([r, c]): [string, string] => [file(r), file(c)]),
    ...PARQUET_PAIRS.map(([r, c]): [string, string] => [join(FIXTURES, r), join(FIXTURES, c)])
  ])
}, 120_000)

describe('drift with the current file parsed on a worker thread', () => {
  it.each(CSV_PAIRS)('%s vs %s: the same report or error as on one thread', (reference, current) => {
    const { parallel, sequential } = outcomes.get(`${file(reference)} ${file(current)}`)!
    expect(parallel.workers).toBe(true)
    expect(sequential.workers).toBe(false)
    expect({ ...parallel, workers: null }).toEqual({ ...sequential, workers: null })
    if (current === 'cur-word.csv')
      expect(parallel.error).toBe('current:5: column "y": "oops" is not a number, but the column is numeric')
    if (current === 'cur.csv') expect(parallel.report.columns).toHaveLength(3)
    if (current === 'cur-num.csv') expect(parallel.report.columns[1].kind).toBe('categorical')
  })

  it.each(PARQUET_PAIRS)(
    'Parquet %s vs %s: the same report or error as on one thread',
    (reference, current) => {
      const { parallel, sequential } = outcomes.get(
        `${join(FIXTURES, reference)} ${join(FIXTURES, current)}`
      )!
      expect(parallel.workers).toBe(true)
      expect({ ...parallel, workers: null }).toEqual({ ...sequential, workers: null })
      if (current === 'current.null.parquet') expect(parallel.error).toMatch(/^current: no column "age"/)
      else expect(parallel.report.columns).toHaveLength(5)
    }
  )
})
