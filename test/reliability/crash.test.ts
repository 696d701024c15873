import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildAction } from '../e2e/runner.js'
import { gitRepo } from '../helpers/git.js'
import { scratchDir } from '../helpers/tmp.js'

/*
 * A promote killed with SIGKILL between any two of its writes leaves a registry that resolve and
 * history read correctly, and the next promote succeeds. A `git` shim first on PATH counts the
 * commands that write (tag objects, refs) and SIGKILLs the promoting process right after the Nth,
 * so every gap between writes is covered without any hook in modelgate itself.
 */

const REAL_GIT = execFileSync('which', ['git'], { encoding: 'utf8' }).trim()
// Runs the current sources (not dist/), bundled as the release is (test/e2e/runner.ts).
let CLI: string[]
const POLICY = `version: 1
model: churn
stages: [dev, staging, prod]
transitions:
  - to: staging
    gates: [{ id: auc, metric: offline.auc, min: 0.5 }]
`

let shim: ReturnType<typeof scratchDir>
beforeAll(async () => {
  CLI = [(await buildAction()).cli]
  shim = scratchDir()
  mkdirSync(join(shim.dir, 'bin'))
  const script = `#!/bin/sh
"${REAL_GIT}" "$@"
status=$?
case " $* " in
  *" mktag "*|*" update-ref "*|*" tag "*|*" hash-object "*)
    n=$(($(cat "$CRASH_COUNTER" 2>/dev/null || echo 0) + 1))
    echo "$n" > "$CRASH_COUNTER"
    if [ "$n" = "$CRASH_AFTER" ]; then kill -9 "$PPID"; fi ;;
esac
exit $status
`
  writeFileSync(join(shim.dir, 'bin', 'git'), script)
  chmodSync(join(shim.dir, 'bin', 'git'), 0o755)
}, 120_000)
afterAll(() => shim.cleanup())

function cli(cwd: string, args: string[], crashAfter?: number) {
  const counter = join(cwd, '.crash-counter')
  writeFileSync(counter, '0')
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${join(shim.dir, 'bin')}:${process.env.PATH}`,
    CRASH_COUNTER: counter
  }
  if (crashAfter !== undefined) env.CRASH_AFTER = String(crashAfter)
  const result = spawnSync(process.execPath, [...CLI, ...args], { cwd, env, encoding: 'utf8' })
  return {
    status: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
    writes: Number(readFileSync(counter, 'utf8'))
  }
}

function setUp() {
  const repo = gitRepo()
  repo.write('policy.yaml', POLICY)
  repo.write('offline.json', '{"auc": 0.9}')
  for (const version of ['1', '2']) {
    repo.commit(`train ${version}`)
    expect(cli(repo.dir, ['register', '--model', 'churn', '--version', version]).status).toBe(0)
  }
  expect(
    cli(repo.dir, [
      'promote',
      '--policy',
      'policy.yaml',
      '--model',
      'churn',
      '--version',
      '1',
      '--to',
      'staging',
      '--evidence',
      'offline=offline.json'
    ]).status
  ).toBe(0)
  return repo
}

const promote2 = [
  'promote',
  '--policy',
  'policy.yaml',
  '--model',
  'churn',
  '--version',
  '2',
  '--to',
  'staging',
  '--evidence',
  'offline=offline.json'
]

describe('crash consistency of the local registry', () => {
  it('survives SIGKILL after every write of a promote', () => {
    // How many writes a whole promote of v2 (assignment + archival of v1) makes.
    const probe = setUp()
    const clean = cli(probe.dir, promote2)
    probe.cleanup()
    expect(clean.status).toBe(0)
    expect(clean.writes).toBeGreaterThanOrEqual(2)

    for (let crashAfter = 1; crashAfter < clean.writes; crashAfter++) {
      const repo = setUp()
      try {
        const killed = cli(repo.dir, promote2, crashAfter)
        expect(killed.signal).toBe('SIGKILL')
        expect(killed.writes).toBe(crashAfter)

        const resolved = cli(repo.dir, [
          'resolve',
          '--model',
          'churn',
          '--stage',
          'staging',
          '--format',
          'json'
        ])
        expect(resolved.status).toBe(0)
        const versions = JSON.parse(resolved.stdout).versions.map((v: { version: string }) => v.version)
        // Either the promotion happened (v2 alone) or it did not (v1 alone); never both, never none.
        expect([['v1.0.0'], ['v2.0.0']]).toContainEqual(versions)
        const history = cli(repo.dir, ['history', '--model', 'churn', '--format', 'json'])
        expect(history.status).toBe(0)
        const events = JSON.parse(history.stdout).events as Array<{
          kind: string
          version: string | null
          tag: string
        }>
        expect(events.every((e) => e.version !== null)).toBe(true)
        if (versions[0] === 'v2.0.0')
          expect(events.some((e) => e.kind === 'promotion' && e.version === 'v2.0.0')).toBe(true)

        // The next promote succeeds and leaves the registry whole.
        repo.commit('train 3')
        expect(cli(repo.dir, ['register', '--model', 'churn', '--version', '3']).status).toBe(0)
        const next = cli(repo.dir, [
          'promote',
          '--policy',
          'policy.yaml',
          '--model',
          'churn',
          '--version',
          '3',
          '--to',
          'staging',
          '--evidence',
          'offline=offline.json'
        ])
        expect(next.stderr).toBe('')
        expect(next.status).toBe(0)
        const after = cli(repo.dir, ['resolve', '--model', 'churn', '--stage', 'staging']).stdout.trim()
        expect(after).toBe('v3.0.0')
        const fsck = spawnSync(REAL_GIT, ['fsck', '--no-dangling'], { cwd: repo.dir, encoding: 'utf8' })
        expect(fsck.status).toBe(0)
      } finally {
        repo.cleanup()
      }
    }
  })
})
