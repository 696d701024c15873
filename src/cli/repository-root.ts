import { stat } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'

/**
 * The work tree containing `start`: the nearest directory upwards holding a `.git` entry (a
 * directory, or the file a worktree or submodule has). Null outside any repository. Read from
 * the file system rather than by running git, so it works where git is not installed.
 */
export async function findRepositoryRoot(start: string): Promise<string | null> {
  let dir = resolve(start)
  for (;;) {
    const found = await stat(resolve(dir, '.git')).then(
      () => true,
      () => false
    )
    if (found) return dir
    const parent = dirname(dir)
    if (parent === dir) return null
    dir = parent
  }
}
