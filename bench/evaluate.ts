import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { medianSeconds, seconds, type BenchRow } from './harness.js'

/**
 * What a CI step pays for a gate check: `modelgate evaluate` on the fraud-v7 example, end to end
 * from a cold process, against the floor of any Node CLI (`node -e 0`).
 */
export async function evaluateBench(runs = 15): Promise<BenchRow> {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-bench-'))
  try {
    cpSync('test/fixtures/examples/fraud-v7', dir, { recursive: true })
    const cli = resolve('dist/cli.js')
    const args = [
      cli,
      'evaluate',
      '--policy',
      'policy.yaml',
      '--model',
      'fraud_detector',
      '--version',
      '7',
      '--to',
      'prod',
      '--evidence',
      'online=online.json',
      '--evidence',
      'drift=drift.json',
      '--evidence',
      'fairness=fairness.json',
      '--approvals',
      'approvals.json',
      '--actor',
      'release-bot',
      '--format',
      'json'
    ]
    const reference = medianSeconds(process.execPath, ['-e', '0'], runs)
    const measured = medianSeconds(process.execPath, args, runs, { cwd: dir })
    const ratio = measured / reference
    return {
      name: 'evaluate fraud-v7 (cold CLI)',
      measured: seconds(measured),
      reference: `${seconds(reference)} node -e 0`,
      ratio,
      goal: '≤ 4×',
      met: ratio <= 4,
      notes: `median of ${runs} runs each`
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await evaluateBench())
