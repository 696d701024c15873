import type { IgnoredApproval } from '../approvals/types.js'
import type { Decision } from '../gates/types.js'
import {
  escapeMarkdown,
  escapeMarkdownTableCell,
  inlineCode,
  inlineCodeCell,
  markdownLink,
  stripControl,
  truncate
} from './escape.js'
import { originCell, renderGateTable } from './render-markdown.js'
import { rolloutText } from './rollout-text.js'
import type { PromotionRecord } from './types.js'

/** Approvals as a reviewer needs them before approving: who approved so far, who is still needed. */
export interface PendingApprovals {
  required: number
  received: number
  approvedBy: ReadonlyArray<{ user: string; environment: string }>
  /** Environments with no counted approval yet (each needs one of its required reviewers). */
  waitingOn: readonly string[]
  /** Reviews that did not count, with why. */
  ignored: readonly IgnoredApproval[]
}

/** What a preview shows: the plan promote would carry out, before anyone approves. */
export interface PreviewView {
  decision: Decision
  /** The record promote would write (evidence with its sources and digests, baseline, rollout). */
  record: PromotionRecord
  failedGates: readonly string[]
  approvals: PendingApprovals | null
  /** Versions in the target stage now, with their weights. */
  inStage: ReadonlyArray<{ version: string; weight: number | null }>
  /** A canary in progress there: when its next step may start. */
  rolloutNext?: { weight: number; nextWeight: number | null; nextAt: string | null } | null
  /** Where reviewers approve: the run's page, which lists the pending deployments. */
  reviewUrl?: string
  /** Each approval environment's required reviewers (`alice`, `team risk`), where known. */
  reviewers?: ReadonlyMap<string, readonly string[]>
}

const cell = (text: string, max = 200): string => escapeMarkdownTableCell(truncate(text, max))

function evidenceSection(record: PromotionRecord): string[] {
  if (record.evidence.length === 0) return ['_No evidence files are read by this transition._', '']
  // "Uploaded by" names the run an artifact came from (which workflow, which commit, a fork or
  // not): a reviewer approves evidence from a run they can open, not just an artifact name.
  const out = [
    '| Evidence | Came from | Uploaded by | sha256 | Artifact digest |',
    '| --- | --- | --- | --- | --- |'
  ]
  for (const e of record.evidence)
    out.push(
      `| ${cell(e.name, 64)} | ${inlineCodeCell(truncate(e.source, 200))} | ${originCell(e.origin)} | ${inlineCodeCell(truncate(e.sha256, 80))} | ${e.artifact_digest ? inlineCodeCell(truncate(e.artifact_digest, 100)) : ' '} |`
    )
  out.push('')
  const baselines = record.gates.filter((g) => g.baseline_source)
  for (const g of baselines)
    out.push(
      `- ${inlineCode(truncate(g.id, 64))}: baseline value from ${escapeMarkdown(truncate(g.baseline_source!, 200))}`
    )
  if (baselines.length > 0) out.push('')
  return out
}

function approvalsSection(view: PreviewView): string[] {
  const a = view.approvals
  if (!a) return ['**Approvals:** none required', '']
  const out = [`**Approvals:** ${a.received} of ${a.required} so far`, '']
  if (a.approvedBy.length > 0)
    out.push(
      `- Approved by: ${a.approvedBy.map((x) => `${escapeMarkdown(truncate(x.user, 64))} (${escapeMarkdown(truncate(x.environment, 64))})`).join(', ')}`
    )
  if (a.waitingOn.length > 0) {
    const missing = Math.max(0, a.required - a.received)
    // Who can still approve: each waiting environment with its required reviewers.
    const waiting = a.waitingOn.map((e) => {
      const who = view.reviewers?.get(e) ?? []
      const names = who.slice(0, 10).map((r) => escapeMarkdown(truncate(r, 64)))
      if (who.length > names.length) names.push(`${who.length - names.length} more`)
      return `${inlineCode(truncate(e, 64))}${names.length > 0 ? ` (${names.join(' or ')})` : ''}`
    })
    out.push(
      `- ⏳ Still needed: ${missing} more, one from each of ${waiting.join(', ')}${view.reviewUrl ? ` — ${markdownLink('review the pending deployments', view.reviewUrl)}` : ''}`
    )
  }
  for (const i of a.ignored)
    out.push(
      `- Not counted: ${escapeMarkdown(truncate(i.user, 64))} (${escapeMarkdown(truncate(i.environment, 64))}): ${escapeMarkdown(truncate(i.reason, 200))}`
    )
  out.push('')
  return out
}

