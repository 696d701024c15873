import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isModelgateError } from '../errors.js'
import { LocalEvidenceSource } from '../evidence/local-source.js'
import { approvalsFromFile } from '../lifecycle/evaluate-flow.js'
import { promote } from '../lifecycle/promote.js'
import { register } from '../lifecycle/register.js'
import { rollback } from '../lifecycle/rollback.js'
import { loadPolicy } from '../policy/load.js'
import { GitRegistry } from '../registry/git.js'
import { modelTagPrefixes } from '../registry/gto.js'
import { buildHistory, resolveStage } from '../registry/state.js'
import { unavailableNotes } from '../render/decision.js'
import { renderHistory } from '../render/history.js'
import { renderPromotion } from '../render/promote.js'
import { renderRegistration } from '../render/register.js'
import { renderResolution } from '../render/resolve.js'
import { renderRollback } from '../render/rollback.js'
import { FRAUD_V7 } from './fixtures.js'

/** A sustained p95 breach: 20 minutes at 62 ms, then 12 minutes at 95 ms, one sample a minute. */
function latencySeries(start: number): Array<[number, number]> {
  const healthy = Array.from({ length: 20 }, (_, i): [number, number] => [start + i * 60, 60 + (i % 3)])
  const breach = Array.from({ length: 12 }, (_, i): [number, number] => [start + (20 + i) * 60, 95 + (i % 4)])
  return [...healthy, ...breach]
}

/** Where the demo writes: the CLI passes its own streams; tests pass buffers. */
export interface DemoIO {
  stdout: { write(chunk: string): unknown }
  stderr: { write(chunk: string): unknown; isTTY?: boolean }
}

export interface DemoOptions {
  /** Keep the scratch repository and say where it is. */
  keep?: boolean
  /** Colour the decision tables (the caller knows whether stdout is a terminal). */
  color?: boolean
  /** Where the scratch repository is made (default: the system's temp directory). */
  tempDir?: string
}

/**
 * How a step ended: `done` for steps that only report, otherwise the decision reached, or
 * `empty` for a stage nobody occupies.
 */
type Outcome = 'done' | 'promote' | 'block' | 'empty'

interface Step {
  explain: string
  /** The same step as a `modelgate` command line, shown so a reader can retype it. */
  command: readonly string[]
  /** Runs the step through the library and prints what the command prints. */
  run: () => Promise<Outcome>
  /** The demo stops when a step ends otherwise. */
  expect: Outcome
}

const MODEL = 'fraud_detector'

/**
 * `modelgate demo`: register v1, v2 and v3 of fraud_detector in a scratch git repository,
 * promote v1 to staging and prod, v2 through staging and a canary to prod with two approvals,
 * show v3 blocked, roll prod back after a sustained SLO breach, then print the history.
 * Each step calls the library (src/lifecycle, src/registry) and prints through the renderers the
 * CLI uses, so what it shows is what the commands it names would print.
 */
