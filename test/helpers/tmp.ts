import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** A scratch directory with files; removed by `cleanup`. */
export function scratchDir(files: Record<string, string> = {}): {
  dir: string
  write: (name: string, text: string) => string
  cleanup: () => void
} {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-test-'))
  const write = (name: string, text: string): string => {
    const path = join(dir, name)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, text)
    return path
  }
  for (const [name, text] of Object.entries(files)) write(name, text)
  return { dir, write, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}
