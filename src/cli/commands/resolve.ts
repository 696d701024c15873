import type { Command } from 'commander'
import { ModelgateError } from '../../errors.js'
import type { CliIO } from '../io.js'

// Placeholder until the issue that owns `modelgate resolve` lands; replaced, never shipped as is.
export function registerResolveCommand(program: Command, _io: CliIO, setExit: (code: number) => void): void {
  program
    .command('resolve')
    .description('resolve (not yet built)')
    .action(() => {
      setExit(2)
      throw new ModelgateError('internal', 'modelgate resolve is not built yet')
    })
}
