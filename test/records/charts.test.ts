import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  CHART_VERSIONS,
  CHARTS_PER_STAGE,
  chartsMarkdown,
  mermaidLabel,
  mermaidNumber,
  metricChartSource,
  metricSeries,
  recordCharts,
  thresholdBounds,
  timelineSource
} from '../../src/records/charts.js'
import {
  fitReleaseNotes,
  MAX_RELEASE_NOTES,
  renderRecordMarkdown
} from '../../src/records/render-markdown.js'
import { renderHistory } from '../../src/render/history.js'
import {
  ALL_HOSTILE,
  chartRecord,
  eventsOf,
  hostileHistory,
  mermaidBlocks,
  metricGate,
  plainHistory
} from './chart-fixtures.js'

/** What a label or a statement may hold: nothing Mermaid or the fence reads as syntax. */
function expectSafeSource(chart: string): void {
  // The one `>` allowed: the y range Modelgate writes from numbers.
  const source = chart.replace(/^( {4}y-axis "[^"]*") -?\d+(?:\.\d+)? --> -?\d+(?:\.\d+)?$/m, '$1')
  expect(source).not.toMatch(/`|%%|;|#|<|>|&|\\|\{|\}/)
  for (const line of source.split('\n').slice(1)) {
    // Quotes come in pairs and only around a label; a timeline line has the period's one colon per event.
    expect((line.match(/"/g) ?? []).length % 2).toBe(0)
    expect(line.length).toBeLessThan(1200)
  }
}

describe('labels and numbers', () => {
  it('reduces any text to letters, digits, space and . _ + - / ( ), bounded and never empty', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'grapheme' }), (text) => {
        const label = mermaidLabel(text)
        expect(label).toMatch(/^(\?|[\p{L}\p{N} ._+\-/()]+)$/u)
        expect([...label].length).toBeLessThanOrEqual(32)
      })
    )
    for (const text of ALL_HOSTILE) expect(mermaidLabel(text)).toMatch(/^(\?|[\p{L}\p{N} ._+\-/()]+)$/u)
    expect(mermaidLabel('v1.2.3-rc.1+build')).toBe('v1.2.3-rc.1+build')
    expect(mermaidLabel('')).toBe('?')
    expect(mermaidLabel('a:b;c%%d"e`f')).toBe('a b c d e f')
  })

  it('writes finite numbers without an exponent and refuses the rest', () => {
    expect(mermaidNumber(0.1 + 0.2)).toBe('0.3')
    expect(mermaidNumber(1.5e-7)).toBe('0.00000015')
    expect(mermaidNumber(-1234567.891)).toBe('-1234570')
    expect(mermaidNumber(1e-300)).toBe('0')
    for (const bad of [NaN, Infinity, -Infinity, 1e15, 1e300, '1', null, undefined, {}])
      expect(mermaidNumber(bad)).toBeNull()
    fc.assert(
      fc.property(fc.double(), (value) => {
        const text = mermaidNumber(value)
        if (text !== null) expect(text).toMatch(/^-?\d+(\.\d+)?$/)
      })
    )
  })

  it('reads only the absolute bounds describeBounds writes', () => {
    expect(thresholdBounds('min 0.9, max 0.99; vs baseline min_delta -0.01')).toEqual({ min: 0.9, max: 0.99 })
    expect(thresholdBounds('above -3e-2')).toEqual({ above: -0.03 })
    expect(thresholdBounds('vs baseline min_delta -0.01')).toEqual({})
    expect(thresholdBounds('min 1e400')).toEqual({})
    expect(thresholdBounds('min 0.9 ; drop table')).toEqual({ min: 0.9 })
    expect(thresholdBounds(null)).toEqual({})
  })
})

describe('metric series', () => {
  it('charts each version once (its newest record), oldest first, without rollbacks or other stages', () => {
    const series = metricSeries(plainHistory(), 'prod')
    expect(series.map((s) => s.gate)).toEqual(['accuracy-floor', 'latency-p95'])
    const accuracy = series[0]!
    expect(accuracy.versions).toEqual(['v1.0.0', 'v2.0.0', 'v3.0.0', 'v4.0.0', 'v5.0.0', 'v6.0.0'])
    expect(accuracy.observed).toEqual([0.91, 0.925, 0.88, 0.93, 0.94, 0.91])
    // The min bound changed with the policy; max is charted only where every version has one.
    expect(accuracy.bounds).toEqual([{ key: 'min', values: [0.9, 0.9, 0.9, 0.92, 0.92, 0.9] }])
    expect(metricSeries(plainHistory(), 'staging')[0]!.versions).toEqual(['v5.0.0'])
  })

  it('keeps the newest CHART_VERSIONS versions and CHARTS_PER_STAGE gates', () => {
    const gates = Array.from({ length: 20 }, (_, g) => metricGate({ id: `g${g}`, metric: `m.g${g}` }))
    const records = Array.from({ length: 40 }, (_, i) => chartRecord({ version: `v${i}.0.0`, gates }))
    const series = metricSeries(records, 'prod')
    expect(series).toHaveLength(CHARTS_PER_STAGE)
    expect(series[0]!.versions).toHaveLength(CHART_VERSIONS)
    expect(series[0]!.versions.at(-1)).toBe('v39.0.0')
  })

  it('leaves out values that are not finite numbers, and gates with none', () => {
    const records = [NaN, 'Infinity', 0.5, null, 1e300].map((observed, i) =>
      chartRecord({ version: `v${i}`, gates: [metricGate({ observed })] })
    )
    const [series] = metricSeries(records, 'prod')
    expect(series!.versions).toEqual(['v2'])
    expect(metricSeries([chartRecord({ gates: [metricGate({ observed: 'NaN' })] })], 'prod')).toEqual([])
  })

  it('renders a bar per version and a line per bound; duplicate labels are told apart', () => {
    const source = metricChartSource({
      stage: 'prod',
      gate: 'acc',
      metric: 'eval.accuracy',
      versions: ['v1:x', 'v1;x', 'v2'],
      observed: [0.9, 0.95, 1e-7],
      bounds: [{ key: 'min', values: [0.9, 0.9, 0.92] }]
    })
    expect(source).toBe(
      [
        'xychart-beta',
        '    title "acc into prod"',
        '    x-axis ["v1 x", "v1 x (2)", "v2"]',
        '    y-axis "eval.accuracy" -0.2375 --> 1.045',
        '    bar [0.9, 0.95, 0.0000001]',
        '    line [0.9, 0.9, 0.92]'
      ].join('\n')
    )
  })
})

