import * as core from '@actions/core'
import { hasRepositoryContext, readContext, type ActionContext } from './action/context.js'
import { readInputs, type ActionInputs } from './action/inputs.js'
import type { ActionServices } from './action/services.js'
import type { CommandRun } from './action/shared.js'
import { isModelgateError, UsageError } from './errors.js'
import { redactGitHubTokens } from './evidence/redact.js'

/**
 * The GitHub Action's dispatcher: reads inputs and the run context, builds the GitHub backends on
 * first use and hands both to the command's module under `src/action/commands/` (one per command,
 * as the CLI has). Approvals enter only through `services.reviews()` (the run's review history);
 * no input, environment variable or file reaches that path.
 */

export type ServicesFactory = (context: ActionContext, inputs: ActionInputs) => Promise<ActionServices>

export interface RunOptions {
  /** Builds the GitHub backends; default the real ones over Octokit. */
  services?: ServicesFactory
  now?: () => Date
}

type Command = (run: CommandRun) => Promise<void>

/** Each command's module, loaded only when that command runs. */
const COMMANDS: Record<ActionInputs['command'], () => Promise<Command>> = {
  evaluate: async () => (await import('./action/commands/evaluate.js')).runEvaluate,
  preview: async () => (await import('./action/commands/preview.js')).runPreview,
  promote: async () => (await import('./action/commands/promote.js')).runPromote,
  rollback: async () => (await import('./action/commands/rollback.js')).runRollback,
  resolve: async () => (await import('./action/commands/resolve.js')).runResolve,
  register: async () => (await import('./action/commands/register.js')).runRegister,
  replay: async () => (await import('./action/commands/replay.js')).runReplay
}

async function defaultServices(context: ActionContext, inputs: ActionInputs): Promise<ActionServices> {
  // Loaded lazily: `evaluate` on local evidence outside a repository needs none of Octokit.
  const { createGitHubServices } = await import('./action/github-services.js')
  return createGitHubServices(context, inputs)
}

export async function run(options: RunOptions = {}): Promise<void> {
  let token = ''
  try {
    const inputs = readInputs()
    token = inputs.token
    const factory = options.services ?? defaultServices
    const context = hasRepositoryContext(process.env) ? readContext(process.env) : undefined
    let built: ActionServices | undefined
    const services = async (): Promise<ActionServices> => {
      if (!context)
        throw new UsageError(
          `command ${inputs.command} needs a GitHub Actions run (GITHUB_REPOSITORY and GITHUB_RUN_ID are not set)`
        )
      if (!inputs.token)
        throw new UsageError(
          'input github-token is empty; pass ${{ github.token }} or a token with the permissions in docs/action.md'
        )
      built ??= await factory(context, inputs)
      return built
    }
    try {
      const command = await COMMANDS[inputs.command]()
      await command({ inputs, context, services, now: options.now ?? (() => new Date()) })
    } finally {
      await built?.close?.()
    }
  } catch (error) {
    core.setFailed(redact(describeError(error), token))
  }
}

function describeError(error: unknown): string {
  if (isModelgateError(error)) return `modelgate: ${error.format()}`
  const message = error instanceof Error ? error.message : String(error)
  return `modelgate: unexpected error: ${message}`
}

/** Defence in depth: the runner masks the token in logs, but outputs and summaries are ours to keep clean. */
function redact(text: string, token: string): string {
  return redactGitHubTokens(token.length >= 4 ? text.split(token).join('***') : text)
}
