import { readFile, realpath } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { EvidenceError } from '../errors.js'
import { pathFromRoot } from '../policy/source-path.js'
import type { EvidenceSource, SourceFile } from './source.js'

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  ELOOP: 'too many symbolic links'
}

const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

/**
 * Evidence from the local file system (the CLI, and the action for specs without `artifact:`),
 * confined to one directory: the CLI's working directory, the action's workspace. A path that is
 * absolute and outside it, climbs out with `..`, or reaches out through a symbolic link is
 * refused before anything is read: a policy or a committed symlink must not turn a file
 * elsewhere on the machine (credentials, the runner's environment) into evidence.
 */
export class LocalEvidenceSource implements EvidenceSource {
  constructor(
    private readonly baseDir: string,
    /** How messages name the directory: `the working directory`, `the workspace`. */
    private readonly rootLabel = 'the working directory',
    /**
     * The repository root: records name files relative to it (messages keep `display`, relative
     * to `baseDir`). Absent: records name them as messages do.
     */
    private readonly repositoryRoot?: string
  ) {}

  async read(name: string, _spec: unknown, path: string): Promise<SourceFile> {
    const root = resolve(this.baseDir)
    const absolute = resolve(root, path)
    const display = isAbsolute(path) ? path : relative(root, absolute) || path
    const refuse = (why: string): never => {
      throw new EvidenceError(
        `evidence "${name}": ${why}; evidence files must be inside ${this.rootLabel} (${root}) or come from an artifact`,
        { file: display }
      )
    }
    if (!inside(root, absolute))
      refuse(isAbsolute(path) ? 'the path is outside' : 'the path climbs out with ".."')
    let real: string
    try {
      real = await realpath(absolute)
    } catch (error) {
      throw this.unreadable(name, display, error)
    }
    const realRoot = await realpath(root).catch(() => root)
    if (!inside(realRoot, real)) refuse('a symbolic link leads outside')
    const recorded =
      this.repositoryRoot === undefined ? null : pathFromRoot(resolve(this.repositoryRoot), absolute)
    try {
      return {
        display,
        bytes: await readFile(real),
        ...(recorded !== null && recorded !== display && { recorded })
      }
    } catch (error) {
      throw this.unreadable(name, display, error)
    }
  }

  private unreadable(name: string, display: string, error: unknown): EvidenceError {
    const code = (error as NodeJS.ErrnoException).code
    return new EvidenceError(`evidence "${name}": cannot read: ${REASONS[code ?? ''] ?? String(code)}`, {
      file: display
    })
  }
}
