import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { runCli } from '../helpers/cli.js'
import { scratchDir } from '../helpers/tmp.js'
import { progressReporter } from '../../src/cli/commands/drift.js'

/* `modelgate drift`, `modelgate fairness`, and the `samples` / `predictions` evidence formats. */

const REFERENCE = [
  'x,color',
  ...Array.from({ length: 40 }, (_, i) => `${i / 4},${['red', 'blue'][i % 2]}`)
].join('\n')
const CURRENT = [
  'x,color',
  ...Array.from({ length: 30 }, (_, i) => `${i / 3 + 2},${['red', 'green'][i % 2]}`)
].join('\n')
const PREDICTIONS = [
  'grp,y,yhat',
  'a,1,1',
  'a,1,0',
  'a,0,0',
  'a,0,1',
  'b,1,1',
  'b,1,1',
  'b,0,0',
  'b,0,0'
].join('\n')

let scratch: ReturnType<typeof scratchDir>
beforeEach(() => {
  scratch = scratchDir({ 'ref.csv': REFERENCE, 'cur.csv': CURRENT, 'preds.csv': PREDICTIONS })
})
afterEach(() => scratch.cleanup())

describe('modelgate drift', () => {
  it('prints the JSON shape of docs/statistics.md, one entry per column', async () => {
    const run = await runCli(
      ['drift', '--reference', 'ref.csv', '--current', 'cur.csv', '--format', 'json'],
      {
        cwd: scratch.dir
      }
    )
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout)
    expect(report.columns.map((c: { name: string }) => c.name)).toEqual(['x', 'color'])
    const [x, color] = report.columns
    expect(x).toMatchObject({ kind: 'numeric', ks_method: 'exact', reference_n: 40, current_n: 30 })
    expect(x.psi).toBeGreaterThan(0)
    expect(x.ks_statistic).toBeGreaterThan(0)
    expect(x.ks_pvalue).toBeGreaterThan(0)
    expect(color).toMatchObject({ kind: 'categorical', ks_statistic: null, ks_pvalue: null, ks_method: null })
    expect(color.chi2_pvalue).toBe(0) // "green" never appears in the reference
    expect(report.max_psi).toBe(Math.max(x.psi, color.psi))
    expect(report.min_ks_pvalue).toBe(x.ks_pvalue)
  })

  it('prints an aligned table by default and honours --columns', async () => {
    const run = await runCli(['drift', '--reference', 'ref.csv', '--current', 'cur.csv', '--columns', 'x'], {
      cwd: scratch.dir
    })
    expect(run.code).toBe(0)
    const lines = run.stdout.split('\n')
    expect(lines[0]).toMatch(/^column\s+kind\s+psi\s+ks_stat\s+ks_pvalue/)
    expect(lines[1]).toMatch(/^x\s+numeric\s+\d/)
    expect(run.stdout).not.toMatch(/color/)
  })

  it('exits 2 with file, line and column for a word in a numeric column', async () => {
    scratch.write('bad.csv', 'x,color\n1,red\n2,blue\nlots,red\n')
    const run = await runCli(['drift', '--reference', 'ref.csv', '--current', 'bad.csv'], {
      cwd: scratch.dir
    })
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(
      'modelgate: bad.csv:4: column "x": "lots" is not a number, but the column is numeric\n'
    )
  })

  it('exits 2 when the files have different columns', async () => {
    scratch.write('extra.csv', 'x,color,size\n1,red,3\n')
    const missing = await runCli(['drift', '--reference', 'extra.csv', '--current', 'cur.csv'], {
      cwd: scratch.dir
    })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/cur\.csv:1: no column "size"/)
    const extra = await runCli(['drift', '--reference', 'ref.csv', '--current', 'extra.csv'], {
      cwd: scratch.dir
    })
    expect(extra.code).toBe(2)
    expect(extra.stderr).toMatch(/extra\.csv:1: column "size" not in the reference/)
    const absent = await runCli(['drift', '--reference', 'nope.csv', '--current', 'cur.csv'], {
      cwd: scratch.dir
    })
    expect(absent.stderr).toBe('modelgate: nope.csv: no such file\n')
  })
})

