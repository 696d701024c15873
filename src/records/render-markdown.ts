import type { CountedApproval } from '../approvals/types.js'
import type { Decision, GateStatus } from '../gates/types.js'
import type { RollbackPlan } from '../policy/types.js'
import {
  escapeMarkdown,
  escapeMarkdownTableCell,
  inlineCode,
  inlineCodeCell,
  markdownLink,
  truncate
} from './escape.js'
import { referenceNumbers } from '../gates/format.js'
import { chartsMarkdown, recordCharts } from './charts.js'
import { observedText } from './observed.js'
import { rolloutText, triggerText } from './rollout-text.js'
import type { PromotionRecord } from './types.js'

const STATUS_MARK: Record<GateStatus, string> = {
  pass: '✅ pass',
  skipped: '⏭️ skipped',
  warn: '⚠️ warn',
  fail: '❌ fail',
  missing: '❌ missing',
  error: '❌ error'
}

const cell = (text: string, max = 200): string => escapeMarkdownTableCell(truncate(text, max))

/** The gate table an auditor reads; the job summary and the release notes both use it. */
export function renderGateTable(decision: Pick<Decision, 'gates'>): string {
  if (decision.gates.length === 0) return '_No gates in this transition._\n'
  const lines = ['| Gate | Status | Observed | Threshold | Detail |', '| --- | --- | --- | --- | --- |']
  for (const gate of decision.gates) {
    lines.push(
      `| ${cell(gate.id, 64)} | ${STATUS_MARK[gate.status]}${gate.blocking ? '' : gate.status === 'pass' || gate.status === 'skipped' ? '' : ' (non-blocking)'} | ${cell(observedText(gate.observed, referenceNumbers(gate.threshold, gate.baseline)), 80)} | ${cell(gate.threshold ?? '', 80)} | ${cell(gate.message, 300)} |`
    )
  }
  return `${lines.join('\n')}\n`
}

