import type { Command } from 'commander'
import { ModelgateError } from '../../errors.js'
import type { CliIO } from '../io.js'

// Placeholder until the issue that owns `modelgate history` lands; replaced, never shipped as is.
export function registerHistoryCommand(program: Command, _io: CliIO, setExit: (code: number) => void): void {
  program
    .command('history')
    .description('history (not yet built)')
    .action(() => {
      setExit(2)
      throw new ModelgateError('internal', 'modelgate history is not built yet')
    })
}
