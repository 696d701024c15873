import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
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

/** What a build is made from: a change to any of these makes a new build. */
const BUILD_INPUTS = ['src', 'package-lock.json', 'rollup.config.mjs', 'test/e2e/build-action.mjs']

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => filesUnder(join(path, entry.name)))
}

/** A digest of the sources a build is made from (paths and contents). */
function sourceDigest(minify: boolean): string {
  const hash = createHash('sha256').update(minify ? 'minified\n' : 'plain\n')
  for (const file of BUILD_INPUTS.flatMap((input) => filesUnder(resolve(input))))
    hash.update(`${file}\n`).update(readFileSync(file))
  return hash.digest('hex').slice(0, 16)
}

/** Builds of sources changed since: dropped after a day, so the temp directory does not fill up. */
function pruneOldBuilds(): void {
  const dayAgo = Date.now() - 86_400_000
  for (const name of readdirSync(tmpdir()))
    if (name.startsWith('modelgate-e2e-build-'))
      try {
        if (statSync(join(tmpdir(), name)).mtimeMs < dayAgo)
          rmSync(join(tmpdir(), name), { recursive: true, force: true })
      } catch {
        // another worker pruned it first
      }
}

/**
 * Bundles current sources (see build-action.mjs) and returns the action's and the CLI's entries.
 * The build is kept under the temp directory, named by a digest of its sources: the test files
 * of one `npm test` (and the next run, until a source changes) share one build instead of
 * making one each. Two workers building at once both finish; the first rename wins and the
 * other build is dropped, so nobody ever runs a half-written bundle.
 */
export async function buildAction(
  options: { minify?: boolean } = {}
): Promise<{ entry: string; cli: string }> {
  const minify = options.minify ?? false
  const dir = join(tmpdir(), `modelgate-e2e-build-${sourceDigest(minify)}`)
  const built = { entry: join(dir, 'index.js'), cli: join(dir, 'cli.js') }
  if (existsSync(join(dir, 'complete'))) return built
  pruneOldBuilds()
  const scratch = mkdtempSync(join(tmpdir(), 'modelgate-e2e-dist-'))
  try {
    await exec(
      process.execPath,
      [resolve('test/e2e/build-action.mjs'), scratch, ...(minify ? ['--minify'] : [])],
      {
        maxBuffer: 16 << 20
      }
    )
    writeFileSync(join(scratch, 'complete'), '')
    renameSync(scratch, dir)
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true })
    // Another worker's build of the same sources landed first: use it.
    if (!existsSync(join(dir, 'complete'))) throw error
  }
  return built
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
