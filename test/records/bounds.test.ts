import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  buildPromotionRecord,
  MAX_TAG_MESSAGE_BYTES,
  recordFromTagMessage,
  recordToTagMessage
} from '../../src/records/record.js'
import {
  fitReleaseNotes,
  MAX_RELEASE_NOTES,
  renderRecordMarkdown
} from '../../src/records/render-markdown.js'
import { runCli } from '../helpers/cli.js'
import { gitRepo } from '../helpers/git.js'
import { blockDecision, failing } from './fixtures.js'

/*
 * Everything copied into a record is bounded (issue "Trust the verdict", section 7): a 150 MB
 * string at a failing gate's path used to write a 157 MB tag and then run out of memory; an
 * object nested 5,000 deep overflowed the stack in the text renderer.
 */

const POLICY = `version: 1
model: churn
stages: [dev, staging]
transitions:
  - to: staging
    gates:
      - { id: auc-floor, metric: offline.auc, min: 0.8 }
`

describe('hostile evidence at a gate path, through the CLI', () => {
  let repo: ReturnType<typeof gitRepo>
  beforeEach(() => {
    repo = gitRepo()
    repo.write('policy.yaml', POLICY)
  })
  afterEach(() => repo.cleanup())
  const cli = (...argv: string[]) => runCli(argv, { cwd: repo.dir })

  it('a 150 MB string at a failing gate: blocked, with a tag message under 64 KiB', async () => {
    writeFileSync(join(repo.dir, 'big.json'), `{"auc": "${'x'.repeat(150 * 1024 * 1024)}"}`)
    expect((await cli('register', '--model', 'churn', '--version', '1')).code).toBe(0)
    const run = await cli(
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
      'offline=big.json'
    )
    expect(run.code).toBe(1)
    expect(run.stdout.length).toBeLessThan(10_000)
    const size = Number(repo.git('cat-file', '-s', 'churn@blocked#1'))
    expect(size).toBeLessThan(64 * 1024)
    const record = recordFromTagMessage(repo.git('tag', '-l', '--format=%(contents)', 'churn@blocked#1'))!
    expect(record.decision).toBe('block')
    // Described by type and size, never copied (nothing read at a gate path reaches a record verbatim).
    expect(record.gates[0]!.observed).toBe('a string of 157286400 characters')
  }, 120_000)

  it('an object nested 5,000 deep at a metric path: a clear gate error, no stack overflow', async () => {
    writeFileSync(join(repo.dir, 'deep.json'), `{"auc": ${'{"a":'.repeat(5000)}0.9${'}'.repeat(5000)}}`)
    for (const format of ['text', 'json']) {
      const run = await cli(
        'evaluate',
        '--policy',
        'policy.yaml',
        '--model',
        'churn',
        '--version',
        '1',
        '--to',
        'staging',
        '--evidence',
        'offline=deep.json',
        '--format',
        format
      )
      expect(run.stderr).not.toMatch(/call stack|unexpected error/)
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(/offline\.auc is an object with 1 key, not a finite number/)
    }
  })
})

describe('records large in sum', () => {
  it('are cut to a tag message under 64 KiB, saying what was cut, and still read back', () => {
    const gates = Array.from({ length: 400 }, (_, i) => ({
      ...failing(`gate-${i}`, { detail: 'y'.repeat(150) }),
      message: `m${i} ${'z'.repeat(1500)}`
    }))
    const record = buildPromotionRecord({
      decision: blockDecision({ gates, reasons: gates.map((g) => `${g.id}: ${g.message}`) }),
      evidence: [],
      baseline: { version: null },
      createdAt: '2026-11-22T08:00:00.000Z'
    })
    const message = recordToTagMessage(record)
    expect(Buffer.byteLength(message)).toBeLessThanOrEqual(MAX_TAG_MESSAGE_BYTES)
    expect(record.truncated?.length).toBeGreaterThan(0)
    expect(record.truncated!.join('; ')).toMatch(/observed and baseline values/)
    const back = recordFromTagMessage(message)!
    expect(back.gates.map((g) => g.id)).toEqual(gates.map((g) => g.id))
    expect(back.truncated).toEqual(record.truncated)
  })

  it('a record that fits is kept whole, with no truncated field', () => {
    const record = buildPromotionRecord({
      decision: blockDecision(),
      evidence: [],
      baseline: { version: null },
      createdAt: '2026-11-22T08:00:00.000Z'
    })
    expect(record.truncated).toBeUndefined()
  })

  it("release notes are cut under GitHub's limit and say what was cut", () => {
    const notes = `# title\n${'line of notes\n'.repeat(20_000)}`
    const fitted = fitReleaseNotes(notes)
    expect(fitted.length).toBeLessThanOrEqual(MAX_RELEASE_NOTES)
    expect(fitted).toMatch(/Release notes cut:\*\* \d+ of 280008 characters shown/)
    expect(fitReleaseNotes('short')).toBe('short')
    const rendered = renderRecordMarkdown(
      buildPromotionRecord({
        decision: blockDecision(),
        evidence: [],
        baseline: { version: null },
        createdAt: '2026-11-22T08:00:00.000Z'
      })
    )
    expect(fitReleaseNotes(rendered)).toBe(rendered)
  })
})
