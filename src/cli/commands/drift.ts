import type { Command } from 'commander'
import { readFile, stat } from 'node:fs/promises'
import { isAbsolute, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { ReadProgress } from '../../evidence/columns/table.js'
import { driftOfFiles } from '../../evidence/columns/drift.js'
import { EvidenceError, UsageError } from '../../errors.js'
import { summarizeDrift, type DriftReport } from '../../stats/drift.js'
import { EXIT, type CliIO } from '../io.js'
import { parseFormat } from '../options.js'

/** Progress lines on stderr, only once a run has taken over a second, at most once a second. */
export function progressReporter(
  write: (text: string) => void,
  now: () => number = () => performance.now()
): (progress: ReadProgress) => void {
  const started = now()
  let lastReport = started
  return (progress) => {
    const t = now()
    if (t - started < 1000 || t - lastReport < 1000) return
    lastReport = t
    const share =
      progress.totalBytes && progress.totalBytes > 0
        ? `${Math.min(100, Math.floor((100 * progress.bytes) / progress.totalBytes))}%, `
        : ''
    write(
      `modelgate: reading ${printable(progress.file)}: ${share}${progress.rows.toLocaleString('en-US')} rows\n`
    )
  }
}

/** Text from files shown on a terminal: control characters would move the cursor or recolour it. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')
}

/** Columns left-aligned, numbers right-aligned, two spaces apart. */
export function alignTable(header: string[], rows: string[][], numeric: boolean[]): string {
  const cells = [header, ...rows].map((row) => row.map(printable))
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)))
  return cells
    .map((row) =>
      row
        .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd()
    )
    .join('\n')
    .concat('\n')
}

/** A statistic for people: 4 decimals, or 3 significant digits in exponent form when tiny. */
export function formatStat(value: number | null): string {
  if (value === null) return '-'
  if (value !== 0 && Math.abs(value) < 1e-4) return value.toExponential(2)
  return value.toFixed(4)
}

export function renderDriftText(report: DriftReport): string {
  const rows = report.columns.map((c) => [
    c.name,
    c.kind,
    formatStat(c.psi),
    formatStat(c.ks_statistic),
    formatStat(c.ks_pvalue),
    c.ks_method ?? '-',
    formatStat(c.chi2_pvalue),
    String(c.reference_n),
    String(c.current_n)
  ])
  const table = alignTable(
    ['column', 'kind', 'psi', 'ks_stat', 'ks_pvalue', 'ks_method', 'chi2_pvalue', 'reference_n', 'current_n'],
    rows,
    [false, false, true, true, true, false, true, true, true]
  )
  // Histogram columns say why their KS figures are null; each distinct note once.
  const notes = [
    ...new Set(report.columns.flatMap((c) => ('note' in c && typeof c.note === 'string' ? [c.note] : [])))
  ]
  return `${table}\nmax psi ${formatStat(report.max_psi)}, min KS p-value ${formatStat(report.min_ks_pvalue)}\n${notes
    .map((note) => `note: ${printable(note)}\n`)
    .join('')}`
}

const splitList = (value: string | undefined): string[] | undefined =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)

/** Reads a histogram file from disk, bounded: it is parsed whole. */
async function readHistogramFile(file: string, path: string): Promise<Uint8Array> {
  const limit = 256 << 20
  let size: number
  try {
    size = (await stat(path)).size
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new EvidenceError(code === 'ENOENT' ? 'no such file' : `cannot read: ${String(code)}`, { file })
  }
  if (size > limit) throw new EvidenceError(`${size} bytes; a histogram file is at most ${limit}`, { file })
  return readFile(path)
}

export function registerDriftCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('drift')
    .description(
      'per-column drift of two samples (CSV or Parquet): PSI (Evidently) and two-sample KS (scipy); or PSI from warehouse histograms'
    )
    .option('--reference <file>', 'reference sample (CSV with a header row, or Parquet)')
    .option('--current <file>', 'current sample (CSV or Parquet, same columns)')
    .option(
      '--histograms <file>',
      'per-column bin counts of both samples instead (JSON; see docs/statistics.md)'
    )
    .option('--columns <names>', 'comma-separated columns to compare (default: all)')
    .option('--format <format>', 'text or json', 'text')
    .action(
      async (flags: {
        reference?: string
        current?: string
        histograms?: string
        columns?: string
        format?: string
      }) => {
        const format = parseFormat(flags.format, ['text', 'json'])
        const path = (file: string): string => (isAbsolute(file) ? file : resolve(io.cwd, file))
        const columns = splitList(flags.columns)
        let report: DriftReport
        if (flags.histograms !== undefined) {
          if (flags.reference !== undefined || flags.current !== undefined) {
            throw new UsageError('give either --histograms or --reference and --current, not both')
          }
          const bytes = await readHistogramFile(flags.histograms, path(flags.histograms))
          // Loaded only here: its JSON/YAML reader is not needed to compare two sample files.
          const { driftOfHistogramFile } = await import('../../evidence/columns/histograms.js')
          report = driftOfHistogramFile({ file: flags.histograms, bytes })
          if (columns) {
            const missing = columns.filter((name) => !report.columns.some((c) => c.name === name))
            if (missing.length) {
              throw new EvidenceError(
                `no column ${missing.map((n) => JSON.stringify(n)).join(', ')} in the file`,
                {
                  file: flags.histograms
                }
              )
            }
            report = { ...report, ...summarizeDrift(report.columns.filter((c) => columns.includes(c.name))) }
          }
        } else {
          if (flags.reference === undefined || flags.current === undefined) {
            throw new UsageError('drift needs --reference and --current (or --histograms)')
          }
          report = await driftOfFiles(
            { file: flags.reference, path: path(flags.reference) },
            { file: flags.current, path: path(flags.current) },
            { ...(columns && { columns }), onProgress: progressReporter((text) => io.stderr.write(text)) }
          )
        }
        io.stdout.write(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderDriftText(report))
        setExit(EXIT.ok)
      }
    )
}
