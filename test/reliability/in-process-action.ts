import * as core from '@actions/core'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from '../../src/action.js'
import { createGitHubServices } from '../../src/action/github-services.js'
import type { ClientOptions } from '../../src/github/client.js'
import { actionEnvironment, parseOutputFile, type ActionRun, type RunContextEnv } from '../e2e/runner.js'
import type { GitHubSimulator } from '../simulator/server.js'

/**
 * The action's `run()` inside the test process, wired to the real GitHub backends with short
 * retry waits: hundreds of faulted runs in seconds, where a subprocess per run would take
 * minutes. The environment, file commands and stdout are exactly the runner's (INPUT_*,
 * GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, `::error::` lines); test/e2e covers the bundle itself.
 */

export type ClientTuning = Omit<Partial<ClientOptions>, 'token' | 'baseUrl'>

export interface InProcessRun extends ActionRun {
  /** The `::error::` lines, unescaped: a failed run must have exactly one. */
  errors: string[]
}

export class InProcessRunner {
  readonly workspace: string
  private readonly root: string
  // @actions/core caches the summary path on first use: every run of this process shares one
  // file, rewritten empty before each run and removed with each runner.
  private readonly summaryFile = join(tmpdir(), `modelgate-inproc-summary-${process.pid}.md`)

  constructor(
    private readonly sim: GitHubSimulator,
    private readonly tuning: ClientTuning
  ) {
    this.root = mkdtempSync(join(tmpdir(), 'modelgate-inproc-'))
    this.workspace = join(this.root, 'workspace')
    mkdirSync(this.workspace)
  }

  write(path: string, text: string): void {
    const full = join(this.workspace, path)
    mkdirSync(join(full, '..'), { recursive: true })
    writeFileSync(full, text)
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true })
    rmSync(this.summaryFile, { force: true })
  }

  async run(inputs: Record<string, string>, context: RunContextEnv): Promise<InProcessRun> {
    const step = mkdtempSync(join(this.root, 'step-'))
    const outputFile = join(step, 'output')
    const runnerTemp = join(step, 'temp')
    mkdirSync(runnerTemp)
    writeFileSync(outputFile, '')
    writeFileSync(this.summaryFile, '')
    const env = actionEnvironment(this.sim, context, inputs, {
      output: outputFile,
      summary: this.summaryFile,
      temp: runnerTemp,
      workspace: this.workspace,
      token: this.sim.token
    })

    const saved = { ...process.env }
    const exitCode = process.exitCode
    const written: string[] = []
    const originalWrite = process.stdout.write.bind(process.stdout)
    process.stdout.write = ((chunk: string | Uint8Array): boolean => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
      return true
    }) as typeof process.stdout.write
    core.summary.emptyBuffer()
    try {
      // ACTIONS_ID_TOKEN_*: a CI job running these tests with `id-token: write` must not sign.
      for (const name of Object.keys(process.env))
        if (name.startsWith('INPUT_') || name.startsWith('GITHUB_') || name.startsWith('ACTIONS_ID_TOKEN_'))
          delete process.env[name]
      Object.assign(process.env, env)
      await run({ services: (ctx, actionInputs) => createGitHubServices(ctx, actionInputs, this.tuning) })
    } finally {
      process.stdout.write = originalWrite
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name]
      Object.assign(process.env, saved)
      process.exitCode = exitCode
      core.summary.emptyBuffer()
    }
    // The runner consumes `::add-mask::` and never prints it; everything else is what users see.
    const stdout = written
      .join('')
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n')
    const outputText = readFileSync(outputFile, 'utf8')
    const summary = readFileSync(this.summaryFile, 'utf8')
    rmSync(step, { recursive: true, force: true })
    const errors = stdout
      .split('\n')
      .filter((line) => line.startsWith('::error::'))
      .map((line) => unescapeCommand(line.slice('::error::'.length)))
    return {
      code: errors.length > 0 ? 1 : 0,
      stdout,
      stderr: '',
      outputs: parseOutputFile(outputText),
      summary,
      everything: [stdout, outputText, summary].join('\n'),
      errors
    }
  }
}

/** Workflow command data escaping (%25, %0D, %0A) undone. */
function unescapeCommand(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}
