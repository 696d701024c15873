// Drift of 1,000,000 vs 1,000,000 rows (two numeric columns) end to end from CSV: modelgate beside
// pandas.read_csv + scipy.stats.ks_2samp + numpy PSI (Evidently's binning), in one run; then the
// same data as Parquet (snappy, written by DuckDB) beside modelgate's own CSV time.
//   npx tsx bench/drift.ts
import { execFileSync, spawnSync } from 'node:child_process'
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { interleavedMedians, type BenchRow } from './harness.js'

/** Rounds of the interleaved CSV / Parquet comparison. */
const PARQUET_ROUNDS = 5

const ROWS = 1_000_000
const HERE = fileURLToPath(import.meta.url)
const ROOT = join(HERE, '..', '..')

export interface DriftBenchResult {
  name: string
  modelgateSeconds: number
  referenceSeconds: number | null
  ratio: number | null
  notes: string
  parquet: { seconds: number; csvSeconds: number; ratio: number; notes: string } | null
}

/** The same data as Parquet (snappy, as pandas writes by default), through DuckDB. */
async function writeParquet(csv: string, parquet: string): Promise<boolean> {
  let duckdb: typeof import('@duckdb/node-api')
  try {
    duckdb = await import('@duckdb/node-api')
  } catch {
    return false
  }
  const db = await duckdb.DuckDBInstance.create(':memory:')
  const sql = await db.connect()
  await sql.run(
    `COPY (SELECT * FROM read_csv('${csv}', header = true, columns = {'amount': 'DOUBLE', 'latency': 'DOUBLE'})) TO '${parquet}' (FORMAT parquet, COMPRESSION snappy)`
  )
  sql.closeSync()
  return true
}

/** mulberry32: a small seeded generator, so every run compares the same data. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1) >>> 0
    t = (t ^ (t + (Math.imul(t ^ (t >>> 7), t | 61) >>> 0))) >>> 0
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Two columns: a bell shape (shifted in the current sample) and a skewed one; shortest repr, as pandas writes. */
async function writeSample(path: string, seed: number, shift: number): Promise<void> {
  const next = mulberry32(seed)
  const out = createWriteStream(path)
  const lines: string[] = ['amount,latency']
  for (let i = 0; i < ROWS; i++) {
    const bell = next() + next() + next() + next() - 2 + shift
    const skewed = -Math.log(1 - next()) * 40
    lines.push(`${bell},${skewed}`)
    if (lines.length === 10000) {
      if (!out.write(`${lines.join('\n')}\n`))
        await new Promise<void>((resolve) => out.once('drain', () => resolve()))
      lines.length = 0
    }
  }
  out.write(lines.length ? `${lines.join('\n')}\n` : '')
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve()))
  )
}

const PYTHON_SCRIPT = `
import sys, time, json
t0 = time.perf_counter()
import numpy as np, pandas as pd
from scipy.stats import ks_2samp
t1 = time.perf_counter()
ref = pd.read_csv(sys.argv[1]); cur = pd.read_csv(sys.argv[2])
out = {}
for col in ref.columns:
    a, b = ref[col], cur[col]
    ks = ks_2samp(a.values, b.values)
    bins = np.histogram_bin_edges(pd.concat([a, b]).values, bins='sturges')
    rp = np.histogram(a, bins)[0] / len(a); cp = np.histogram(b, bins)[0] / len(b)
    for p in (rp, cp):
        m = p[p != 0].min(); np.place(p, p == 0, m / 10**6 if m <= 0.0001 else 0.0001)
    out[col] = [float(ks.statistic), float(ks.pvalue), float(np.sum((rp - cp) * np.log(rp / cp)))]
t2 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "work": t2 - t1, "columns": out}))
`

function findPython(): string | null {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(candidate, ['-c', 'import numpy, pandas, scipy'], { stdio: 'ignore' })
      return candidate
    } catch {
      // next candidate
    }
  }
  return null
}

interface ChildResult {
  seconds: number
  maxRssMb: number
  columns: Record<string, [number, number, number]>
}

