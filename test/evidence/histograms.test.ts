import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { DuckDBInstance } from '@duckdb/node-api'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { driftOfFiles } from '../../src/evidence/columns/drift.js'
import { driftOfHistogramFile, parseHistograms } from '../../src/evidence/columns/histograms.js'
import { EvidenceError } from '../../src/errors.js'
import { driftOfHistograms, KS_FROM_BINS_NOTE } from '../../src/stats/histogram.js'
import { runCli } from '../helpers/cli.js'
import { scratchDir } from '../helpers/tmp.js'

/*
 * Drift from warehouse histograms: the DuckDB query in docs/statistics.md, run for real on the
 * data of a CSV drift test, gives the CSV figures; the file is validated strictly.
 */

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..')
const FIXTURES = join(ROOT, 'test', 'fixtures', 'parquet')

/** The DuckDB query exactly as docs/statistics.md shows it. */
function documentedDuckdbSql(): string {
  const doc = readFileSync(join(ROOT, 'docs', 'statistics.md'), 'utf8')
  const match = /<!-- histogram-sql-duckdb -->\n```sql\n([\s\S]*?)```/.exec(doc)
  if (!match) throw new Error('docs/statistics.md has no DuckDB histogram query')
  return match[1]!
}

async function histogramsFromDuckdb(): Promise<string> {
  const db = await DuckDBInstance.create(':memory:')
  const sql = await db.connect()
  try {
    await sql.run(`CREATE TABLE reference AS SELECT * FROM read_csv('${join(FIXTURES, 'reference.csv')}')`)
    await sql.run(`CREATE TABLE current AS SELECT * FROM read_csv('${join(FIXTURES, 'current.csv')}')`)
    const result = await sql.runAndReadAll(documentedDuckdbSql())
    return String(result.getRows()[0]![0])
  } finally {
    sql.closeSync()
  }
}

const relative = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.abs(b))

describe('the documented DuckDB query', () => {
  it('gives the PSI and chi-square p-value of drift on the raw CSV rows (1e-9)', async () => {
    const json = await histogramsFromDuckdb()
    const fromBins = driftOfHistogramFile({ file: 'histograms.json', bytes: Buffer.from(json) })
    const fromRows = await driftOfFiles(
      { file: 'reference.csv', path: join(FIXTURES, 'reference.csv') },
      { file: 'current.csv', path: join(FIXTURES, 'current.csv') },
      { columns: ['amount', 'country'] }
    )
    const [amount, country] = fromBins.columns
    const [rowsAmount, rowsCountry] = fromRows.columns
    expect(rowsAmount!.psi_binning).toBe('sturges')
    expect(amount!.psi_bins).toBe(rowsAmount!.psi_bins)
    expect(relative(amount!.psi, rowsAmount!.psi)).toBeLessThan(1e-9)
    expect(relative(country!.psi, rowsCountry!.psi)).toBeLessThan(1e-9)
    expect(relative(country!.chi2_pvalue!, rowsCountry!.chi2_pvalue!)).toBeLessThan(1e-9)
    expect(relative(fromBins.max_psi!, fromRows.max_psi!)).toBeLessThan(1e-9)
    expect(amount).toMatchObject({
      kind: 'numeric',
      ks_statistic: null,
      ks_pvalue: null,
      ks_method: null,
      chi2_pvalue: null,
      psi_binning: 'given',
      reference_n: rowsAmount!.reference_n,
      current_n: rowsAmount!.current_n,
      note: KS_FROM_BINS_NOTE
    })
    expect(fromBins.min_ks_pvalue).toBeNull()
  }, 60_000)
})

describe('PSI on given bins follows Evidently', () => {
  it('shares, the zero-share fill and the sum in bin order', () => {
    const report = driftOfHistograms([
      { name: 'x', kind: 'numeric', edges: [0, 1, 2, 3], reference: [6, 4, 0], current: [2, 2, 4] }
    ])
    // reference shares 0.6, 0.4, 0 → 0.0001 (smallest non-zero share 0.4 > 0.0001)
    const ref = [0.6, 0.4, 0.0001]
    const cur = [0.25, 0.25, 0.5]
    const expected = ref.reduce((sum, r, i) => sum + (r - cur[i]!) * Math.log(r / cur[i]!), 0)
    expect(report.columns[0]!.psi).toBe(expected)
    expect(report.max_psi).toBe(expected)
  })

  it('a tiny smallest share fills zeros with a millionth of it', () => {
    const report = driftOfHistograms([
      { name: 'x', kind: 'numeric', edges: [0, 1, 2, 3], reference: [99999, 1, 0], current: [1, 1, 1] }
    ])
    const small = 1 / 100000
    const ref = [99999 / 100000, small, small / 1e6]
    const expected = ref.reduce((sum, r) => sum + (r - 1 / 3) * Math.log(r / (1 / 3)), 0)
    expect(report.columns[0]!.psi).toBeCloseTo(expected, 12)
  })

  it('categorical columns compare the union of categories, with the chi-square p-value', () => {
    const report = driftOfHistograms([
      {
        name: 'c',
        kind: 'categorical',
        reference: new Map([
          ['DE', 50],
          ['FR', 50]
        ]),
        current: new Map([
          ['DE', 50],
          ['US', 50]
        ])
      }
    ])
    const column = report.columns[0]!
    expect(column.psi_bins).toBe(3)
    // US never in the reference: the expected count is 0, so the statistic is infinite.
    expect(column.chi2_pvalue).toBe(0)
    expect(column.ks_pvalue).toBeNull()
  })
})

