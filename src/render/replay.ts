import {
  escapeMarkdown,
  escapeMarkdownTableCell,
  inlineCode,
  inlineCodeCell,
  oneLine,
  truncate
} from '../records/escape.js'
import type { ReplayedAttempt, ReplayOutcome, ReplayReport } from '../records/replay.js'
import { columns } from './columns.js'
import { cutAtWord } from './history.js'

/*
 * `modelgate replay` and the action's "Impact of this policy change" summary: one module, so
 * the CLI, the action and the tour print the same words. Everything shown came from records
 * (data someone else may have written) and is escaped for its medium.
 */

const OUTCOME_TEXT: Record<ReplayOutcome, string> = {
  same: 'same',
  would_block: 'would block',
  would_pass: 'would pass',
  cannot_tell: 'cannot tell',
  no_transition: 'no transition'
}

/** Attempts listed in a markdown summary; the rest are counted (the JSON has them all). */
export const MARKDOWN_ROWS = 200

const plain = (text: string, max: number): string => cutAtWord(oneLine(text).replace(/\s+/g, ' ').trim(), max)

/** What the attempt's row says besides its outcome: why it blocks, what cannot be told, or why not replayed. */
export function replayDetail(attempt: ReplayedAttempt): string {
  const parts: string[] = []
  if (attempt.outcome === 'no_transition') parts.push(...attempt.notes.slice(0, 1))
  else if (attempt.outcome === 'cannot_tell')
    parts.push(
      ...attempt.unknown.map(
        ({ gate, reads }) => `${gate} reads ${reads.join(', ')}, which the record does not hold`
      )
    )
  else if (attempt.replayed === 'block') parts.push(...attempt.reasons)
  else if (attempt.outcome === 'would_pass') parts.push('every gate passes and approvals hold')
  if (attempt.outcome !== 'no_transition') parts.push(...attempt.notes)
  return parts.join('; ')
}

const countsLine = (report: ReplayReport): string =>
  (Object.keys(OUTCOME_TEXT) as ReplayOutcome[])
    .filter((outcome) => report.counts[outcome] > 0 || outcome === 'same')
    .map((outcome) => `${report.counts[outcome]} ${OUTCOME_TEXT[outcome]}`)
    .join(', ')

const policyName = (report: ReplayReport): string =>
  report.policy ? `${report.policy.path} (sha256 ${report.policy.sha256.slice(0, 12)})` : 'the new policy'

function renderText(report: ReplayReport): string {
  const head = `replay of ${plain(report.model, 100)} under ${plain(policyName(report), 200)}: ${report.attempts.length} recorded attempt${report.attempts.length === 1 ? '' : 's'}, ${countsLine(report)}\n`
  if (report.attempts.length === 0) return `${head}${skippedText(report)}`
  const rows = report.attempts.map((a) => [
    plain(a.at, 30),
    plain(a.tag ?? '', 80),
    plain(a.version, 40),
    `${plain(a.from, 40)} -> ${plain(a.to, 40)}`,
    a.recorded,
    a.outcome === 'same' ? `same (${a.replayed})` : OUTCOME_TEXT[a.outcome],
    plain(replayDetail(a), 110)
  ])
  return `${head}\n${columns(['TIME', 'TAG', 'VERSION', 'TRANSITION', 'RECORDED', 'NOW', 'DETAIL'], rows)}${skippedText(report)}`
}

function skippedText(report: ReplayReport): string {
  if (report.skipped.length === 0) return ''
  return `not replayed: ${report.skipped.map((s) => `${plain(s.tag ?? '?', 80)} (${plain(s.why, 80)})`).join(', ')}\n`
}

/**
 * The markdown summary: counts first (what a reviewer of a policy change wants), then one row per
 * attempt that would change or cannot be told, then the ones that stay the same.
 */
export function renderReplayMarkdown(report: ReplayReport, title = 'Impact of this policy change'): string {
  const out: string[] = [`## ${escapeMarkdown(title)}`, '']
  out.push(
    `${inlineCode(report.model)} under ${report.policy ? `${inlineCode(report.policy.path)} (sha256 ${inlineCode(report.policy.sha256.slice(0, 12))})` : 'the new policy'}: ` +
      `**${report.attempts.length}** recorded attempt${report.attempts.length === 1 ? '' : 's'} replayed — ${escapeMarkdown(countsLine(report))}.`,
    ''
  )
  if (report.attempts.length === 0) {
    out.push('No promotion or blocked attempt of this model is recorded yet.', '')
  } else {
    const changed = report.attempts.filter((a) => a.outcome !== 'same')
    const same = report.attempts.filter((a) => a.outcome === 'same')
    const ordered = [...changed, ...same]
    out.push(
      '| when | tag | version | transition | recorded | under this policy | why |',
      '| --- | --- | --- | --- | --- | --- | --- |'
    )
    for (const a of ordered.slice(0, MARKDOWN_ROWS)) {
      const now = a.outcome === 'same' ? `same (${a.replayed})` : `**${OUTCOME_TEXT[a.outcome]}**`
      out.push(
        `| ${escapeMarkdownTableCell(a.at)} | ${a.tag ? inlineCodeCell(a.tag) : ' '} | ${escapeMarkdownTableCell(a.version)} | ${escapeMarkdownTableCell(`${a.from} -> ${a.to}`)} | ${a.recorded} | ${now} | ${escapeMarkdownTableCell(truncate(replayDetail(a), 400))} |`
      )
    }
    if (ordered.length > MARKDOWN_ROWS)
      out.push(
        '',
        `… and ${ordered.length - MARKDOWN_ROWS} more attempts (\`modelgate replay --format json\` lists them all).`
      )
    out.push('')
  }
  if (report.skipped.length > 0)
    out.push(
      `Not replayed: ${report.skipped
        .slice(0, 50)
        .map((s) => `${s.tag ? inlineCode(s.tag) : '?'} (${escapeMarkdown(s.why)})`)
        .join(', ')}${report.skipped.length > 50 ? `, … ${report.skipped.length - 50} more` : ''}.`,
      ''
    )
  out.push(
    '_Replay re-decides each attempt from what its record holds: the values its gates read and the evidence values it kept. ' +
      '“cannot tell” names the values a gate of this policy reads that the record does not hold._',
    ''
  )
  return out.join('\n')
}

/** `replay --format text|json|markdown`. */
export function renderReplay(report: ReplayReport, format: 'text' | 'json' | 'markdown'): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`
  if (format === 'markdown') return renderReplayMarkdown(report)
  return renderText(report)
}
