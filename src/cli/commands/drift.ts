import type { Command } from 'commander'
import { ModelgateError } from '../../errors.js'
import type { CliIO } from '../io.js'

// Placeholder until the issue that owns `modelgate drift` lands; replaced, never shipped as is.
export function registerDriftCommand(program: Command, _io: CliIO, setExit: (code: number) => void): void {
  program
    .command('drift')
    .description('drift (not yet built)')
    .action(() => {
      setExit(2)
      throw new ModelgateError('internal', 'modelgate drift is not built yet')
    })
}
