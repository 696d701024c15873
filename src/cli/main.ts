import { Command, CommanderError } from 'commander'
import { isModelgateError } from '../errors.js'
import { registerDemoCommand } from './commands/demo.js'
import { registerDriftCommand } from './commands/drift.js'
import { registerEvaluateCommand } from './commands/evaluate.js'
import { registerFairnessCommand } from './commands/fairness.js'
import { registerHistoryCommand } from './commands/history.js'
import { registerPromoteCommand } from './commands/promote.js'
import { registerRegisterCommand } from './commands/register.js'
import { registerResolveCommand } from './commands/resolve.js'
import { registerRollbackCommand } from './commands/rollback.js'
import { registerSchemaCommand } from './commands/schema.js'
import { EXIT, type CliIO } from './io.js'
import { VERSION } from '../version.js'

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
      writeErr: (text) => io.stderr.write(text)
    })
    .showHelpAfterError('(run modelgate <command> --help for its options)')

  registerEvaluateCommand(program, io, setExit)
  registerPromoteCommand(program, io, setExit)
  registerRegisterCommand(program, io, setExit)
  registerResolveCommand(program, io, setExit)
  registerHistoryCommand(program, io, setExit)
  registerRollbackCommand(program, io, setExit)
  registerDriftCommand(program, io, setExit)
  registerFairnessCommand(program, io, setExit)
  registerSchemaCommand(program, io, setExit)
  registerDemoCommand(program, io, setExit)
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
      io.stderr.write(`modelgate: ${error.format()}\n`)
      if (debug && error.stack) io.stderr.write(`${error.stack}\n`)
      return EXIT.error
    }
    const message = error instanceof Error ? error.message : String(error)
    io.stderr.write(`modelgate: unexpected error: ${message}\n`)
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`)
    else io.stderr.write('(run with --debug for the stack trace, and please report it)\n')
    return EXIT.error
  }
}
