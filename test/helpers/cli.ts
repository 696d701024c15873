import { main } from '../../src/cli/main.js'
import type { CliIO } from '../../src/cli/io.js'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** Runs the CLI in-process with captured output, as a user would type it in `cwd`. */
export async function runCli(
  argv: string[],
  options: { cwd?: string; env?: Record<string, string>; tty?: boolean } = {}
): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const io: CliIO = {
    stdout: { write: (chunk: string) => (stdout += chunk), isTTY: options.tty ?? false },
    stderr: { write: (chunk: string) => (stderr += chunk), isTTY: false },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd()
  }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}