/** Decision as markdown: heading, gate table, approvals, plan, reasons. */
export function renderDecisionMarkdown(decision: Decision): string {
  const verdict = decision.decision === 'promote' ? '✅ **promote**' : '❌ **block**'
  const out: string[] = []
  out.push(
    `### ${escapeMarkdown(decision.model)} ${inlineCode(decision.version)}: ${escapeMarkdown(decision.from)} → ${escapeMarkdown(decision.to)}: ${verdict}`
  )
  out.push('')
  out.push(renderGateTable(decision))
  out.push(renderApprovalsMarkdown(decision))
  if (decision.rollout) out.push(`**Rollout:** ${escapeMarkdown(rolloutText(decision.rollout))}\n`)
  if (decision.rollback) out.push(`**Rollback:** ${rollbackPlanMarkdown(decision.rollback)}\n`)
  if (decision.reasons.length > 0) {
    out.push('**Reasons:**\n')
    for (const reason of decision.reasons) out.push(`- ${escapeMarkdown(truncate(reason, 500))}`)
    out.push('')
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`
}

export function renderApprovalsMarkdown(decision: Pick<Decision, 'approvals'>): string {
  const approvals = decision.approvals
  if (approvals.status === 'not_required') return '**Approvals:** none required\n'
  const mark = approvals.status === 'pass' ? '✅' : '❌'
  const lines = [`**Approvals:** ${mark} ${approvals.received} of ${approvals.required} required`, '']
  if (approvals.approvers.length > 0 || approvals.ignored.length > 0) {
    lines.push('| Reviewer | Environment | Counted | Comment |', '| --- | --- | --- | --- |')
    for (const a of approvals.approvers)
      lines.push(`| ${cell(a.user, 64)} | ${cell(a.environment, 64)} | yes | ${cell(a.comment ?? '', 200)} |`)
    for (const i of approvals.ignored)
      lines.push(`| ${cell(i.user, 64)} | ${cell(i.environment, 64)} | no: ${cell(i.reason, 80)} | |`)
  }
  return `${lines.join('\n')}\n`
}

function rollbackPlanMarkdown(plan: RollbackPlan): string {
  const triggers = plan.when.map((t) => escapeMarkdown(truncate(triggerText(t), 200)))
  const to = plan.to === 'previous' ? 'the previous version' : inlineCode(plan.to)
  return triggers.length > 0 ? `to ${to} when ${triggers.join('; ')}` : `to ${to}`
}

const EVENT_TITLE: Record<PromotionRecord['event'], string> = {
  promotion: '✅ promoted',
  blocked: '❌ blocked',
  rollback: '↩️ rolled back'
}

const LINEAGE_LABELS: Array<[keyof PromotionRecord['artifacts'], string]> = [
  ['model_digest', 'Model digest'],
  ['data_snapshot', 'Data snapshot'],
  ['code_commit', 'Code commit'],
  ['environment_lock', 'Environment lock'],
  ['model_uri', 'Model URI']
]

function recordApprovals(record: PromotionRecord): string {
  const summary = record.approvals_summary
  const out: string[] = []
  if (summary?.status === 'not_required') out.push('None required.')
  else if (summary) {
    const mark = summary.status === 'pass' ? '✅' : '❌'
    out.push(`${mark} ${summary.received} of ${summary.required} required.`)
  }
  if (record.approvals.length > 0) {
    if (out.length > 0) out.push('')
    out.push('| Reviewer | Environment | Comment | Observed at |', '| --- | --- | --- | --- |')
    for (const a of record.approvals as Array<CountedApproval & { comment: string | null }>) {
      out.push(
        `| ${cell(a.user, 64)} | ${cell(a.environment, 64)} | ${cell(a.comment ?? '', 300)} | ${cell(a.at ?? '', 40)} |`
      )
    }
  } else if (!summary) out.push('No approvals recorded.')
  const notCounted = summary?.not_counted ?? []
  if (notCounted.length > 0) {
    out.push('', '| Not counted | Environment | Why |', '| --- | --- | --- |')
    for (const n of notCounted)
      out.push(`| ${cell(n.user, 64)} | ${cell(n.environment, 64)} | ${cell(n.reason, 120)} |`)
  }
  return out.join('\n')
}

/** `run 123 (train) of acme/models at 1a2b3c4d5e6f`, flagged when the head was a fork. */
export function originCell(origin: PromotionRecord['evidence'][number]['origin']): string {
  if (!origin) return ' '
  const text = `run ${origin.run_id} (${origin.workflow}) of ${origin.head_repository} at ${origin.head_sha.slice(0, 12)}${origin.fork ? ', a fork' : ''}`
  return cell(text, 300)
}

function runLink(record: PromotionRecord, url: string | undefined): string | null {
  const run = record.run
  const label = [
    run.repository,
    run.workflow && `workflow ${run.workflow}`,
    run.run_id && `run ${run.run_id}`,
    run.attempt && `attempt ${run.attempt}`
  ]
    .filter(Boolean)
    .join(', ')
  if (!label && !url) return null
  return markdownLink(truncate(label || 'workflow run', 200), url)
}

/**
 * Release notes for one record, the page an auditor reads: what was decided, on which evidence
 * (with digests), under which policy, approved by whom, and what happens next (rollout and
 * rollback). Every string in a record is untrusted and escaped; links are http(s) only.
 */
export function renderRecordMarkdown(
  record: PromotionRecord,
  links: { release?: string; run?: string } = {},
  /** The model's records oldest first (this one last): charts of the stage's recent versions. */
  history?: readonly PromotionRecord[]
): string {
  const out: string[] = []
  const version = inlineCode(truncate(record.version, 80))
  const move =
    record.event === 'rollback'
      ? `${escapeMarkdown(record.to_stage)} back to ${version}`
      : `${version}: ${escapeMarkdown(record.from_stage)} → ${escapeMarkdown(record.to_stage)}`
  out.push(`## ${escapeMarkdown(truncate(record.model, 100))} ${move}: ${EVENT_TITLE[record.event]}`, '')

  const rows: Array<[string, string]> = [
    ['Model', escapeMarkdownTableCell(record.model)],
    ['Version', inlineCodeCell(record.version)],
    ['From → to', `${cell(record.from_stage, 64)} → ${cell(record.to_stage, 64)}`],
    ['Decision', record.decision === 'promote' ? '✅ promote' : '❌ block'],
    ['Event', record.event],
    [
      'Baseline',
      record.baseline.version
        ? `${inlineCodeCell(record.baseline.version)}${record.baseline.stage ? ` (in ${cell(record.baseline.stage, 64)})` : ''}`
        : `none${record.baseline.stage ? ` (nothing in ${cell(record.baseline.stage, 64)})` : ''}`
    ],
    [
      'Policy',
      record.policy
        ? `${inlineCodeCell(truncate(record.policy.path, 200))} sha256 ${inlineCodeCell(record.policy.sha256)}`
        : 'not recorded'
    ],
    ['Recorded at', cell(record.created_at, 64)]
  ]
  if (record.run.requested_by) rows.push(['Requested by', cell(record.run.requested_by, 64)])
  if (record.run.rerun_by && record.run.rerun_by.length > 0)
    rows.push(['Re-run by', cell(record.run.rerun_by.slice(0, 20).join(', '), 400)])
  if (record.run.actor) rows.push(['Triggered by', cell(record.run.actor, 64)])
  if (record.run.sha) rows.push(['Commit', inlineCodeCell(truncate(record.run.sha, 64))])
  const run = runLink(record, links.run ?? record.run.url)
  if (run) rows.push(['Workflow run', run])
  if (links.release) rows.push(['Release', markdownLink('release', links.release)])
  out.push('| Field | Value |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v} |`), '')

  out.push(record.event === 'rollback' ? '### Rollback triggers' : '### Gates', '', renderGateTable(record))

  out.push('### Approvals', '', recordApprovals(record), '')

  out.push('### Lineage', '')
  out.push('| Artifact | Value |', '| --- | --- |')
  for (const [key, label] of LINEAGE_LABELS) {
    const value = record.artifacts[key]
    out.push(`| ${label} | ${value ? inlineCodeCell(truncate(value, 200)) : '_not recorded_'} |`)
  }
  out.push('')

  out.push('### Evidence', '')
  if (record.evidence.length === 0) out.push('_No evidence files were read._')
  else {
    out.push('| Name | Source | sha256 | Artifact digest | Uploaded by |', '| --- | --- | --- | --- | --- |')
    for (const e of record.evidence) {
      out.push(
        `| ${cell(e.name, 64)} | ${inlineCodeCell(truncate(e.source, 200))} | ${inlineCodeCell(e.sha256)} | ${e.artifact_digest ? inlineCodeCell(truncate(e.artifact_digest, 100)) : ' '} | ${originCell(e.origin)} |`
      )
    }
  }
  out.push('')

  if (record.rollout || record.rollback_to || record.rollback_plan) {
    out.push('### Rollout and rollback', '')
    const moved = record.decision === 'promote'
    if (record.rollout) {
      const steps = record.rollout.steps.length
      const at =
        moved && record.rollout.current_step !== undefined && steps > 0
          ? `; now at step ${Math.min(record.rollout.current_step, steps - 1) + 1} of ${steps}`
          : ''
      const weight =
        moved && record.rollout.weight !== undefined ? `, ${record.rollout.weight}% of traffic` : ''
      const label = moved ? 'Rollout' : 'Rollout (planned, not started)'
      out.push(`- **${label}:** ${escapeMarkdown(truncate(rolloutText(record.rollout), 300))}${at}${weight}`)
    }
    if (record.rollback_to && moved) {
      const label = record.event === 'rollback' ? 'Rolled back to' : 'Rollback target'
      const from =
        record.event === 'rollback' && record.baseline.version
          ? ` (from ${inlineCode(record.baseline.version)})`
          : ''
      out.push(`- **${label}:** ${inlineCode(record.rollback_to)}${from}`)
    }
    if (record.rollback_plan) out.push(`- **Rollback plan:** ${rollbackPlanMarkdown(record.rollback_plan)}`)
    out.push('')
  }

  if (record.reasons.length > 0) {
    out.push('### Reasons', '')
    for (const reason of record.reasons) out.push(`- ${escapeMarkdown(truncate(reason, 500))}`)
    out.push('')
  }
  const footer = `<sub>modelgate promotion record, schema ${inlineCode(record.schema)}</sub>`
  const body = `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`
  const charts = history ? recordChartsSection(record, history) : ''
  // Charts are bounded, but the notes as a whole must still fit: they go before they get cut.
  const fits = body.length + charts.length + footer.length + 2 <= MAX_RELEASE_NOTES
  return `${body}\n${charts && fits ? `${charts}\n` : ''}${footer}\n`
}

/** `### Recent versions`: the stage's metric charts and the model's stage timeline. */
function recordChartsSection(record: PromotionRecord, history: readonly PromotionRecord[]): string {
  const records = history.includes(record) ? history : [...history, record]
  const charts = chartsMarkdown(recordCharts(record.model, records, [record.to_stage]))
  return charts ? `### Recent versions\n\n${charts}` : ''
}

/** GitHub refuses release bodies over 125,000 characters. */
export const MAX_RELEASE_NOTES = 125_000

/**
 * Release notes that fit GitHub's body limit: cut at a line boundary with a closing line saying
 * how much was left out and where the whole record is, never cut silently.
 */
export function fitReleaseNotes(notes: string, max = MAX_RELEASE_NOTES): string {
  if (notes.length <= max) return notes
  const note = (shown: number): string =>
    `\n\n> **Release notes cut:** ${shown} of ${notes.length} characters shown (GitHub's limit is ${max}); the whole record is the \`promotion-record.json\` asset and the tag message.\n`
  const fenceClose = '\n```'
  const room = max - note(notes.length).length - fenceClose.length
  let cut = notes.slice(0, room)
  const newline = cut.lastIndexOf('\n')
  if (newline > room / 2) cut = cut.slice(0, newline)
  const last = cut.charCodeAt(cut.length - 1)
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1)
  // A cut inside a fenced block (a chart) would swallow the closing note: close the fence first.
  const shown = cut.length
  if ((cut.match(/^```/gm) ?? []).length % 2 === 1) cut += fenceClose
  return `${cut}${note(shown)}`
}
