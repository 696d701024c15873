import type { Command } from 'commander'
import { ModelgateError } from '../../errors.js'
import type { CliIO } from '../io.js'

// Placeholder until the issue that owns `modelgate schema` lands; replaced, never shipped as is.
export function registerSchemaCommand(program: Command, _io: CliIO, setExit: (code: number) => void): void {
  program
    .command('schema')
    .description('schema (not yet built)')
    .action(() => {
      setExit(2)
      throw new ModelgateError('internal', 'modelgate schema is not built yet')
    })
}
