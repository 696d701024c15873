import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../cli/main.js'
import type { CliIO } from '../cli/io.js'
import { FRAUD_V7 } from './fixtures.js'

/** A sustained p95 breach: 20 minutes at 62 ms, then 12 minutes at 95 ms, one sample a minute. */
function latencySeries(start: number): Array<[number, number]> {
  const healthy = Array.from({ length: 20 }, (_, i): [number, number] => [start + i * 60, 60 + (i % 3)])
  const breach = Array.from({ length: 12 }, (_, i): [number, number] => [start + (20 + i) * 60, 95 + (i % 4)])
  return [...healthy, ...breach]
}

interface Step {
  explain: string
  argv: string[]
  /** The exit code this step must end with; the demo stops if it does not. */
  expect: number
}

/**
 * `modelgate demo`: register v1, v2 and v3 of fraud_detector in a scratch git repository,
 * promote v1 to staging and prod, v2 through staging and a canary to prod with two approvals,
 * show v3 blocked, roll prod back after a sustained SLO breach, then print the history.
 */
export async function runDemo(io: CliIO, options: { keep?: boolean } = {}): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-demo-'))
  const git = (...args: string[]): void => {
    execFileSync('git', args, {
      cwd: dir,
      stdio: 'ignore',
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }
    })
  }
  const write = (name: string, text: string): void => writeFileSync(join(dir, name), text)
  const bold = (text: string): string => (io.stderr.isTTY ? `\u001b[1m${text}\u001b[0m` : text)
  const say = (text: string): void => void io.stderr.write(`\n${bold(`# ${text}`)}\n`)
  try {
    git('init', '-q', '-b', 'main')
    git('config', 'user.name', 'modelgate demo')
    git('config', 'user.email', 'demo@modelgate.invalid')
    git('config', 'commit.gpgsign', 'false')
    git('config', 'tag.gpgsign', 'false')
    // The demo walks a whole canary in seconds, so the policy's holds (30m, 2h) are left out here:
    // with them, each step is refused until the previous step's hold has elapsed.
    for (const [name, text] of Object.entries(FRAUD_V7))
      write(name, name === 'policy.yaml' ? text.replace(/, hold: \w+/g, '') : text)
    write('offline-v1.json', '{ "auc": 0.93 }\n')
    write('offline-v2.json', '{ "auc": 0.95 }\n')
    write('offline-v3.json', '{ "auc": 0.87 }\n')
    write('monitoring.json', `${JSON.stringify({ latency_p95_ms: latencySeries(1763800000) })}\n`)
    const commit = (message: string): void => {
      write('TRAINING_RUN', `${message}\n`)
      git('add', '-A')
      git('commit', '-q', '-m', message)
    }
    const approvals = ['--approvals', 'approvals.json', '--actor', 'release-bot']
    const prod = (version: string): string[] => [
      'promote',
      '--policy',
      'policy.yaml',
      '--model',
      'fraud_detector',
      '--version',
      version,
      '--to',
      'prod',
      '--evidence',
      'online=online.json',
      '--evidence',
      'drift=drift.json',
      '--evidence',
      'fairness=fairness.json',
      ...approvals
    ]
    const staging = (version: string, offline: string): string[] => [
      'promote',
      '--policy',
      'policy.yaml',
      '--model',
      'fraud_detector',
      '--version',
      version,
      '--to',
      'staging',
      '--evidence',
      `offline=${offline}`
    ]

    say(`A scratch git repository is the registry: ${dir}`)
    commit('train fraud_detector v1')
    const steps: Step[] = [
      {
        explain: 'Register v1 on the commit that trained it (tag fraud_detector@v1.0.0).',
        argv: ['register', '--model', 'fraud_detector', '--version', '1'],
        expect: 0
      },
      {
        explain: 'v1 to staging: the offline AUC 0.93 clears the 0.90 floor.',
        argv: staging('1', 'offline-v1.json'),
        expect: 0
      },
      {
        explain:
          'v1 to prod: SLOs, drift and fairness pass, and two people approved in two environments. The first prod model needs no canary.',
        argv: prod('1'),
        expect: 0
      }
    ]
    for (const step of steps) if ((await runStep(step, dir, io, say)) !== 0) return 2
    commit('train fraud_detector v2')
    const more: Step[] = [
      {
        explain: 'Register v2 on its own commit.',
        argv: ['register', '--model', 'fraud_detector', '--version', '2'],
        expect: 0
      },
      { explain: 'v2 to staging: AUC 0.95.', argv: staging('2', 'offline-v2.json'), expect: 0 },
      {
        explain: 'v2 to prod, canary step 1: 10% of traffic on v2, 90% stays on v1.',
        argv: prod('2'),
        expect: 0
      },
      { explain: 'Advancing the canary is a promote of the same version: 50%.', argv: prod('2'), expect: 0 },
      {
        explain: 'Final step: 100% on v2, and v1 is archived (recorded, never deleted).',
        argv: prod('2'),
        expect: 0
      },
      {
        explain: 'Which version serves prod now?',
        argv: ['resolve', '--model', 'fraud_detector', '--stage', 'prod'],
        expect: 0
      }
    ]
    for (const step of more) if ((await runStep(step, dir, io, say)) !== 0) return 2
    commit('train fraud_detector v3')
    const last: Step[] = [
      {
        explain: 'Register v3.',
        argv: ['register', '--model', 'fraud_detector', '--version', '3'],
        expect: 0
      },
      {
        explain:
          'v3 to staging is blocked: AUC 0.87 is under the 0.90 floor. The attempt is recorded (GTO ignores it) and nothing moves.',
        argv: staging('3', 'offline-v3.json'),
        expect: 1
      },
      {
        explain:
          'Monitoring shows prod p95 latency above 80 ms for 12 minutes (the trigger needs 5): roll prod back to the previous version.',
        argv: [
          'rollback',
          '--policy',
          'policy.yaml',
          '--model',
          'fraud_detector',
          '--monitoring',
          'online=monitoring.json'
        ],
        expect: 0
      },
      {
        explain: 'prod after the rollback:',
        argv: ['resolve', '--model', 'fraud_detector', '--stage', 'prod'],
        expect: 0
      },
      {
        explain: 'The audit trail, from git tags alone:',
        argv: ['history', '--model', 'fraud_detector'],
        expect: 0
      }
    ]
    for (const step of last) if ((await runStep(step, dir, io, say)) !== 0) return 2
    say(
      options.keep
        ? `Kept the registry at ${dir} (try: git -C ${dir} tag -n1)`
        : 'Done. The scratch repository is removed; run with --keep to look around.'
    )
    return 0
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true })
  }
}

async function runStep(step: Step, cwd: string, io: CliIO, say: (text: string) => void): Promise<number> {
  say(step.explain)
  io.stderr.write(`$ modelgate ${step.argv.join(' ')}\n`)
  const code = await main(step.argv, { ...io, cwd })
  if (code !== step.expect) {
    io.stderr.write(`modelgate demo: expected exit ${step.expect}, got ${code}; stopping\n`)
    return 1
  }
  return 0
}
