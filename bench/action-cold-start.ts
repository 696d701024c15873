import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildAction } from '../test/e2e/runner.js'
import { interleavedMedians, seconds, type BenchRow } from './harness.js'

/** The fraud-v7 example's prod transition without approvals, its evidence in the workspace. */
const POLICY = `version: 1
model: fraud_detector
stages: [dev, staging, prod]
baseline: prod
evidence:
  online: { path: online.json }
  drift: { path: drift.json }
  fairness: { path: fairness.json }
transitions:
  - to: prod
    gates:
      - { id: latency-p95, metric: online.latency_p95_ms, max: 80 }
      - { id: error-rate, metric: online.error_rate, max: 0.01 }
      - { id: drift-psi, metric: drift.psi, below: 0.2 }
      - { id: tpr-gap, metric: fairness.tpr_gap, below: 0.03 }
`

/**
 * The action's `evaluate` step end to end as the runner starts it (node, the bundle, policy,
 * evidence, outputs and job summary), on workspace evidence with no approvals or baseline gates,
 * so no network is involved, against a bare `node -e 0`. The bundle is built from the current
 * sources with the release build's plugins (minified, unused @actions/core modules stubbed).
 */
export async function actionColdStartBench(runs = 15): Promise<BenchRow> {
  const build = await buildAction({ minify: true })
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-bench-action-'))
  try {
    cpSync('test/fixtures/examples/fraud-v7', dir, { recursive: true })
    writeFileSync(join(dir, 'policy.yml'), POLICY)
    // The runner creates both files before a step starts; the action appends to them.
    writeFileSync(join(dir, 'output.txt'), '')
    writeFileSync(join(dir, 'summary.md'), '')
    const env = {
      PATH: process.env.PATH ?? '',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: dir,
      GITHUB_OUTPUT: join(dir, 'output.txt'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
      RUNNER_TEMP: dir,
      INPUT_COMMAND: 'evaluate',
      INPUT_POLICY: 'policy.yml',
      INPUT_MODEL: 'fraud_detector',
      INPUT_VERSION: '7',
      INPUT_TO: 'prod',
      INPUT_EVIDENCE: 'online=online.json\ndrift=drift.json\nfairness=fairness.json'
    }
    const [reference, measured] = interleavedMedians(
      [
        { command: process.execPath, args: ['-e', '0'] },
        { command: process.execPath, args: [build.entry], cwd: dir, env }
      ],
      runs
    )
    const ratio = measured! / reference!
    return {
      name: 'action evaluate step (cold, bundled)',
      measured: seconds(measured!),
      reference: `${seconds(reference!)} node -e 0`,
      ratio,
      goal: '≤ 2×',
      met: ratio <= 2,
      notes: `median of ${runs} interleaved runs each; workspace evidence, no approvals: no network`
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(await actionColdStartBench())
