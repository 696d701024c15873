import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { reportDecision, reportResolve, reportRollback } from '../../src/action/summary.js'
import type { Decision } from '../../src/gates/types.js'
import { parseOutputFile } from '../e2e/runner.js'
import { scratchDir } from '../helpers/tmp.js'

let dir: ReturnType<typeof scratchDir>
let stdout: string[]
const saved = { ...process.env }

// The toolkit's summary remembers its file on first use: one file for the whole suite, emptied per test.
beforeAll(() => {
  dir = scratchDir()
})
afterAll(() => dir.cleanup())
beforeEach(() => {
  process.env.GITHUB_STEP_SUMMARY = dir.write('summary', '')
  process.env.GITHUB_OUTPUT = dir.write('output', '')
  stdout = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    stdout.push(String(chunk))
    return true
  })
})
afterEach(() => {
  jest.restoreAllMocks()
  process.env = { ...saved }
})

const hostile =
  '<img src=x onerror=alert(1)> **bold** [link](javascript:alert(1)) @org/team #1 | pipe\n\u001b[31mred'

function decision(): Decision {
  return {
    model: 'fraud',
    version: 'v3.0.0',
    from: 'staging',
    to: 'prod',
    decision: 'block',
    gates: [
      {
        id: 'latency-p95',
        kind: 'metric',
        status: 'fail',
        severity: 'block',
        optional: false,
        blocking: true,
        metric: 'online.latency_p95_ms',
        observed: 95,
        threshold: 'max 80',
        message: '95 > max 80'
      },
      {
        id: 'notes',
        kind: 'metric',
        status: 'warn',
        severity: 'warn',
        optional: false,
        blocking: false,
        observed: hostile,
        message: hostile
      }
    ],
    approvals: {
      required: 2,
      received: 1,
      status: 'fail',
      environments: ['prod-owner', 'prod-reviewer'],
      approvers: [{ user: 'alice', environment: 'prod-owner', comment: hostile }],
      ignored: [{ user: 'carol', environment: 'prod-reviewer', reason: 'triggered the run (self-approval)' }],
      message: '1 of 2 required approvals (alice (prod-owner)) from environments prod-owner, prod-reviewer'
    },
    reasons: ['latency-p95: 95 > max 80', `notes: ${hostile}`]
  }
}

describe('reportDecision', () => {
  it('writes outputs, one error annotation per failing gate titled by its id, and an escaped summary', async () => {
    await reportDecision({
      decision: decision(),
      links: {
        tag: 'fraud@blocked#4',
        release: 'https://github.example/acme/models/releases/tag/x',
        record: 'javascript:alert(1)',
        run: 'https://github.example/run'
      },
      archived: []
    })
    const outputs = parseOutputFile(readFileSync(process.env.GITHUB_OUTPUT!, 'utf8'))
    expect(outputs).toMatchObject({
      decision: 'block',
      version: 'v3.0.0',
      stage: 'prod',
      'failed-gates': 'latency-p95',
      'release-url': 'https://github.example/acme/models/releases/tag/x',
      tag: 'fraud@blocked#4'
    })
    const annotations = stdout
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('::'))
    expect(annotations[0]).toBe('::error title=latency-p95::95 > max 80')
    expect(annotations.some((a) => a.startsWith('::warning title=notes::'))).toBe(true)
    expect(annotations.some((a) => a.startsWith('::error title=approvals::1 of 2 required approvals'))).toBe(
      true
    )
    // Control characters never reach the log; newlines inside a message are escaped by the toolkit.
    expect(stdout.join('')).not.toContain('\u001b')

    const summary = readFileSync(process.env.GITHUB_STEP_SUMMARY!, 'utf8')
    expect(summary).not.toContain('<img')
    expect(summary).not.toMatch(/[^\\]\]\(javascript:/)
    expect(summary).not.toContain('@org')
    expect(summary).not.toContain('\u001b')
    expect(summary).toContain('&lt;img')
    expect(summary).toMatch(/\| alice \| prod-owner \| yes \|/)
    expect(summary).toContain('triggered the run (self-approval)')
    expect(summary).toContain('[release](https://github.example/acme/models/releases/tag/x)')
    expect(summary).toContain('record.json') // the unsafe link is plain text
    expect(summary).toContain('`fraud@blocked#4`')
  })

  it('says a dry run wrote nothing and leaves the link outputs empty', async () => {
    await reportDecision({
      decision: { ...decision(), decision: 'promote', gates: [] },
      dryRun: true,
      links: { release: 'https://x.example' }
    })
    const outputs = parseOutputFile(readFileSync(process.env.GITHUB_OUTPUT!, 'utf8'))
    expect(outputs).toMatchObject({ decision: 'promote', 'release-url': '', 'record-url': '', tag: '' })
    expect(readFileSync(process.env.GITHUB_STEP_SUMMARY!, 'utf8')).toContain('nothing was written')
  })
})