describe('histogram files are validated strictly, naming file and key', () => {
  const numeric = { name: 'x', kind: 'numeric', edges: [0, 1, 2], reference: [1, 2], current: [3, 4] }
  const cases: Array<[string, unknown, RegExp]> = [
    ['not an object', [], /^h.json: expected an object with "columns", found a list/],
    ['unknown top-level key', { columns: [numeric], extra: 1 }, /^h.json extra: unknown key "extra"/],
    ['no columns', { columns: [] }, /^h.json columns: no columns/],
    [
      'negative count',
      { columns: [{ ...numeric, reference: [1, -2] }] },
      /^h.json columns\[0\].reference\[1\]: a count must be a non-negative integer below 2\^53, not -2/
    ],
    [
      'fractional count',
      { columns: [{ ...numeric, current: [3, 4.5] }] },
      /columns\[0\].current\[1\]: a count must be a non-negative integer below 2\^53, not 4.5/
    ],
    [
      'count as a string',
      { columns: [{ ...numeric, current: [3, '4'] }] },
      /columns\[0\].current\[1\]: a count must be .*, not string/
    ],
    [
      'count beyond 2^53',
      { columns: [{ ...numeric, current: [3, 2 ** 53] }] },
      /columns\[0\].current\[1\]: a count must be a non-negative integer below 2\^53/
    ],
    [
      'counts adding up beyond 2^53',
      { columns: [{ ...numeric, current: [2 ** 52, 2 ** 52] }] },
      /columns\[0\].current: the counts add up to 2\^53 or more/
    ],
    [
      'edges not increasing',
      { columns: [{ ...numeric, edges: [0, 2, 2] }] },
      /columns\[0\].edges\[2\]: edges must increase: 2 follows 2/
    ],
    [
      'edge not a number',
      { columns: [{ ...numeric, edges: [0, '1', 2] }] },
      /columns\[0\].edges\[1\]: an edge must be a finite number, not string/
    ],
    [
      "Python's Infinity as an edge",
      '{"columns": [{"name": "x", "kind": "numeric", "edges": [0, 1, Infinity], "reference": [1, 2], "current": [3, 4]}]}',
      /^h.json columns\[0\].edges\[2\]: an edge must be a finite number, not Infinity/
    ],
    [
      "Python's NaN as a count",
      '{"columns": [{"name": "x", "kind": "numeric", "edges": [0, 1, 2], "reference": [NaN, 2], "current": [3, 4]}]}',
      /^h.json columns\[0\].reference\[0\]: a count must be a non-negative integer below 2\^53, not NaN/
    ],
    [
      "Python's NaN as a category count",
      '{"columns": [{"name": "c", "kind": "categorical", "reference": {"a": NaN}, "current": {"a": 1}}]}',
      /^h.json columns\[0\].reference\["a"\]: a count must be .*, not NaN/
    ],
    [
      'more categories than allowed',
      JSON.stringify({
        columns: [
          {
            name: 'c',
            kind: 'categorical',
            reference: Object.fromEntries(Array.from({ length: 100_001 }, (_, i) => [`k${i}`, 1])),
            current: { k0: 1 }
          }
        ]
      }),
      /^h.json columns\[0\].reference: 100001 categories; at most 100000/
    ],
    [
      'counts and bins differ',
      { columns: [{ ...numeric, reference: [1, 2, 3] }] },
      /columns\[0\].reference: 3 counts for 2 bins \(3 edges\)/
    ],
    [
      'empty sample',
      { columns: [{ ...numeric, current: [0, 0] }] },
      /columns\[0\].current: the sample is empty/
    ],
    [
      'unknown key in a column',
      { columns: [{ ...numeric, bins: 2 }] },
      /columns\[0\].bins: unknown key "bins"/
    ],
    ['a name twice', { columns: [numeric, numeric] }, /columns\[1\].name: column "x" appears twice/],
    [
      'unknown kind',
      { columns: [{ ...numeric, kind: 'ordinal' }] },
      /columns\[0\].kind: "kind" must be "numeric" or "categorical", not "ordinal"/
    ],
    [
      'categories as a list',
      { columns: [{ name: 'c', kind: 'categorical', reference: [1], current: { a: 1 } }] },
      /columns\[0\].reference: expected an object of category counts, found a list/
    ],
    [
      'category count negative',
      { columns: [{ name: 'c', kind: 'categorical', reference: { a: 1 }, current: { a: -1 } }] },
      /columns\[0\].current\["a"\]: a count must be a non-negative integer/
    ],
    [
      'too many bins',
      {
        columns: [
          {
            ...numeric,
            edges: Array.from({ length: 10_002 }, (_, i) => i),
            reference: new Array(10_001).fill(1),
            current: new Array(10_001).fill(1)
          }
        ]
      },
      /columns\[0\].edges: 10002 edges; between 2 and 10001/
    ]
  ]
  it.each(cases)('%s', (_, document, message) => {
    let error: unknown
    try {
      if (typeof document === 'string') driftOfHistogramFile({ file: 'h.json', bytes: Buffer.from(document) })
      else parseHistograms(document, 'h.json')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(EvidenceError)
    expect((error as EvidenceError).format()).toMatch(message)
  })

  it('a key given twice in the JSON is refused', () => {
    const text =
      '{"columns": [{"name": "c", "kind": "categorical",\n "reference": {"DE": 1, "DE": 1000}, "current": {"DE": 1}}]}'
    expect(() => driftOfHistogramFile({ file: 'h.json', bytes: Buffer.from(text) })).toThrow(
      /duplicate key "DE"/
    )
  })

  it('a category named __proto__ is a category like any other', () => {
    const report = driftOfHistogramFile({
      file: 'h.json',
      bytes: Buffer.from(
        '{"columns": [{"name": "c", "kind": "categorical", "reference": {"__proto__": 5, "a": 5}, "current": {"__proto__": 1, "a": 9}}]}'
      )
    })
    expect(report.columns[0]!.psi_bins).toBe(2)
    expect(report.columns[0]!.reference_n).toBe(10)
  })
})

describe('modelgate drift --histograms and format: histogram', () => {
  let scratch: ReturnType<typeof scratchDir>
  const FILE = JSON.stringify({
    columns: [
      {
        name: 'amount',
        kind: 'numeric',
        edges: [0, 10, 20, 30],
        reference: [50, 30, 20],
        current: [20, 30, 50]
      },
      { name: 'country', kind: 'categorical', reference: { DE: 60, FR: 40 }, current: { DE: 55, FR: 45 } }
    ]
  })
  beforeEach(() => {
    scratch = scratchDir({ 'hist.json': FILE })
  })
  afterEach(() => scratch.cleanup())

  it('prints the drift report shape, and a note in text', async () => {
    const json = await runCli(['drift', '--histograms', 'hist.json', '--format', 'json'], {
      cwd: scratch.dir
    })
    expect(json.code).toBe(0)
    const report = JSON.parse(json.stdout)
    expect(report.histograms).toBe('hist.json')
    expect(report.columns.map((c: { name: string }) => c.name)).toEqual(['amount', 'country'])
    expect(report.max_psi).toBe(report.columns[0].psi)
    expect(report.columns[0].psi).toBeGreaterThan(0.3)
    const text = await runCli(['drift', '--histograms', 'hist.json', '--columns', 'country'], {
      cwd: scratch.dir
    })
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/^column\s+kind/)
    expect(text.stdout).not.toMatch(/amount/)
    const both = await runCli(['drift', '--histograms', 'hist.json', '--reference', 'a.csv'], {
      cwd: scratch.dir
    })
    expect(both.code).toBe(2)
    expect(both.stderr).toMatch(/either --histograms or --reference and --current/)
    const neither = await runCli(['drift'], { cwd: scratch.dir })
    expect(neither.code).toBe(2)
    expect(neither.stderr).toMatch(/--reference and --current \(or --histograms\)/)
    const text2 = await runCli(['drift', '--histograms', 'hist.json'], { cwd: scratch.dir })
    expect(text2.stdout).toMatch(/KS compares raw values/)
  })

  it('a malformed file exits 2 naming file and key', async () => {
    scratch.write(
      'bad.json',
      '{"columns": [{"name": "x", "kind": "numeric", "edges": [0, 1], "reference": [1], "current": [-1]}]}'
    )
    const run = await runCli(['drift', '--histograms', 'bad.json'], { cwd: scratch.dir })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/bad.json columns\[0\].current\[0\]: a count must be a non-negative integer/)
  })

  it('gates read psi and chi2_pvalue; a gate on a KS figure is an error, never a pass', async () => {
    scratch.write(
      'policy.yaml',
      `version: 1
model: m
stages: [dev, staging]
evidence:
  drift: { format: histogram, path: hist.json }
transitions:
  - to: staging
    gates:
      - { id: psi, metric: drift.max_psi, max: 0.2 }
      - { id: country, metric: drift.columns.country.psi, max: 0.2 }
      - { id: chi2, metric: drift.columns.country.chi2_pvalue, min: 0.05 }
      - { id: ks, metric: drift.min_ks_pvalue, min: 0.05 }
`
    )
    const run = await runCli(
      [
        'evaluate',
        '--policy',
        'policy.yaml',
        '--model',
        'm',
        '--version',
        '1.0.0',
        '--to',
        'staging',
        '--format',
        'json'
      ],
      { cwd: scratch.dir }
    )
    expect(run.code).toBe(1)
    const statuses = JSON.parse(run.stdout).gates.map((g: { id: string; status: string }) => [g.id, g.status])
    expect(statuses).toEqual([
      ['psi', 'fail'],
      ['country', 'pass'],
      ['chi2', 'pass'],
      ['ks', 'error']
    ])
  })
})