/** Child mode: run modelgate's drift on two files, report its own time and peak memory. */
async function child(reference: string, current: string): Promise<void> {
  const { driftOfFiles } = await import('../src/evidence/columns/drift.js')
  const start = performance.now()
  const report = await driftOfFiles({ file: reference, path: reference }, { file: current, path: current })
  const json = JSON.stringify(report)
  const seconds = (performance.now() - start) / 1000
  const columns = Object.fromEntries(
    report.columns.map((c) => [c.name, [c.ks_statistic, c.ks_pvalue, c.psi]])
  )
  process.stdout.write(
    JSON.stringify({ seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, columns, bytes: json.length })
  )
}

function runModelgate(reference: string, current: string): ChildResult & { wall: number } {
  const start = performance.now()
  const run = spawnSync(process.execPath, ['--import', 'tsx', HERE, '--child', reference, current], {
    cwd: ROOT,
    encoding: 'utf8'
  })
  const wall = (performance.now() - start) / 1000
  if (run.status !== 0) throw new Error(`modelgate drift failed: ${run.stderr}`)
  return { ...(JSON.parse(run.stdout) as ChildResult), wall }
}

/** The dist build end to end, when one exists (`npm run package`). */
function runDist(reference: string, current: string): number | null {
  const cli = join(ROOT, 'dist', 'cli.js')
  if (!existsSync(cli)) return null
  const start = performance.now()
  const run = spawnSync(
    process.execPath,
    [cli, 'drift', '--reference', reference, '--current', current, '--format', 'json'],
    {
      encoding: 'utf8'
    }
  )
  return run.status === 0 ? (performance.now() - start) / 1000 : null
}

