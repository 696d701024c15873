import type { Command } from 'commander'
import { ModelgateError } from '../../errors.js'
import type { CliIO } from '../io.js'

// Placeholder until the issue that owns `modelgate rollback` lands; replaced, never shipped as is.
export function registerRollbackCommand(program: Command, _io: CliIO, setExit: (code: number) => void): void {
  program
    .command('rollback')
    .description('rollback (not yet built)')
    .action(() => {
      setExit(2)
      throw new ModelgateError('internal', 'modelgate rollback is not built yet')
    })
}