export async function runDemo(io: DemoIO, options: DemoOptions = {}): Promise<number> {
  const dir = mkdtempSync(join(options.tempDir ?? tmpdir(), 'modelgate-demo-'))
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
  const print = (text: string): void => void io.stdout.write(text)
  const color = Boolean(options.color)
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
    // Rollback triggers judge only samples taken after the current version took prod, so the
    // demo's monitoring starts ahead of the promotions it runs a few seconds from now.
    const monitoringStart = Math.floor(Date.now() / 1000) + 600
    write('monitoring.json', `${JSON.stringify({ latency_p95_ms: latencySeries(monitoringStart) })}\n`)
    const commit = (message: string): void => {
      write('TRAINING_RUN', `${message}\n`)
      git('add', '-A')
      git('commit', '-q', '-m', message)
    }

    const registry = new GitRegistry(dir)
    const source = new LocalEvidenceSource(dir, 'the working directory', dir)
    const now = (): Date => new Date()
    const policy = await loadPolicy(join(dir, 'policy.yaml'))
    // The demo's directory is its repository: records name the policy as a clone of it would.
    policy.source = { ...policy.source!, path: 'policy.yaml' }
    const tags = async (): ReturnType<GitRegistry['listTags']> => registry.listTags(modelTagPrefixes(MODEL))

    const registerStep = (explain: string, version: string): Step => ({
      explain,
      command: ['register', '--model', MODEL, '--version', version],
      expect: 'done',
      run: async () => {
        print(renderRegistration(MODEL, await register({ model: MODEL, version }, registry), 'text'))
        return 'done'
      }
    })
    /** A promotion; prod also reads approvals, given as a file with the run's actor beside it. */
    const promoteStep = (
      explain: string,
      version: string,
      to: 'staging' | 'prod',
      evidence: ReadonlyArray<[string, string]>,
      expect: Outcome = 'promote'
    ): Step => {
      const approvals = to === 'prod' ? { file: 'approvals.json', actor: 'release-bot' } : undefined
      return {
        explain,
        command: [
          'promote',
          ...['--policy', 'policy.yaml', '--model', MODEL, '--version', version, '--to', to],
          ...evidence.flatMap(([name, path]) => ['--evidence', `${name}=${path}`]),
          ...(approvals ? ['--approvals', approvals.file, '--actor', approvals.actor] : [])
        ],
        expect,
        run: async () => {
          const result = await promote(
            policy,
            {
              model: MODEL,
              version,
              to,
              evidence: new Map(evidence),
              baselineEvidence: new Map(),
              ...(approvals && { actor: approvals.actor }),
              dryRun: false
            },
            {
              source,
              now,
              registry,
              ...(approvals && { approvals: approvalsFromFile(source, approvals.file) })
            }
          )
          io.stderr.write(unavailableNotes(result.unavailable))
          print(renderPromotion(result, 'text', { color }))
          return result.decision.decision
        }
      }
    }
    const prodEvidence: Array<[string, string]> = [
      ['online', 'online.json'],
      ['drift', 'drift.json'],
      ['fairness', 'fairness.json']
    ]
    const resolveStep = (explain: string, stage: string): Step => ({
      explain,
      command: ['resolve', '--model', MODEL, '--stage', stage],
      expect: 'done',
      run: async () => {
        const versions = resolveStage(await tags(), MODEL, stage)
        print(renderResolution(MODEL, stage, versions, 'text'))
        return versions.length > 0 ? 'done' : 'empty'
      }
    })
    const rollbackStep = (explain: string, monitoring: [string, string]): Step => ({
      explain,
      command: [
        'rollback',
        ...['--policy', 'policy.yaml', '--model', MODEL, '--monitoring', monitoring.join('=')]
      ],
      expect: 'done',
      run: async () => {
        const result = await rollback(
          policy,
          { model: MODEL, monitoring: new Map([monitoring]), dryRun: false },
          { registry, source, now }
        )
        print(renderRollback(MODEL, result, 'text'))
        return 'done'
      }
    })
    const historyStep = (explain: string): Step => ({
      explain,
      command: ['history', '--model', MODEL],
      expect: 'done',
      run: async () => {
        print(renderHistory(MODEL, buildHistory(await tags(), MODEL), 'text'))
        return 'done'
      }
    })

    say(`A scratch git repository is the registry: ${dir}`)
    commit('train fraud_detector v1')
    const steps: Step[] = [
      registerStep('Register v1 on the commit that trained it (tag fraud_detector@v1.0.0).', '1'),
      promoteStep('v1 to staging: the offline AUC 0.93 clears the 0.90 floor.', '1', 'staging', [
        ['offline', 'offline-v1.json']
      ]),
      promoteStep(
        'v1 to prod: SLOs, drift and fairness pass, and two people approved in two environments. The first prod model needs no canary.',
        '1',
        'prod',
        prodEvidence
      )
    ]
    for (const step of steps) if (!(await runStep(step, io, say))) return 2
    commit('train fraud_detector v2')
    const more: Step[] = [
      registerStep('Register v2 on its own commit.', '2'),
      promoteStep('v2 to staging: AUC 0.95.', '2', 'staging', [['offline', 'offline-v2.json']]),
      promoteStep(
        'v2 to prod, canary step 1: 10% of traffic on v2, 90% stays on v1.',
        '2',
        'prod',
        prodEvidence
      ),
      promoteStep('Advancing the canary is a promote of the same version: 50%.', '2', 'prod', prodEvidence),
      promoteStep(
        'Final step: 100% on v2, and v1 is archived (recorded, never deleted).',
        '2',
        'prod',
        prodEvidence
      ),
      resolveStep('Which version serves prod now?', 'prod')
    ]
    for (const step of more) if (!(await runStep(step, io, say))) return 2
    commit('train fraud_detector v3')
    const last: Step[] = [
      registerStep('Register v3.', '3'),
      promoteStep(
        'v3 to staging is blocked: AUC 0.87 is under the 0.90 floor. The attempt is recorded (GTO ignores it) and nothing moves.',
        '3',
        'staging',
        [['offline', 'offline-v3.json']],
        'block'
      ),
      rollbackStep(
        'Monitoring shows prod p95 latency above 80 ms for 12 minutes (the trigger needs 5): roll prod back to the previous version.',
        ['online', 'monitoring.json']
      ),
      resolveStep('prod after the rollback:', 'prod'),
      historyStep('The audit trail, from git tags alone:')
    ]
    for (const step of last) if (!(await runStep(step, io, say))) return 2
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

/**
 * Shows and runs one step; false when it ended otherwise than expected. A modelgate error is
 * reported as the CLI reports it; anything else is a bug and goes up to the CLI's handler.
 */
async function runStep(step: Step, io: DemoIO, say: (text: string) => void): Promise<boolean> {
  say(step.explain)
  io.stderr.write(`$ modelgate ${step.command.join(' ')}\n`)
  let outcome: Outcome | 'error'
  try {
    outcome = await step.run()
  } catch (error) {
    if (!isModelgateError(error)) throw error
    io.stderr.write(`modelgate: ${error.format()}\n`)
    outcome = 'error'
  }
  if (outcome !== step.expect) {
    io.stderr.write(`modelgate demo: expected ${step.expect}, got ${outcome}; stopping\n`)
    return false
  }
  return true
}