function rolloutSection(view: PreviewView): string[] {
  const { decision, record } = view
  const out: string[] = []
  const now = view.inStage.map((o) => `${inlineCode(o.version)}${o.weight !== null ? ` ${o.weight}%` : ''}`)
  out.push(`- **${escapeMarkdown(decision.to)} now:** ${now.length > 0 ? now.join(', ') : 'empty'}`)
  if (record.rollout) {
    const steps = record.rollout.steps.length
    out.push(
      `- **Rollout:** ${escapeMarkdown(truncate(rolloutText(record.rollout), 300))}; this promotion takes step ${(record.rollout.current_step ?? 0) + 1} of ${steps}, ${record.rollout.weight ?? 100}% of traffic`
    )
  } else out.push('- **Rollout:** all traffic at once')
  if (view.rolloutNext?.nextAt)
    out.push(`- The step after it may start at ${inlineCode(view.rolloutNext.nextAt)}`)
  if (record.rollback_plan) {
    const to =
      record.rollback_plan.to === 'previous' ? 'the previous version' : inlineCode(record.rollback_plan.to)
    out.push(`- **Rollback:** to ${to}${record.rollback_to ? ` (${inlineCode(record.rollback_to)})` : ''}`)
  }
  out.push('')
  return out
}

/**
 * The job summary a reviewer reads before clicking approve: whether the gates pass, the gate
 * table, every piece of evidence and where it came from, the baseline, the rollout plan and the
 * approvals still needed, with the link to the pending deployments. Everything is escaped.
 */
export function renderPreviewMarkdown(view: PreviewView): string {
  const { decision, record } = view
  const head = `### Preview: ${escapeMarkdown(decision.model)} ${inlineCode(decision.version)}: ${escapeMarkdown(decision.from)} → ${escapeMarkdown(decision.to)}`
  const verdict =
    view.failedGates.length === 0
      ? view.approvals && view.approvals.waitingOn.length > 0
        ? '✅ **every gate passes** — the promotion now waits for approvals'
        : '✅ **every gate passes**'
      : `❌ **blocked by ${view.failedGates.map((g) => inlineCode(truncate(g, 64))).join(', ')}** — approving will not promote it`
  const baseline = record.baseline.version
    ? `${inlineCode(record.baseline.version)} (in ${escapeMarkdown(record.baseline.stage ?? '')})`
    : `none${record.baseline.stage ? ` (nothing in ${escapeMarkdown(record.baseline.stage)})` : ''}`
  const out = [
    head,
    '',
    verdict,
    '',
    renderGateTable(decision),
    `**Baseline:** ${baseline}`,
    '',
    '#### Evidence',
    '',
    ...evidenceSection(record),
    '#### Rollout',
    '',
    ...rolloutSection(view),
    '#### Approvals',
    '',
    ...approvalsSection(view),
    '_Preview: nothing was written (no tag, release or status)._'
  ]
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`
}

/** The same, for a terminal. */
export function renderPreviewText(view: PreviewView): string {
  const lines: string[] = []
  const a = view.approvals
  if (a) {
    const by = a.approvedBy.map((x) => `${x.user} (${x.environment})`).join(', ')
    lines.push(`approvals: ${a.received} of ${a.required} so far${by ? `: ${by}` : ''}`)
    if (a.waitingOn.length > 0)
      lines.push(
        `still needed: ${Math.max(0, a.required - a.received)} more, one from each of ${a.waitingOn.join(', ')}`
      )
  }
  for (const e of view.record.evidence)
    lines.push(`evidence ${e.name}: ${e.source} sha256 ${e.sha256.slice(0, 19)}`)
  if (view.rolloutNext?.nextAt) lines.push(`next canary step may start at ${view.rolloutNext.nextAt}`)
  lines.push(
    view.failedGates.length === 0
      ? 'preview: every gate passes; nothing written'
      : `preview: blocked by ${view.failedGates.join(', ')}; nothing written`
  )
  return `${lines.map((line) => stripControl(line)).join('\n')}\n`
}
