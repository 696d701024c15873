import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { GitHubSimulator } from '../simulator/server.js'
import { InProcessRunner } from '../reliability/in-process-action.js'

/*
 * No input can write a workflow command (issue "Trust the verdict", section 7). The runner reads
 * any stdout line starting with `::` as a command; whatever the inputs hold — newlines, `::`
 * prefixes, carriage returns, line separators — the only commands on stdout are the ones
 * @actions/core issues itself (`::error`, `::warning`, `::debug`, with their data escaped), and
 * none of them starts with text an input supplied.
 */

const MARK = 'INJECTED'
const PAYLOADS = [
  `\n::notice::${MARK}`,
  `\n::warning::${MARK}`,
  `\r::error::${MARK}`,
  `::warning::${MARK}`,
  `\u2028::group::${MARK}`,
  `\r\n::stop-commands::${MARK}`,
  `x\n::add-mask::${MARK}`
]

const hostile = fc.oneof(
  fc.constantFrom(...PAYLOADS),
  fc
    .tuple(fc.string({ maxLength: 12 }), fc.constantFrom(...PAYLOADS), fc.string({ maxLength: 12 }))
    .map(([a, p, b]) => `${a}${p}${b}`),
  fc.string({ maxLength: 30 })
)

const INPUTS = [
  'model',
  'version',
  'to',
  'from',
  'stage',
  'commit',
  'policy',
  'evidence',
  'baseline-evidence',
  'monitoring',
  'artifacts-run-id',
  'dry-run',
  'verified-only'
] as const

/** Values that get a run far (to its log lines), so hostile ones elsewhere are exercised. */
const USUAL: Record<(typeof INPUTS)[number], string> = {
  model: 'churn',
  version: '1',
  to: 'prod',
  from: 'dev',
  stage: 'prod',
  commit: 'a'.repeat(40),
  policy: 'policy.yml',
  evidence: '',
  'baseline-evidence': '',
  monitoring: 'online=monitoring.json',
  'artifacts-run-id': '8',
  'dry-run': 'true',
  'verified-only': 'false'
}

const COMMAND_LINE = /^::([a-z-]+)(?: [^:]*)?::(.*)$/s

let sim: GitHubSimulator
let runner: InProcessRunner
beforeAll(async () => {
  sim = new GitHubSimulator({ repository: 'acme/models' })
  await sim.start()
  runner = new InProcessRunner(sim, { pacing: false, delayUnitMs: 1, timeoutMs: 5000 })
  runner.write(
    'policy.yml',
    'version: 1\nmodel: churn\nstages: [dev, prod]\ntransitions:\n  - to: prod\n    gates: []\n'
  )
})
afterAll(async () => {
  runner.cleanup()
  await sim.stop()
})

function assertNoInjectedCommand(stdout: string): void {
  for (const line of stdout.split(/\r\n|\r|\n/)) {
    if (!line.startsWith('::')) continue
    const command = COMMAND_LINE.exec(line)
    expect(command).not.toBeNull()
    expect(['error', 'warning', 'debug']).toContain(command![1])
    // Data of a command core issued is escaped and starts with modelgate's own text.
    expect(command![2]!.startsWith(MARK)).toBe(false)
  }
}

describe('workflow commands', () => {
  it('a newline in the model input does not make a ::warning line', async () => {
    for (const command of ['register', 'resolve', 'promote', 'evaluate']) {
      const run = await runner.run(
        {
          command,
          model: `churn\n::warning::${MARK}`,
          version: '1',
          to: 'prod',
          stage: 'prod',
          'dry-run': 'true',
          policy: 'policy.yml'
        },
        { runId: 7, sha: 'a'.repeat(40) }
      )
      assertNoInjectedCommand(run.stdout)
      expect(run.errors.join('\n')).toMatch(/invalid model name/)
    }
  })

  it('holds for any input values (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('evaluate', 'promote', 'rollback', 'resolve', 'register'),
        fc.record(
          Object.fromEntries(
            INPUTS.map((name) => [name, fc.oneof(fc.constant(USUAL[name]), hostile)])
          ) as Record<(typeof INPUTS)[number], fc.Arbitrary<string>>,
          {
            requiredKeys: []
          }
        ),
        async (command, values) => {
          const run = await runner.run({ command, ...values }, { runId: 8, sha: 'b'.repeat(40) })
          assertNoInjectedCommand(run.stdout)
        }
      ),
      { numRuns: 150 }
    )
  }, 120_000)
})
