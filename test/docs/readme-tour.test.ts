import { describe, expect, it } from '@jest/globals'
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseMarkdown, readPage, ROOT } from './markdown.js'

/**
 * The README's five-minute tour, run as written from the clone's root with the real `npx` (offline,
 * so it can only find the clone's own `modelgate`), in one shell as a reader would paste it.
 */

function tourSection(): string {
  const readme = readPage('README.md')
  const start = readme.indexOf('\n## Five-minute tour\n')
  expect(start).toBeGreaterThanOrEqual(0)
  const end = readme.indexOf('\n## ', start + 1)
  return readme.slice(start, end)
}

/** A command line run from the clone's root as a reader would paste it, offline. */
function runAsWritten(script: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync('bash', ['-euo', 'pipefail', '-c', script], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      npm_config_offline: 'true',
      npm_config_update_notifier: 'false',
      NO_COLOR: '1',
      ...env
    },
    timeout: 120_000
  })
}

describe('README five-minute tour', () => {
  const { blocks } = parseMarkdown(tourSection())
  const commands = blocks.filter((block) => block.lang === 'sh')
  const shownOutput = blocks.find((block) => block.lang === '')

  it('has the commands and the output it promises', () => {
    expect(commands.length).toBeGreaterThanOrEqual(3)
    expect(shownOutput?.text).toContain('decision: PROMOTE')
  })

  it('dist/cli.js is committed executable, so npx does not change the clone', () => {
    expect(statSync(join(ROOT, 'dist/cli.js')).mode & 0o111).not.toBe(0)
  })

  it('every command runs as written and prints what the README shows', () => {
    const outputs: string[] = []
    for (const [index, block] of commands.entries()) {
      const run = runAsWritten(block.text)
      expect({ block: index + 1, status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({
        block: index + 1,
        status: 0,
        stderr: ''
      })
      outputs.push(run.stdout)
    }
    // Step 1's output is shown verbatim (the `cd -` line prints the directory it returns to first).
    expect(outputs[0]).toContain(shownOutput!.text.trim())
    expect(outputs[1]).toMatch(/^v1\.0\.0$/m)
    expect(outputs[1]).toMatch(/fraud_detector#staging#1/)
    // Time travel to before the first promotion: no stage held a version.
    expect(outputs[1]).toMatch(/^exit 1: no stage held a version then$/m)
    expect(outputs[1]).toMatch(/would block\s+auc-floor: 0\.93 < min 0\.95/)
    expect(outputs[1]).toMatch(/^exit 1: a past decision would change$/m)
    expect(outputs[2]).toMatch(/^max psi \d/m)
    expect(outputs[3]).toMatch(/^verified: fraud_detector@v7\.0\.0 /m)
    expect(outputs[3]).toMatch(
      /^not verified: the record is not the one that was signed \(it differs at version\)$/m
    )
    expect(outputs[3]).toMatch(/^exit 1$/m)
  })

  it('step 5 runs as written: the demo leaves nothing behind, and --keep keeps a registry to inspect', () => {
    const step = tourSection().slice(tourSection().indexOf('**5.'))
    const inline = [...step.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)
    expect(inline).toEqual(
      expect.arrayContaining(['npm run demo', 'npx modelgate demo --keep', 'git tag -n1'])
    )
    // The demo makes its scratch registry under TMPDIR: a directory of the test's own shows what is left.
    const scratch = mkdtempSync(join(tmpdir(), 'tour-demo-'))
    try {
      const demo = runAsWritten('npm run demo', { TMPDIR: scratch })
      expect({ status: demo.status, stderr: demo.status === 0 ? '' : demo.stderr }).toEqual({
        status: 0,
        stderr: ''
      })
      expect(demo.stdout).toMatch(/rollback/)
      expect(readdirSync(scratch)).toEqual([])

      const kept = runAsWritten('npx modelgate demo --keep', { TMPDIR: scratch })
      expect(kept.status).toBe(0)
      const [registry, ...others] = readdirSync(scratch)
      expect(others).toEqual([])
      const tags = runAsWritten(`git -C "${join(scratch, registry!)}" tag -n1`)
      expect(tags.stdout).toMatch(/^fraud_detector#prod#\d+ /m)
      expect(tags.stdout).toMatch(/^fraud_detector@v1\.0\.0 /m)
    } finally {
      rmSync(scratch, { recursive: true, force: true })
    }
  })
})
