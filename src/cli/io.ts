/** The CLI's edges: where it writes, what environment it sees. Tests pass their own. */
export interface CliIO {
  stdout: { write(chunk: string): unknown; isTTY?: boolean }
  stderr: { write(chunk: string): unknown; isTTY?: boolean }
  env: Readonly<Record<string, string | undefined>>
  cwd: string
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }
}

/** Exit codes shared by every command (docs/cli.md#exit-codes). */
export const EXIT = { ok: 0, blocked: 1, error: 2 } as const
