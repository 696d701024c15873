import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { interleavedMedians, seconds, type BenchRow } from './harness.js'

/**
 * A hostile CSV cell: 2 MB of digits ending in a letter, in a categorical column. A reader whose
 * decimal check backtracks would take hours on it; a linear one reads it as fast as a benign file
 * of the same size. Reference: `modelgate drift` on that benign file (same bytes, short cells).
 * Goal: under a second, as the threat model promises (docs/reliability.md).
 */
export async function hostileCellBench(runs = 7): Promise<BenchRow> {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-bench-hostile-'))
  try {
    const hostile = `${'1'.repeat(2_000_000)}x`
    const table = (cells: string[]): string => ['x,color', ...cells.map((c, i) => `${i},${c}`)].join('\n')
    writeFileSync(join(dir, 'ref.csv'), table(['red', 'blue', hostile, 'red']))
    writeFileSync(join(dir, 'cur.csv'), table(['red', hostile, 'blue', 'blue']))
    // The same number of bytes in ordinary rows.
    const benign = Array.from({ length: 200_000 }, (_, i) => (i % 2 === 0 ? 'redxxxxx' : 'bluexxxx'))
    writeFileSync(join(dir, 'ref-benign.csv'), table(benign))
    writeFileSync(join(dir, 'cur-benign.csv'), table(benign.slice().reverse()))
    const cli = resolve('dist/cli.js')
    const drift = (reference: string, current: string) => ({
      command: process.execPath,
      args: [cli, 'drift', '--reference', reference, '--current', current, '--format', 'json'],
      cwd: dir
    })
    const [measured, reference] = interleavedMedians(
      [drift('ref.csv', 'cur.csv'), drift('ref-benign.csv', 'cur-benign.csv')],
      runs
    ) as [number, number]
    return {
      name: 'drift, one 2 MB digit cell (CLI)',
      measured: seconds(measured),
      reference: `${seconds(reference)} same-size benign CSV`,
      ratio: measured / reference,
      goal: '< 1 s',
      met: measured < 1,
      notes: `median of ${runs} interleaved runs each`
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
