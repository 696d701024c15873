import type { Command } from 'commander'
import { ModelgateError } from '../../errors.js'
import type { CliIO } from '../io.js'

// Placeholder until the issue that owns `modelgate promote` lands; replaced, never shipped as is.
export function registerPromoteCommand(program: Command, _io: CliIO, setExit: (code: number) => void): void {
  program
    .command('promote')
    .description('promote (not yet built)')
    .action(() => {
      setExit(2)
      throw new ModelgateError('internal', 'modelgate promote is not built yet')
    })
}