export async function runDriftBench(): Promise<DriftBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-drift-bench-'))
  try {
    const reference = join(dir, 'reference.csv')
    const current = join(dir, 'current.csv')
    await writeSample(reference, 1, 0)
    await writeSample(current, 2, 0.004)
    const python = findPython()
    const ours = runModelgate(reference, current)
    const dist = runDist(reference, current)
    let pythonWall: number | null = null
    let pythonWork: number | null = null
    let agreement = ''
    if (python) {
      const start = performance.now()
      const out = execFileSync(python, ['-c', PYTHON_SCRIPT, reference, current], { encoding: 'utf8' })
      pythonWall = (performance.now() - start) / 1000
      const parsed = JSON.parse(out) as { work: number; columns: Record<string, [number, number, number]> }
      pythonWork = parsed.work
      const worst = Math.max(
        ...Object.entries(parsed.columns).flatMap(([name, values]) =>
          values.map((v, i) =>
            v === 0 ? Math.abs(ours.columns[name]![i]!) : Math.abs(ours.columns[name]![i]! / v - 1)
          )
        )
      )
      agreement = ` Largest relative difference from scipy/numpy over KS statistic, p-value and PSI: ${worst.toExponential(1)}.`
    }
    const modelgateSeconds = dist ?? ours.seconds
    const ratio = pythonWall === null ? null : modelgateSeconds / pythonWall
    let parquet: DriftBenchResult['parquet'] = null
    const refParquet = join(dir, 'reference.parquet')
    const curParquet = join(dir, 'current.parquet')
    if (await writeParquet(reference, refParquet)) {
      await writeParquet(current, curParquet)
      const parquetOurs = runModelgate(refParquet, curParquet)
      const same = JSON.stringify(parquetOurs.columns) === JSON.stringify(ours.columns)
      // Medians of CSV and Parquet runs taken in turn, so load on the shared machine falls on
      // both alike (one Parquet run against the better of two CSV runs favoured CSV).
      const cli = join(ROOT, 'dist', 'cli.js')
      const drift = (r: string, c: string) => ({
        command: process.execPath,
        args: [cli, 'drift', '--reference', r, '--current', c, '--format', 'json']
      })
      const [csvMedian, parquetMedian] =
        dist === null
          ? [ours.seconds, parquetOurs.seconds]
          : interleavedMedians([drift(reference, current), drift(refParquet, curParquet)], PARQUET_ROUNDS)
      const csvSeconds = csvMedian!
      const seconds = parquetMedian!
      const parquetDist = dist === null ? null : seconds
      parquet = {
        seconds,
        csvSeconds,
        ratio: seconds / csvSeconds,
        notes:
          `${(statSync(refParquet).size / 1e6).toFixed(0)} + ${(statSync(curParquet).size / 1e6).toFixed(0)} MB of Parquet (snappy, DuckDB). ` +
          (parquetDist === null
            ? `modelgate in-process from the sources ${parquetOurs.seconds.toFixed(2)} s`
            : `node dist/cli.js drift ${parquetDist.toFixed(2)} s (in-process ${parquetOurs.seconds.toFixed(2)} s)`) +
          `, peak RSS ${parquetOurs.maxRssMb.toFixed(0)} MB; CSV ${csvSeconds.toFixed(2)} s (medians of ${PARQUET_ROUNDS} interleaved runs each). ` +
          `Figures ${same ? 'identical to' : 'DIFFERENT from'} the CSV run.`
      }
    }
    const notes =
      `${ROWS.toLocaleString('en-US')} vs ${ROWS.toLocaleString('en-US')} rows, 2 numeric columns (${(statSync(reference).size / 1e6).toFixed(0)} + ${(statSync(current).size / 1e6).toFixed(0)} MB of CSV). ` +
      (dist === null
        ? `modelgate timed in-process from the TypeScript sources (no dist/cli.js; excludes Node start-up, ~0.05 s): ${ours.seconds.toFixed(2)} s, `
        : `modelgate: node dist/cli.js drift end to end ${dist.toFixed(2)} s (in-process ${ours.seconds.toFixed(2)} s), `) +
      `peak RSS ${ours.maxRssMb.toFixed(0)} MB. ` +
      (pythonWall === null
        ? 'Python with numpy, pandas and scipy not found: reference not run.'
        : `Python (${python}) wall ${pythonWall.toFixed(2)} s, of which imports ${(pythonWall - pythonWork!).toFixed(2)} s and work ${pythonWork!.toFixed(2)} s; ratio against the work alone ${(modelgateSeconds / pythonWork!).toFixed(2)}×.${agreement}`)
    return {
      name: 'drift 1M vs 1M rows',
      modelgateSeconds,
      referenceSeconds: pythonWall,
      ratio,
      notes,
      parquet
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

let cached: Promise<DriftBenchResult> | null = null
/** One run serves both rows (the data takes a while to write). */
const driftResult = (): Promise<DriftBenchResult> => (cached ??= runDriftBench())

/** The row `npm run bench` prints. */
export async function driftBench(): Promise<BenchRow> {
  const result = await driftResult()
  return {
    name: result.name,
    measured: `${result.modelgateSeconds.toFixed(3)} s`,
    reference:
      result.referenceSeconds === null ? 'n/a' : `${result.referenceSeconds.toFixed(3)} s (pandas+scipy)`,
    ratio: result.ratio,
    goal: '≤ 0.3× pandas + scipy',
    met: result.ratio === null ? null : result.ratio <= 0.3,
    notes: result.notes
  }
}

/** Drift from Parquet beside modelgate's own CSV time on the same data. */
export async function driftParquetBench(): Promise<BenchRow> {
  const { parquet } = await driftResult()
  return {
    name: 'drift 1M vs 1M rows, Parquet',
    measured: parquet ? `${parquet.seconds.toFixed(3)} s` : 'n/a',
    reference: parquet ? `${parquet.csvSeconds.toFixed(3)} s (modelgate, CSV)` : 'n/a',
    ratio: parquet?.ratio ?? null,
    goal: '≤ 1× CSV',
    met: parquet ? parquet.ratio <= 1 : null,
    notes: parquet?.notes ?? 'DuckDB (devDependency) not installed: no Parquet written.'
  }
}

if (process.argv[1] === HERE) {
  if (process.argv[2] === '--child') {
    await child(process.argv[3]!, process.argv[4]!)
  } else {
    const result = await runDriftBench()
    console.log(JSON.stringify(result, null, 2))
  }
}
