import { readFile } from 'node:fs/promises'
import { isAbsolute, relative, resolve } from 'node:path'
import { EvidenceError } from '../errors.js'
import type { EvidenceSource, SourceFile } from './source.js'

/** Evidence from the local file system (the CLI, and the action for specs without `artifact:`). */
export class LocalEvidenceSource implements EvidenceSource {
  constructor(private readonly baseDir: string) {}

  async read(name: string, _spec: unknown, path: string): Promise<SourceFile> {
    const absolute = isAbsolute(path) ? path : resolve(this.baseDir, path)
    const display = isAbsolute(path) ? path : relative(this.baseDir, absolute) || path
    try {
      return { display, bytes: await readFile(absolute) }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      const reason =
        code === 'ENOENT'
          ? 'no such file'
          : code === 'EISDIR'
            ? 'is a directory'
            : code === 'EACCES'
              ? 'permission denied'
              : String(code)
      throw new EvidenceError(`evidence "${name}": cannot read: ${reason}`, { file: display })
    }
  }
}
