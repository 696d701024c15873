import type { Command } from 'commander'
import { ModelgateError } from '../../errors.js'
import type { CliIO } from '../io.js'

// Placeholder until the issue that owns `modelgate fairness` lands; replaced, never shipped as is.
export function registerFairnessCommand(program: Command, _io: CliIO, setExit: (code: number) => void): void {
  program
    .command('fairness')
    .description('fairness (not yet built)')
    .action(() => {
      setExit(2)
      throw new ModelgateError('internal', 'modelgate fairness is not built yet')
    })
}
