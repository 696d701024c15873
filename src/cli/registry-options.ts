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
