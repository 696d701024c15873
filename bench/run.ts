// `npm run bench`: every benchmark side by side with its named reference, in one run.
// Speed goals live here, never in timed unit tests.
import { runDriftBench } from './drift.js'
import { runRegistryBench } from './registry.js'
import { runRequestsBench } from './requests.js'

interface Row {
  name: string
  measured: string
  reference: string
  ratio: string
  goal: string
  notes?: string
}

const seconds = (value: number | null | undefined): string => (value == null ? 'n/a' : `${value.toFixed(3)} s`)
const ratioText = (value: number | null | undefined): string => (value == null ? 'n/a' : `${value.toFixed(2)}×`)

async function main(): Promise<void> {
  const rows: Row[] = []

  const registry = await runRegistryBench()
  rows.push({
    name: registry.name,
    measured: seconds(registry.modelgateSeconds),
    reference: `${seconds(registry.referenceSeconds)} (node -e 0 + git for-each-ref)`,
    ratio: ratioText(registry.ratio),
    goal: '≤ 1.5×',
    notes: registry.notes
  })

  const requests = await runRequestsBench()
  rows.push({
    name: requests.name,
    measured: `${requests.requests} requests, ${requests.storageBytes} storage bytes`,
    reference: `floor ${requests.floor} requests, 256 KiB`,
    ratio: ratioText(requests.requests / requests.floor),
    goal: '1.00×, ≤ 256 KiB',
    notes: requests.notes
  })

  const drift = await runDriftBench()
  rows.push({
    name: drift.name,
    measured: seconds(drift.modelgateSeconds),
    reference: `${seconds(drift.referenceSeconds)} (pandas + scipy + numpy)`,
    ratio: ratioText(drift.ratio),
    goal: '≤ 0.5×',
    notes: drift.notes
  })

  const headers = ['benchmark', 'modelgate', 'reference', 'ratio', 'goal'] as const
  const table = rows.map((row) => [row.name, row.measured, row.reference, row.ratio, row.goal])
  const widths = headers.map((header, i) => Math.max(header.length, ...table.map((cells) => cells[i]!.length)))
  const line = (cells: readonly string[]): string => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')
  console.log(line(headers))
  console.log(line(widths.map((width) => '-'.repeat(width))))
  for (const cells of table) console.log(line(cells))
  for (const row of rows) if (row.notes) console.log(`\n${row.name}: ${row.notes}`)
}

await main()
