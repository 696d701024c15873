import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '../helpers/cli.js'

describe('modelgate demo', () => {
  it('runs the whole lifecycle offline and leaves nothing behind', async () => {
    // A temp directory of this test's own: other test files (replay) make demo registries of
    // their own at the same time, so the shared one cannot show what this run left behind.
    const own = mkdtempSync(join(tmpdir(), 'demo-test-'))
    const run = await runCli(['demo'], { env: { TMPDIR: own } })
    const left = readdirSync(own)
    rmSync(own, { recursive: true, force: true })
    const { code, stdout, stderr } = run
    expect(stderr).not.toMatch(/expected exit|stopping/)
    expect(code).toBe(0)
    expect(stdout).toContain('recorded in tag fraud_detector#prod#5; canary at 10%')
    expect(stdout).toContain('archived v1.0.0 from prod')
    expect(stdout).toMatch(/auc-floor: 0\.87 < min 0\.9\nrecorded in tag fraud_detector@blocked#\d+/)
    expect(stdout).toMatch(/rolled back prod to v1\.0\.0/)
    const history = stdout.slice(stdout.lastIndexOf('TIME '))
    expect(
      history
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(/\s{2,}/)[1])
    ).toEqual([
      'registration',
      'promotion',
      'promotion',
      'registration',
      'promotion',
      'archival',
      'promotion',
      'promotion',
      'promotion',
      'archival',
      'registration',
      'blocked',
      'rollback',
      'archival'
    ])
    expect(left).toEqual([])
  })
})