describe('timeline', () => {
  it('groups the newest records by day: promotions with their rollout step, blocked attempts, rollbacks', () => {
    expect(timelineSource('fraud_detector', plainHistory())).toBe(
      [
        'timeline',
        '    title fraud_detector stage timeline',
        '    2026-11-01 : v1.0.0 to prod',
        '    2026-11-02 : v2.0.0 to prod',
        '    2026-11-03 : v3.0.0 blocked before prod',
        '    2026-11-04 : v5.0.0 to staging : v4.0.0 to prod',
        '    2026-11-05 : v5.0.0 to prod',
        '    2026-11-06 : v6.0.0 to prod canary 10 pct : prod rolled back to v5.0.0'
      ].join('\n')
    )
    expect(timelineSource('m', [])).toBeNull()
  })
})

describe('hostile records', () => {
  it('no label breaks out of a chart or its fence, in release notes, history or the chart list', () => {
    const records = hostileHistory()
    const charts = recordCharts('m', records, ['prod', ...ALL_HOSTILE])
    expect(charts.length).toBeGreaterThan(3)
    for (const chart of charts) {
      expectSafeSource(chart.source)
      expect(chart.caption).not.toMatch(/\n|<[a-z]/i)
    }
    const notes = renderRecordMarkdown(records.at(-1)!, {}, records)
    const history = renderHistory('m', eventsOf(records), 'markdown')
    for (const markdown of [notes, history, chartsMarkdown(charts)]) {
      const blocks = mermaidBlocks(markdown)
      expect(blocks.length).toBeGreaterThan(0)
      // Every fence that opens is one of these blocks and closes where it should.
      expect((markdown.match(/^```/gm) ?? []).length).toBe(blocks.length * 2)
      for (const block of blocks) expectSafeSource(block)
    }
  })

  it('charts are bounded: at most three stages of six charts, and a timeline', () => {
    const records = hostileHistory()
    const history = renderHistory('m', eventsOf(records), 'markdown')
    expect(mermaidBlocks(history).length).toBeLessThanOrEqual(3 * CHARTS_PER_STAGE + 1)
    const size = mermaidBlocks(history).reduce((sum, block) => sum + block.length, 0)
    expect(size).toBeLessThan(20_000)
  })
})

describe('release notes with charts', () => {
  it('chart the stage of the record and the timeline, with this record last', () => {
    const [first, ...rest] = plainHistory().slice(0, 3)
    const notes = renderRecordMarkdown(rest.at(-1)!, {}, [first!, rest[0]!])
    expect(notes).toContain('### Recent versions')
    const blocks = mermaidBlocks(notes)
    expect(blocks[0]).toContain('x-axis ["v1.0.0", "v2.0.0", "v3.0.0"]')
    expect(blocks.at(-1)).toMatch(/^timeline\n/)
    expect(notes.trimEnd().endsWith('</sub>')).toBe(true)
    // Without history the notes are as before: no chart.
    expect(renderRecordMarkdown(rest.at(-1)!)).not.toContain('```mermaid')
  })

  it('leave the charts out rather than go past the body limit', () => {
    const huge = chartRecord({ reasons: Array.from({ length: 300 }, () => 'r'.repeat(490)) })
    const notes = renderRecordMarkdown(huge, {}, plainHistory())
    expect(notes).not.toContain('```mermaid')
    expect(notes).toBe(renderRecordMarkdown(huge))
    expect(fitReleaseNotes(notes).length).toBeLessThanOrEqual(MAX_RELEASE_NOTES)
    // A record that leaves room keeps them.
    expect(renderRecordMarkdown(chartRecord(), {}, plainHistory())).toContain('```mermaid')
  })

  it('a cut inside a chart closes its fence before the note saying so', () => {
    const chart = `\`\`\`mermaid\n${'x\n'.repeat(1000)}\`\`\`\n`
    const notes = fitReleaseNotes(`# notes\n\n${chart}`, 500)
    expect(notes.length).toBeLessThanOrEqual(500)
    expect((notes.match(/^```/gm) ?? []).length).toBe(2)
    expect(notes.split('```').at(-1)).toContain('Release notes cut')
  })
})
