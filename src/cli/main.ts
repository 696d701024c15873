import { Command, CommanderError } from 'commander'
import { isModelgateError } from '../errors.js'
import { EXIT, type CliIO } from './io.js'
import { VERSION } from '../version.js'
import { redactGitHubTokens } from '../evidence/redact.js'

type Register = (program: Command, io: CliIO, setExit: (code: number) => void) => void

/**
 * Each command's module, loaded only when that command runs: `resolve` in a CI step should not
 * pay for the policy schema and the YAML parser it never uses.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  evaluate: async () => (await import('./commands/evaluate.js')).registerEvaluateCommand,
  promote: async () => (await import('./commands/promote.js')).registerPromoteCommand,
  preview: async () => (await import('./commands/preview.js')).registerPreviewCommand,
  register: async () => (await import('./commands/register.js')).registerRegisterCommand,
  resolve: async () => (await import('./commands/resolve.js')).registerResolveCommand,
  history: async () => (await import('./commands/history.js')).registerHistoryCommand,
  rollback: async () => (await import('./commands/rollback.js')).registerRollbackCommand,
  replay: async () => (await import('./commands/replay.js')).registerReplayCommand,
  drift: async () => (await import('./commands/drift.js')).registerDriftCommand,
  fairness: async () => (await import('./commands/fairness.js')).registerFairnessCommand,
  schema: async () => (await import('./commands/schema.js')).registerSchemaCommand,
  verify: async () => (await import('./commands/verify.js')).registerVerifyCommand,
  demo: async () => (await import('./commands/demo.js')).registerDemoCommand
}

/** The command named on the command line, or undefined (help, version, typos: load them all). */
function commandIn(argv: readonly string[]): string | undefined {
  const first = argv.find((arg) => !arg.startsWith('-'))
  return first !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, first) ? first : undefined
}

/**
 * Runs one CLI invocation and returns its exit code. Commands report their own outcome through
 * `setExit`; a ModelgateError is one line on stderr and exit 2; anything else is a bug, reported
 * with its stack only under --debug.
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.ok
  const setExit = (code: number): void => {
    exitCode = code
  }
  const program = new Command()
    .name('modelgate')
    .description(
      'Model promotion gates: evaluate evidence against a policy, move stage pointers, keep the audit trail.'
    )
    .version(VERSION, '-V, --version', 'print the modelgate version')
    .enablePositionalOptions()
    .option('--debug', 'print stack traces for errors')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // commander's own errors ("error: unknown option '--x'") keep the one `modelgate:` form.
      outputError: (text, write) => write(`modelgate: ${text.replace(/^error: /, '')}`)
    })
    .showHelpAfterError('(run modelgate <command> --help for its options)')

  const named = commandIn(argv)
  for (const name of named ? [named] : Object.keys(COMMANDS)) (await COMMANDS[name]!())(program, io, setExit)
  for (const command of program.commands) command.exitOverride().configureOutput(program.configureOutput())

  const debug = argv.includes('--debug')
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.error
    }
    if (isModelgateError(error)) {
      io.stderr.write(`modelgate: ${redactGitHubTokens(error.format())}\n`)
      if (debug && error.stack) io.stderr.write(`${error.stack}\n`)
      return EXIT.error
    }
    const message = error instanceof Error ? error.message : String(error)
    io.stderr.write(`modelgate: unexpected error: ${redactGitHubTokens(message)}\n`)
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`)
    else io.stderr.write('(run with --debug for the stack trace, and please report it)\n')
    return EXIT.error
  }
}
