// `npm run bench`: every benchmark beside its named reference, in one run, with the ratio and
// the goal. Speed goals live here, never in timed unit tests.
import { driftBench, driftParquetBench } from './drift.js'
import { evaluateBench } from './evaluate.js'
import { hostileCellBench } from './hostile-cell.js'
import type { BenchRow } from './harness.js'
import { registryBench } from './registry.js'
import { actionColdStartBench } from './action-cold-start.js'
import { modelFileBench } from './model-file.js'
import { requestsBench } from './requests.js'

const benches: Array<() => Promise<BenchRow | BenchRow[]>> = [
  evaluateBench,
  actionColdStartBench,
  registryBench,
  requestsBench,
  driftBench,
  driftParquetBench,
  hostileCellBench,
  modelFileBench
]

const rows: BenchRow[] = []
for (const bench of benches) {
  const result = await bench()
  for (const row of Array.isArray(result) ? result : [result]) {
    rows.push(row)
    process.stderr.write(`done: ${row.name}\n`)
  }
}

const header = ['benchmark', 'modelgate', 'reference', 'ratio', 'goal', 'met']
const table = rows.map((row) => [
  row.name,
  row.measured,
  row.reference,
  row.ratio === null ? 'n/a' : `${row.ratio.toFixed(2)}×`,
  row.goal,
  row.met === null ? 'n/a' : row.met ? 'yes' : 'NO'
])
const widths = header.map((title, i) => Math.max(title.length, ...table.map((cells) => cells[i]!.length)))
const line = (cells: string[]): string =>
  cells
    .map((cell, i) => cell.padEnd(widths[i]!))
    .join('  ')
    .trimEnd()
console.log(line(header))
console.log(line(widths.map((width) => '-'.repeat(width))))
for (const cells of table) console.log(line(cells))
for (const row of rows) if (row.notes) console.log(`\n${row.name}: ${row.notes}`)