describe('modelgate fairness', () => {
  it('prints groups and gaps as JSON', async () => {
    const run = await runCli(
      [
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
      ],
      { cwd: scratch.dir }
    )
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout)
    expect(report.groups).toEqual([
      { group: 'a', n: 4, positives: 2, negatives: 2, tpr: 0.5, fpr: 0.5, selection_rate: 0.5 },
      { group: 'b', n: 4, positives: 2, negatives: 2, tpr: 1, fpr: 0, selection_rate: 0.5 }
    ])
    expect(report).toMatchObject({
      tpr_gap: 0.5,
      fpr_gap: 0.5,
      demographic_parity_difference: 0,
      equalized_odds_difference: 0.5,
      demographic_parity_ratio: 1,
      equalized_odds_ratio: 0
    })
  })

  it('prints a table, and refuses non-binary predictions', async () => {
    const run = await runCli(
      ['fairness', '--predictions', 'preds.csv', '--group', 'grp', '--label', 'y', '--prediction', 'yhat'],
      {
        cwd: scratch.dir
      }
    )
    expect(run.stdout).toMatch(/^group\s+n\s+positives/)
    expect(run.stdout).toMatch(/equalized_odds_difference\s+0\.5000/)
    scratch.write('scores.csv', 'grp,y,score\na,1,0.9\na,0,0.2\nb,1,0.4\n')
    const scores = await runCli(
      ['fairness', '--predictions', 'scores.csv', '--group', 'grp', '--label', 'y', '--prediction', 'score'],
      {
        cwd: scratch.dir
      }
    )
    expect(scores.code).toBe(2)
    expect(scores.stderr).toMatch(/column "score" has 3 distinct values/)
  })
})

describe('samples and predictions evidence in gates', () => {
  const POLICY = `version: 1
model: m
stages: [dev, staging, prod]
evidence:
  drift: { format: samples, reference: ref.csv, current: cur.csv }
  fair: { format: predictions, path: preds.csv, group: grp, label: y, prediction: yhat }
transitions:
  - to: staging
    gates:
      - { id: psi, metric: drift.max_psi, below: 100 }
      - { id: ks, metric: drift.columns.x.ks_pvalue, min: 0 }
      - { id: tpr-gap, metric: fair.tpr_gap, max: 0.6 }
`
  it('computes drift and fairness for the gates', async () => {
    scratch.write('policy.yaml', POLICY)
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
    const decision = JSON.parse(run.stdout)
    expect(decision.gates.map((g: { status: string }) => g.status)).toEqual(['pass', 'pass', 'pass'])
    expect(run.code).toBe(0)
  })

  it('a gap that cannot be computed is an error, never a pass', async () => {
    scratch.write('policy.yaml', POLICY)
    scratch.write('preds.csv', 'grp,y,yhat\na,1,1\na,0,0\nb,0,1\nb,0,0\n')
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
    const gate = JSON.parse(run.stdout).gates.find((g: { id: string }) => g.id === 'tpr-gap')
    expect(gate.status).toBe('error')
  })
})

describe('samples and predictions evidence errors', () => {
  it('names what a samples or predictions spec lacks', async () => {
    scratch.write(
      'policy.yaml',
      `version: 1
model: m
stages: [dev, staging]
evidence:
  drift: { format: samples, reference: ref.csv }
transitions:
  - to: staging
    gates:
      - { id: psi, metric: drift.max_psi, below: 0.2 }
`
    )
    const run = await runCli(
      ['evaluate', '--policy', 'policy.yaml', '--model', 'm', '--version', '1.0.0', '--to', 'staging'],
      {
        cwd: scratch.dir
      }
    )
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/evidence.drift: samples evidence needs both reference and current/)
  })
})

describe('progress', () => {
  it('reports only after a second, then at most once a second', () => {
    let clock = 0
    const lines: string[] = []
    const report = progressReporter(
      (t) => lines.push(t),
      () => clock
    )
    const progress = { file: 'big.csv', bytes: 50, totalBytes: 200, rows: 1000 }
    report(progress)
    clock = 900
    report(progress)
    expect(lines).toEqual([])
    clock = 1200
    report(progress)
    clock = 1500
    report(progress)
    clock = 2300
    report({ ...progress, bytes: 100, rows: 2000 })
    expect(lines).toEqual([
      'modelgate: reading big.csv: 25%, 1,000 rows\n',
      'modelgate: reading big.csv: 50%, 2,000 rows\n'
    ])
  })
})
