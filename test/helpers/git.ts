import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { scratchDir } from './tmp.js'

/** A scratch git repository with a local identity (CI machines have no global one). */
export function gitRepo() {
  const scratch = scratchDir()
  const gitWith = (env: Record<string, string>, ...args: string[]): string =>
    execFileSync('git', args, {
      cwd: scratch.dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...env }
    }).trim()
  const git = (...args: string[]): string => gitWith({}, ...args)
  /** Tags as another tool wrote them, at a given time (git dates have one-second resolution). */
  const tagAt = (seconds: number, ...args: string[]): string =>
    gitWith({ GIT_COMMITTER_DATE: `${1763800000 + seconds} +0000` }, 'tag', ...args)
  git('init', '-q', '-b', 'main')
  git('config', 'user.name', 'Test Tagger')
  git('config', 'user.email', 'tagger@example.invalid')
  git('config', 'tag.gpgsign', 'false')
  git('config', 'commit.gpgsign', 'false')
  let n = 0
  const commit = (message = `commit ${++n}`): string => {
    writeFileSync(join(scratch.dir, 'file.txt'), `${message}\n`)
    git('add', '-A')
    git('commit', '-q', '-m', message)
    return git('rev-parse', 'HEAD')
  }
  commit('initial')
  return { dir: scratch.dir, git, tagAt, commit, write: scratch.write, cleanup: scratch.cleanup }
}
