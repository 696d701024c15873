import { describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

/*
 * `.ci/run` checks every workflow file and action.yml with GitHub's own parser
 * (scripts/check-workflows.ts, through tsx as CI runs it). It passes on the repository's files,
 * accepts what the stale validators reject (`vars`, `using: node24`), and fails on a broken file.
 */

const exec = promisify(execFile)

async function check(...files: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await exec(
      process.execPath,
      ['--import', 'tsx', 'scripts/check-workflows.ts', ...files],
      {
        env: { ...process.env, NODE_OPTIONS: '' }
      }
    )
    return { code: 0, stdout }
  } catch (error) {
    const e = error as { code?: number; stdout?: string }
    return { code: e.code ?? -1, stdout: e.stdout ?? '' }
  }
}

function scratch(files: Record<string, string>): { dir: string; paths: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-workflows-'))
  return {
    dir,
    paths: Object.entries(files).map(([name, content]) => {
      writeFileSync(join(dir, name), content)
      return join(dir, name)
    })
  }
}

describe('scripts/check-workflows.ts', () => {
  it('finds the repository workflows, the docs examples and action.yml valid', async () => {
    const result = await check()
    expect(result.stdout).toMatch(/checked \d+ file\(s\): valid/)
    expect(Number(/checked (\d+)/.exec(result.stdout)![1])).toBeGreaterThanOrEqual(7)
    expect(result.code).toBe(0)
  }, 120_000)

  it('accepts the vars context and node24, and fails on broken workflows and manifests, naming file and line', async () => {
    const { dir, paths } = scratch({
      'good.yml':
        'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ vars.MODEL }}"\n',
      'action.yml': 'name: x\ndescription: y\nruns:\n  using: node24\n  main: index.js\n'
    })
    try {
      expect(await check(...paths)).toEqual({ code: 0, stdout: 'checked 2 file(s): valid\n' })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    const broken = scratch({
      'both.yml':
        'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        run: echo both\n',
      'action.yml': 'name: x\ndescription: y\nruns:\n  using: node99\n  main: index.js\n'
    })
    try {
      const result = await check(...broken.paths)
      expect(result.code).toBe(1)
      expect(result.stdout).toContain(
        `${broken.paths[0]}: ${broken.paths[0]} (Line: 7, Col: 9): Unexpected value 'run'`
      )
      expect(result.stdout).toContain("(Line: 4, Col: 10): Unexpected value 'node99'")
      expect(result.stdout).toContain('checked 2 file(s): 2 problem(s)')
    } finally {
      rmSync(broken.dir, { recursive: true, force: true })
    }
  }, 120_000)
})
