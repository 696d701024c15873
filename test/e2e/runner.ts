import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import type { GitHubSimulator } from '../simulator/server.js'

/**
 * Starts the bundled action exactly as the GitHub runner does: `node <dist>/index.js` with every
 * input as `INPUT_<NAME>` (upper-cased, spaces to underscores, hyphens kept), file commands in
 * `GITHUB_OUTPUT` and `GITHUB_STEP_SUMMARY`, the event payload at `GITHUB_EVENT_PATH`, the API at
 * `GITHUB_API_URL` (here: the simulator) and a scratch `RUNNER_TEMP`.
 */

const exec = promisify(execFile)

/** Bundles current sources into a temp dir (see build-action.mjs); returns the entry path. */
export async function buildAction(): Promise<{ entry: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-e2e-dist-'))
  await exec(process.execPath, [resolve('test/e2e/build-action.mjs'), dir], { maxBuffer: 16 << 20 })
  return { entry: join(dir, 'index.js'), cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export interface RunContextEnv {
  runId: number
  attempt?: number
  sha: string
  /** `GITHUB_REF`; default `refs/heads/main`. */
  ref?: string
  actor?: string
  triggeringActor?: string
  workflow?: string
}

export interface ActionRun {
  code: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** Everything the run left behind, for grepping: stdout, stderr, outputs file, summary. */
  everything: string
}

/** `name<<delimiter\nvalue\ndelimiter` blocks of a GITHUB_OUTPUT file. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^<=]+)<<(.+)$/.exec(lines[i]!)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]!)
      outputs[name!] = value.join('\n')
      continue
    }
    const eq = lines[i]!.indexOf('=')
    if (eq > 0) outputs[lines[i]!.slice(0, eq)] = lines[i]!.slice(eq + 1)
  }
  return outputs
}

export const inputEnvName = (name: string): string => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`

/**
 * The variables the runner sets for an action step: the run context, the file commands, and every
 * input as `INPUT_<NAME>` (defaults of action.yml included, as the runner passes them).
 */
export function actionEnvironment(
  sim: GitHubSimulator,
  context: RunContextEnv,
  inputs: Record<string, string>,
  files: { output: string; summary: string; temp: string; workspace: string; token: string }
): Record<string, string> {
  const env: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: sim.state.fullName,
    GITHUB_RUN_ID: String(context.runId),
    GITHUB_RUN_ATTEMPT: String(context.attempt ?? 1),
    GITHUB_ACTOR: context.actor ?? 'carol',
    GITHUB_TRIGGERING_ACTOR: context.triggeringActor ?? context.actor ?? 'carol',
    GITHUB_SHA: context.sha,
    GITHUB_REF: context.ref ?? 'refs/heads/main',
    GITHUB_WORKFLOW: context.workflow ?? 'promote model',
    GITHUB_SERVER_URL: 'https://github.example.invalid',
    GITHUB_API_URL: sim.url,
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_WORKSPACE: files.workspace,
    RUNNER_TEMP: files.temp,
    [inputEnvName('github-token')]: files.token,
    [inputEnvName('dry-run')]: 'false',
    [inputEnvName('command')]: 'promote'
  }
  for (const [name, value] of Object.entries(inputs)) env[inputEnvName(name)] = value
  return env
}

export class Runner {
  readonly workspace: string
  private readonly root: string

  constructor(
    private readonly entry: string,
    private readonly sim: GitHubSimulator,
    /** Extra node flags, e.g. `['--import', 'tsx']` to run `src/action-main.ts` unbundled. */
    private readonly nodeArgs: readonly string[] = []
  ) {
    this.root = mkdtempSync(join(tmpdir(), 'modelgate-e2e-runner-'))
    this.workspace = join(this.root, 'workspace')
    mkdirSync(this.workspace)
  }

  write(path: string, text: string): void {
    const full = join(this.workspace, path)
    mkdirSync(resolve(full, '..'), { recursive: true })
    writeFileSync(full, text)
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true })
  }

  async run(
    inputs: Record<string, string>,
    context: RunContextEnv,
    options: { token?: string; env?: Record<string, string> } = {}
  ): Promise<ActionRun> {
    const token = options.token ?? this.sim.token
    const step = mkdtempSync(join(this.root, 'step-'))
    const outputFile = join(step, 'output')
    const summaryFile = join(step, 'summary')
    const eventFile = join(step, 'event.json')
    const runnerTemp = join(step, 'temp')
    mkdirSync(runnerTemp)
    writeFileSync(outputFile, '')
    writeFileSync(summaryFile, '')
    writeFileSync(
      eventFile,
      JSON.stringify({
        repository: { full_name: this.sim.state.fullName },
        sender: { login: context.actor ?? 'carol' }
      })
    )
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: step,
      CI: 'true',
      GITHUB_EVENT_PATH: eventFile,
      ...actionEnvironment(this.sim, context, inputs, {
        output: outputFile,
        summary: summaryFile,
        temp: runnerTemp,
        workspace: this.workspace,
        token
      })
    }
    Object.assign(env, options.env)
    const { code, stdout, stderr } = await exec(process.execPath, [...this.nodeArgs, this.entry], {
      cwd: this.workspace,
      env,
      maxBuffer: 16 << 20
    }).then(
      (result) => ({ code: 0, stdout: result.stdout, stderr: result.stderr }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: typeof error.code === 'number' ? error.code : 1,
        stdout: error.stdout ?? '',
        stderr: error.stderr ?? ''
      })
    )
    const outputText = readFileSync(outputFile, 'utf8')
    const summary = readFileSync(summaryFile, 'utf8')
    return {
      code,
      stdout,
      stderr,
      outputs: parseOutputFile(outputText),
      summary,
      everything: [stdout, stderr, outputText, summary].join('\n')
    }
  }
}
