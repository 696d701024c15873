import type { Command } from 'commander'
import { ModelgateError } from '../../errors.js'
import type { CliIO } from '../io.js'

// Placeholder until the issue that owns `modelgate demo` lands; replaced, never shipped as is.
export function registerDemoCommand(program: Command, _io: CliIO, setExit: (code: number) => void): void {
  program
    .command('demo')
    .description('demo (not yet built)')
    .action(() => {
      setExit(2)
      throw new ModelgateError('internal', 'modelgate demo is not built yet')
    })
}
