import { afterAll, describe, expect, it, jest } from '@jest/globals'
import { execFile } from 'node:child_process'
import { accessSync, constants, readFileSync, writeFileSync } from 'node:fs'
import { delimiter, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { reportDecision, reportRollback } from '../../src/action/summary.js'
import { renderRecordMarkdown } from '../../src/records/render-markdown.js'
import { renderHistory } from '../../src/render/history.js'
import type { Decision } from '../../src/gates/types.js'
import { scratchDir } from '../helpers/tmp.js'
import { eventsOf, hostileHistory, mermaidBlocks, plainHistory } from './chart-fixtures.js'

/*
 * Every chart the project emits (release notes, the job summary, `history --format markdown`),
 * over a plain history and over records whose every label is an attack, rendered by Mermaid 11 in
 * headless Chromium as GitHub renders them. A render error fails the test. A developer machine
 * without Chromium skips it with a notice; CI (CI set) must have it and fails without it.
 */

function findChromium(): string | null {
  const names = ['chromium', 'chromium-browser']
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean))
    for (const name of names) {
      try {
        accessSync(join(dir, name), constants.X_OK)
        return join(dir, name)
      } catch {
        // not here
      }
    }
  return null
}

const chromium = findChromium()
const inCI = Boolean(process.env.CI)
if (!chromium && !inCI)
  console.warn(
    'NOTICE: chromium not found on PATH: the Mermaid render test (test/records/charts-browser.test.ts) is SKIPPED. Install it (apt-get install chromium) to run it; in CI it is required.'
  )
const run = chromium || inCI ? it : it.skip

const dir = scratchDir()
// The toolkit's summary remembers its file on first use: one file, emptied per use.
const summaryFile = dir.write('summary.md', '')
afterAll(() => dir.cleanup())

/** A chart that is not valid Mermaid: proves the page reports errors rather than passing everything. */
const BROKEN = 'xychart-beta\n    x-axis ["a", "b"]\n    bar [1, ]'

async function summaryCharts(records: ReturnType<typeof plainHistory>): Promise<string[]> {
  const saved = { ...process.env }
  writeFileSync(summaryFile, '')
  process.env.GITHUB_STEP_SUMMARY = summaryFile
  process.env.GITHUB_OUTPUT = dir.write('output', '')
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
  try {
    const last = records.at(-1)!
    const decision: Decision = {
      model: last.model,
      version: last.version,
      from: last.from_stage,
      to: last.to_stage,
      decision: last.decision,
      gates: last.gates,
      approvals: {
        required: 0,
        received: 0,
        status: 'not_required',
        environments: [],
        approvers: [],
        ignored: [],
        message: ''
      },
      reasons: []
    }
    // Outputs refuse versions that are not canonical; the summary is what is charted here.
    await reportDecision({ decision: { ...decision, version: 'v9.0.0' }, history: records })
    await reportRollback({
      model: last.model,
      stage: last.to_stage,
      current: 'v9.0.0',
      triggers: [],
      fired: true,
      rolledBackTo: 'v8.0.0',
      history: records
    })
    return mermaidBlocks(readFileSync(summaryFile, 'utf8'))
  } finally {
    write.mockRestore()
    process.env = saved
  }
}

function renderInChromium(charts: readonly string[]): Promise<string[]> {
  const bundle = pathToFileURL(resolve('node_modules/mermaid/dist/mermaid.min.js')).href
  // JSON inside a script: `<` escaped so no chart text can close the script element.
  const data = JSON.stringify(charts).replace(/</g, '\\u003c')
  const page = dir.write(
    'charts.html',
    `<!doctype html><html><head><meta charset="utf-8"></head><body>
<script src="${bundle}"></script>
<script>
const CHARTS = ${data};
(async () => {
  const results = [];
  try {
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    for (let i = 0; i < CHARTS.length; i++) {
      try {
        const { svg } = await mermaid.render('chart' + i, CHARTS[i]);
        const bad = /<script|onerror|javascript:|aria-roledescription="error"/i.test(svg);
        results.push((bad ? 'ERR ' : 'OK ') + i + (bad ? ' unsafe or error svg' : ''));
      } catch (e) {
        results.push('ERR ' + i + ' ' + String((e && e.message) || e).replace(/\\s+/g, ' ').slice(0, 300));
      }
    }
  } catch (e) {
    results.push('ERR setup ' + String(e));
  }
  const out = document.createElement('pre');
  out.id = 'results';
  out.textContent = 'RESULTS-BEGIN\\n' + results.join('\\n') + '\\nRESULTS-END';
  document.body.prepend(out);
})();
</script></body></html>`
  )
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-extensions',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
    `--user-data-dir=${join(dir.dir, 'profile')}`,
    '--virtual-time-budget=60000',
    '--dump-dom',
    pathToFileURL(page).href
  ]
  return new Promise((done, fail) => {
    execFile(
      chromium ?? 'chromium',
      args,
      { maxBuffer: 64 * 1024 * 1024, timeout: 50_000 },
      (error, stdout) => {
        const match = /RESULTS-BEGIN\n([\s\S]*?)\nRESULTS-END/.exec(stdout)
        if (!match) {
          fail(new Error(`chromium gave no results${error ? `: ${error.message}` : ''}`))
          return
        }
        done(match[1]!.split('\n'))
      }
    )
  })
}

describe('Mermaid renders every chart modelgate emits (headless Chromium)', () => {
  run(
    'release notes, job summary and history charts, plain and hostile, render without error',
    async () => {
      if (!chromium)
        throw new Error('chromium is required when CI is set (install it: apt-get install -y chromium)')
      const charts: Array<{ from: string; source: string }> = []
      for (const [name, records] of [
        ['plain', plainHistory()],
        ['hostile', hostileHistory()]
      ] as const) {
        const last = records.at(-1)!
        for (const source of mermaidBlocks(renderRecordMarkdown(last, {}, records)))
          charts.push({ from: `${name} release notes`, source })
        for (const source of mermaidBlocks(renderHistory(last.model, eventsOf(records), 'markdown')))
          charts.push({ from: `${name} history`, source })
        for (const source of await summaryCharts(records)) charts.push({ from: `${name} summary`, source })
      }
      for (const from of ['release notes', 'history', 'summary'])
        for (const name of ['plain', 'hostile'])
          expect(charts.filter((c) => c.from === `${name} ${from}`).length).toBeGreaterThan(0)
      expect(charts.some((c) => c.source.startsWith('xychart-beta'))).toBe(true)
      expect(charts.some((c) => c.source.startsWith('timeline'))).toBe(true)

      const results = await renderInChromium([...charts.map((c) => c.source), BROKEN])
      expect(results).toHaveLength(charts.length + 1)
      // The control chart must be reported broken, or the page proves nothing.
      expect(results.at(-1)).toMatch(/^ERR /)
      const failures = results
        .slice(0, -1)
        .map((line, i) => ({ line, chart: charts[i]! }))
        .filter(({ line }) => !line.startsWith('OK '))
        .map(({ line, chart }) => `${chart.from}: ${line}\n${chart.source}`)
      expect(failures).toEqual([])
    },
    60_000
  )
})
