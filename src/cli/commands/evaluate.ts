import type { Command } from 'commander'
import { ModelgateError } from '../../errors.js'
import type { CliIO } from '../io.js'

// Placeholder until the issue that owns `modelgate evaluate` lands; replaced, never shipped as is.
export function registerEvaluateCommand(program: Command, _io: CliIO, setExit: (code: number) => void): void {
  program
    .command('evaluate')
    .description('evaluate (not yet built)')
    .action(() => {
      setExit(2)
      throw new ModelgateError('internal', 'modelgate evaluate is not built yet')
    })
}
