import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { scratchDir } from '../helpers/tmp.js'

/*
 * The committed bundle, started as users and runners start it. CI checks dist/ is fresh, so
 * these exercise exactly what ships.
 */

const run = promisify(execFile)
const CLI = resolve('dist/cli.js')
const ACTION = resolve('dist/index.js')

async function node(args: string[], options: { cwd: string; env?: Record<string, string> }) {
  try {
    const { stdout, stderr } = await run(process.execPath, args, {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', ...options.env }
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

let churn: ReturnType<typeof scratchDir>
beforeAll(() => {
  churn = scratchDir()
  cpSync('test/fixtures/examples/churn-v3', churn.dir, { recursive: true })
})
afterAll(() => churn.cleanup())

describe('dist/cli.js', () => {
  it('evaluates the churn example and exits 0', async () => {
    const result = await node(
      [
        CLI,
        'evaluate',
        '--policy',
        'policy.yaml',
        '--model',
        'churn_classifier',
        '--version',
        '3',
        '--to',
        'staging',
        '--evidence',
        'offline=offline.json',
        '--evidence',
        'schema=schema.json',
        '--evidence',
        'checks=checks.json',
        '--evidence',
        'security=security.json',
        '--evidence',
        'lineage=lineage.json',
        '--baseline-evidence',
        'offline=baseline-offline.json',
        '--baseline-evidence',
        'schema=baseline-schema.json',
        '--format',
        'json'
      ],
      { cwd: churn.dir }
    )
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ decision: 'promote', version: 'v3.0.0' })
  })

  it('exits 2 with one line on a usage error', async () => {
    const result = await node([CLI, 'evaluate', '--policy', 'policy.yaml'], { cwd: churn.dir })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/required option '--model <name>' not specified/)
  })

  it('dist/lib.js exports the library API', async () => {
    const lib = (await import(resolve('dist/lib.js'))) as Record<string, unknown>
    for (const name of [
      'loadPolicy',
      'parsePolicy',
      'evaluate',
      'countApprovals',
      'policyJsonSchema',
      'decisionToJson'
    ]) {
      expect(typeof lib[name]).toBe('function')
    }
  })
})

describe('dist/index.js as the runner starts it', () => {
  it('evaluates local evidence, writes outputs and the job summary', async () => {
    const outputs = join(churn.dir, 'github_output')
    const summary = join(churn.dir, 'step_summary')
    writeFileSync(outputs, '')
    writeFileSync(summary, '')
    const result = await node([ACTION], {
      cwd: churn.dir,
      env: {
        GITHUB_WORKSPACE: churn.dir,
        GITHUB_OUTPUT: outputs,
        GITHUB_STEP_SUMMARY: summary,
        INPUT_COMMAND: 'evaluate',
        INPUT_POLICY: 'policy.yaml',
        INPUT_MODEL: 'churn_classifier',
        INPUT_VERSION: '3',
        INPUT_TO: 'staging',
        INPUT_EVIDENCE:
          'offline=offline.json\nschema=schema.json\nchecks=checks.json\nsecurity=security.json\nlineage=lineage.json',
        'INPUT_BASELINE-EVIDENCE': 'offline=baseline-offline.json\nschema=baseline-schema.json',
        'INPUT_GITHUB-TOKEN': 'ghs_secretTokenValue123',
        'INPUT_DRY-RUN': 'false'
      }
    })
    expect(result.code).toBe(0)
    const written = readFileSync(outputs, 'utf8')
    expect(written).toMatch(/decision<<ghadelimiter_[\w-]+\npromote\n/)
    expect(written).toMatch(/version<<ghadelimiter_[\w-]+\nv3\.0\.0\n/)
    expect(readFileSync(summary, 'utf8')).toContain('| auc-vs-baseline | ✅ pass | 0.88 |')
    // The token appears once, in the ::add-mask:: command the runner consumes, and nowhere else.
    expect(result.stdout.split('\n')).toContain('::add-mask::ghs_secretTokenValue123')
    const everything = [result.stdout, result.stderr, written, readFileSync(summary, 'utf8')].join('\n')
    expect(everything.replace('::add-mask::ghs_secretTokenValue123', '')).not.toContain(
      'ghs_secretTokenValue123'
    )
  })
})
