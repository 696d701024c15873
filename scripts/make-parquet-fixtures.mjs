// Writes test/fixtures/parquet/: CSV samples and the same data as Parquet files written by DuckDB
// with each codec and layout real writers use (snappy, zstd, gzip, uncompressed; data pages v1 and
// v2; dictionary and RLE encodings; nullable columns; several row groups), plus files with a null
// and a NaN. The tests compare the figures from each Parquet file with those from the CSV.
//   node scripts/make-parquet-fixtures.mjs
import { DuckDBInstance } from '@duckdb/node-api'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const DIR = join(fileURLToPath(import.meta.url), '..', '..', 'test', 'fixtures', 'parquet')
mkdirSync(DIR, { recursive: true })

/** mulberry32: seeded, so the fixtures are the same on every run. */
function generator(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1) >>> 0
    t = (t ^ (t + (Math.imul(t ^ (t >>> 7), t | 61) >>> 0))) >>> 0
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A sample with a float column (amount), an integer column with many values (age), one with few
 * values (segment), text (country) and booleans (churned). Numbers are written in their shortest
 * round-trip form, as pandas and DuckDB write them, so the CSV holds exactly the Parquet doubles.
 */
function sample(seed, rows, shift) {
  const next = generator(seed)
  const countries = ['DE', 'FR', 'US', 'GB', 'IN']
  const lines = ['amount,age,segment,country,churned']
  for (let i = 0; i < rows; i++) {
    const amount = (next() + next() + next() - 1.5 + shift) * 100
    const age = 18 + Math.floor(next() * 60 + shift * 10)
    const segment = Math.floor(next() * 4)
    const country = countries[Math.floor(next() ** (1 + shift) * countries.length)]
    const churned = next() < 0.2 + shift / 10 ? 'True' : 'False'
    lines.push(`${amount},${age},${segment},${country},${churned}`)
  }
  return `${lines.join('\n')}\n`
}

function predictions(seed, rows) {
  const next = generator(seed)
  const lines = ['group,label,prediction']
  for (let i = 0; i < rows; i++) {
    const group = ['a', 'b', 'c'][Math.floor(next() * 3)]
    const label = next() < 0.4 ? 1 : 0
    const prediction = next() < (label ? 0.8 : 0.15) - (group === 'c' ? 0.1 : 0) ? 1 : 0
    lines.push(`${group},${label},${prediction}`)
  }
  return `${lines.join('\n')}\n`
}

writeFileSync(join(DIR, 'reference.csv'), sample(1, 5000, 0))
writeFileSync(join(DIR, 'current.csv'), sample(2, 4000, 0.3))
writeFileSync(join(DIR, 'predictions.csv'), predictions(3, 3000))

const db = await DuckDBInstance.create(':memory:')
const sql = await db.connect()
const SAMPLE_TYPES =
  "{'amount': 'DOUBLE', 'age': 'BIGINT', 'segment': 'INTEGER', 'country': 'VARCHAR', 'churned': 'BOOLEAN'}"
const read = (name) => `read_csv('${join(DIR, name)}', header = true, columns = ${SAMPLE_TYPES})`
const copy = async (query, name, options) =>
  sql.run(`COPY (${query}) TO '${join(DIR, name)}' (FORMAT parquet, ${options})`)

for (const codec of ['snappy', 'zstd', 'gzip', 'uncompressed']) {
  await copy(`SELECT * FROM ${read('reference.csv')}`, `reference.${codec}.parquet`, `COMPRESSION ${codec}`)
}
// Data pages v2 and small row groups (DuckDB splits at multiples of 2048 rows).
await copy(
  `SELECT * FROM ${read('current.csv')}`,
  'current.zstd-v2.parquet',
  'COMPRESSION zstd, PARQUET_VERSION V2, ROW_GROUP_SIZE 1024'
)
await copy(
  `SELECT * FROM ${read('current.csv')}`,
  'current.snappy.parquet',
  'COMPRESSION snappy, ROW_GROUP_SIZE 1024'
)
await copy(
  `SELECT * FROM read_csv('${join(DIR, 'predictions.csv')}', header = true, columns = {'group': 'VARCHAR', 'label': 'INTEGER', 'prediction': 'INTEGER'})`,
  'predictions.snappy.parquet',
  'COMPRESSION snappy'
)
// Failure cases: a null in a nullable column, and a NaN.
await copy(
  `SELECT CASE WHEN age = 40 THEN NULL ELSE amount END AS amount, country FROM ${read('current.csv')}`,
  'current.null.parquet',
  'COMPRESSION snappy'
)
await copy(
  `SELECT CASE WHEN age = 40 THEN 'NaN'::DOUBLE ELSE amount END AS amount, country FROM ${read('current.csv')}`,
  'current.nan.parquet',
  'COMPRESSION snappy'
)
// A timestamp column: refused with a message naming it.
await copy(
  `SELECT amount, TIMESTAMP '2024-01-01' + to_seconds(age) AS seen FROM ${read('current.csv')}`,
  'current.timestamp.parquet',
  'COMPRESSION snappy'
)
sql.closeSync()
console.log(`wrote ${DIR}`)
