import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import type { Command } from 'commander'
import { GitRegistry } from '../registry/git.js'
import type { CliIO } from './io.js'

export function addRegistryFlag(command: Command): Command {
  return command.option(
    '--registry <dir>',
    'git repository holding the registry tags (default: the current one)'
  )
}

export function gitRegistry(flags: { registry?: string }, io: CliIO): GitRegistry {
  return new GitRegistry(resolve(io.cwd, flags.registry ?? '.'))
}

/** Whether `dir` is inside a git repository (one `git rev-parse`; no repository, no registry). */
export function isGitRepository(dir: string): boolean {
  try {
    execFileSync('git', ['rev-parse', '--git-dir'], {
      cwd: dir,
      stdio: 'ignore',
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }
    })
    return true
  } catch {
    return false
  }
}