describe('reportRollback', () => {
  it('reports the triggers and the version moved back to', async () => {
    writeFileSync(process.env.GITHUB_OUTPUT!, '')
    await reportRollback({
      model: 'fraud',
      stage: 'prod',
      current: 'v2.0.0',
      triggers: [
        { metric: 'online.latency_p95_ms', status: 'fired', message: `latency above 80 for 10m ${hostile}` }
      ],
      fired: true,
      rolledBackTo: 'v1.0.0',
      links: { tag: 'fraud#prod#9' }
    })
    const outputs = parseOutputFile(readFileSync(process.env.GITHUB_OUTPUT!, 'utf8'))
    expect(outputs).toMatchObject({
      decision: 'rollback',
      'rollback-to': 'v1.0.0',
      version: 'v1.0.0',
      tag: 'fraud#prod#9'
    })
    const summary = readFileSync(process.env.GITHUB_STEP_SUMMARY!, 'utf8')
    expect(summary).toContain('🔥 fired')
    expect(summary).not.toContain('<img')
  })

  it('resolve: the newest version with commit, digest and URI as outputs; a canary shows both versions, verified or not', async () => {
    const sha = 'a'.repeat(40)
    await reportResolve({
      model: 'fraud',
      stage: 'prod',
      occupants: [
        {
          version: 'v2.0.0',
          commit: sha,
          model_digest: `sha256:${'b'.repeat(64)}`,
          model_uri: 's3://models/fraud/v2',
          weight: 10,
          since: '2026-06-01T12:00:00Z',
          tag: 'fraud#prod#5',
          verified: true
        },
        {
          version: 'v1.0.0',
          commit: null,
          model_digest: null,
          model_uri: null,
          weight: 90,
          since: null,
          tag: 'fraud#prod#2',
          verified: false
        }
      ]
    })
    const outputs = parseOutputFile(readFileSync(process.env.GITHUB_OUTPUT!, 'utf8'))
    expect(outputs).toMatchObject({
      decision: 'found',
      version: 'v2.0.0',
      commit: sha,
      'model-digest': `sha256:${'b'.repeat(64)}`,
      'model-uri': 's3://models/fraud/v2',
      // Mid-canary: a job that swaps whole models sees the newest version is not the whole stage.
      weight: '10'
    })
    const summary = readFileSync(process.env.GITHUB_STEP_SUMMARY!, 'utf8')
    expect(summary).toContain(
      '- `v2.0.0` · at 10% · commit `aaaaaaaaaaaa` · model `s3://models/fraud/v2` · verified'
    )
    expect(summary).toContain('- `v1.0.0` · at 90% · **not verified** (no modelgate record)')
  })

  it('resolve: an empty stage leaves commit, digest and URI empty', async () => {
    await reportResolve({ model: 'fraud', stage: 'prod', occupants: [] })
    const outputs = parseOutputFile(readFileSync(process.env.GITHUB_OUTPUT!, 'utf8'))
    expect(outputs).toMatchObject({
      decision: 'none',
      version: '',
      commit: '',
      'model-digest': '',
      'model-uri': '',
      weight: ''
    })
  })
})
