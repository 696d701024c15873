import { isAbsolute, relative, sep } from 'node:path'

/**
 * How a record names a file: relative to the repository root with `/` separators, so the record
 * means the same on every clone and never carries the absolute path of the machine that wrote it.
 * Null when the file is not inside `root`.
 */
export function pathFromRoot(root: string, absolute: string): string | null {
  const rel = relative(root, absolute)
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null
  return rel.split(sep).join('/')
}
