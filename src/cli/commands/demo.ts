import type { Command } from 'commander'
import { runDemo } from '../../demo/demo.js'
import type { CliIO } from '../io.js'
import { useColor } from '../render.js'

export function registerDemoCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('demo')
    .description(
      'a whole lifecycle in a scratch git repository: register, promote, canary, a blocked attempt, rollback, history'
    )
    .option('--keep', 'keep the scratch repository and print where it is')
    .action(async (flags: { keep?: boolean }) => {
      // The CLI's environment, not the process's: TMPDIR as the user's shell (or a test) set it.
      const tempDir = io.env.TMPDIR || undefined
      setExit(
        await runDemo(io, { keep: Boolean(flags.keep), color: useColor(io), ...(tempDir && { tempDir }) })
      )
    })
}
