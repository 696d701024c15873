import type { Command } from 'commander'
import { ModelgateError } from '../../errors.js'
import type { CliIO } from '../io.js'

// Placeholder until the issue that owns `modelgate register` lands; replaced, never shipped as is.
export function registerRegisterCommand(program: Command, _io: CliIO, setExit: (code: number) => void): void {
  program
    .command('register')
    .description('register (not yet built)')
    .action(() => {
      setExit(2)
      throw new ModelgateError('internal', 'modelgate register is not built yet')
    })
}
