import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { runCli } from '../helpers/cli.js'
import { gitRepo } from '../helpers/git.js'

/* `modelgate history --format markdown`: the events as a table, then charts of the gated metrics. */

const POLICY = `version: 1
model: fraud_detector
stages: [dev, staging]
transitions:
  - to: staging
    gates:
      - { id: auc-floor, metric: offline.auc, min: 0.8 }
`

let repo: ReturnType<typeof gitRepo>
const cli = (...argv: string[]) => runCli(argv, { cwd: repo.dir })

beforeAll(async () => {
  repo = gitRepo()
  repo.write('policy.yaml', POLICY)
  for (const [version, auc] of [
    ['1', '0.85'],
    ['2', '0.75'],
    ['3', '0.9']
  ] as const) {
    repo.write('offline.json', `{"auc": ${auc}}`)
    repo.commit(`train v${version}`)
    expect((await cli('register', '--model', 'fraud_detector', '--version', version)).code).toBe(0)
    const promoted = await cli(
      'promote',
      '--policy',
      'policy.yaml',
      '--model',
      'fraud_detector',
      '--version',
      version,
      '--to',
      'staging',
      '--evidence',
      'offline=offline.json'
    )
    expect(promoted.code).toBe(auc === '0.75' ? 1 : 0)
  }
}, 120_000)
afterAll(() => repo.cleanup())

describe('history --format markdown', () => {
  it('lists the events and charts the gate over every version attempted, blocked ones included', async () => {
    const { code, stdout } = await cli('history', '--model', 'fraud_detector', '--format', 'markdown')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^## History of fraud\\_detector\n\n\| Time \| Event \|/)
    expect(stdout).toContain('| blocked |')
    expect(stdout).toContain(
      [
        '```mermaid',
        'xychart-beta',
        '    title "auc-floor into staging"',
        '    x-axis ["v1.0.0", "v2.0.0", "v3.0.0"]',
        '    y-axis "offline.auc" 0.7125 --> 0.915',
        '    bar [0.85, 0.75, 0.9]',
        '    line [0.8, 0.8, 0.8]',
        '```'
      ].join('\n')
    )
    expect(stdout).toMatch(
      /```mermaid\ntimeline\n {4}title fraud_detector stage timeline\n {4}\d{4}-\d\d-\d\d : v1\.0\.0 to staging : v2\.0\.0 blocked before staging : v3\.0\.0 to staging\n```/
    )
  })

  it('other formats are refused by name', async () => {
    const { code, stderr } = await cli('history', '--model', 'fraud_detector', '--format', 'html')
    expect(code).toBe(2)
    expect(stderr).toContain('--format must be one of text, json, markdown')
  })
})
