import * as core from '@actions/core'
import type { Decision } from '../gates/types.js'
import {
  escapeMarkdown,
  escapeMarkdownTableCell,
  inlineCode,
  markdownLink,
  stripControl,
  truncate
} from '../records/escape.js'
import { renderDecisionMarkdown } from '../records/render-markdown.js'
import { renderPreviewMarkdown } from '../records/render-preview.js'
import { previewView, type PromotionPreview } from '../lifecycle/preview.js'
import type { TriggerResult } from '../rollback/triggers.js'

/**
 * What a person sees of a run: outputs, one annotation per failing gate, and the job summary.
 * Every string that came from a report, a policy or the API goes through the RECORDS escaping
 * helpers; links are only ever http(s) URLs the API handed back.
 */

export interface RecordLinks {
  /** The release rendering the record. */
  release?: string
  /** The record JSON (release asset). */
  record?: string
  /** This workflow run. */
  run?: string
  /** The registry tag written. */
  tag?: string | null
}

export interface DecisionReport {
  decision: Decision
  links?: RecordLinks
  dryRun?: boolean
  /** Versions archived out of the stage by this promotion. */
  archived?: readonly string[]
  /** Why some evidence was not read, already phrased for people (escaped here). */
  notes?: readonly string[]
  /** Rollback target the policy names for this stage (output `rollback-to`). */
  rollbackTo?: string | null
}

function linksMarkdown(links: RecordLinks | undefined, dryRun: boolean | undefined): string {
  if (dryRun) return '**Dry run:** nothing was written (no tag, release or status).\n'
  if (!links) return ''
  const parts: string[] = []
  if (links.tag) parts.push(`tag ${inlineCode(links.tag)}`)
  if (links.release) parts.push(markdownLink('release', links.release))
  if (links.record) parts.push(markdownLink('record.json', links.record))
  if (links.run) parts.push(markdownLink('workflow run', links.run))
  return parts.length > 0 ? `**Recorded:** ${parts.join(' · ')}\n` : ''
}

/** Outputs, annotations and the job summary for a promotion or an evaluation. */
export async function reportDecision(report: DecisionReport): Promise<void> {
  const { decision } = report
  const failed = decision.gates.filter((gate) => gate.blocking).map((gate) => gate.id)
  core.setOutput('decision', decision.decision)
  core.setOutput('version', decision.version)
  core.setOutput('stage', decision.to)
  core.setOutput('failed-gates', failed.join(','))
  core.setOutput('record-url', report.dryRun ? '' : (report.links?.record ?? ''))
  core.setOutput('release-url', report.dryRun ? '' : (report.links?.release ?? ''))
  core.setOutput('rollback-to', report.rollbackTo ?? '')
  core.setOutput('tag', report.dryRun ? '' : (report.links?.tag ?? ''))
  for (const gate of decision.gates) {
    const message = truncate(stripControl(gate.message), 1000)
    const title = truncate(stripControl(gate.id), 100)
    if (gate.blocking) core.error(message, { title })
    else if (gate.status === 'warn') core.warning(message, { title })
  }
  if (decision.approvals.status === 'fail')
    core.error(truncate(stripControl(decision.approvals.message), 1000), { title: 'approvals' })

  let markdown = renderDecisionMarkdown(decision)
  if (report.archived && report.archived.length > 0)
    markdown += `\n**Archived:** ${report.archived.map((v) => inlineCode(v)).join(', ')} left ${escapeMarkdown(decision.to)}\n`
  if (report.notes && report.notes.length > 0)
    markdown += `\n${report.notes.map((note) => `> ${escapeMarkdown(truncate(note, 500))}`).join('\n>\n')}\n`
  const links = linksMarkdown(report.links, report.dryRun)
  if (links) markdown += `\n${links}`
  await core.summary.addRaw(markdown, true).write()
}

export interface RollbackReport {
  model: string
  stage: string
  current: string
  triggers: readonly TriggerResult[]
  fired: boolean
  rolledBackTo: string | null
  dryRun?: boolean
  links?: RecordLinks
}

const TRIGGER_MARK: Record<string, string> = { fired: '🔥 fired', quiet: '✅ quiet' }

export async function reportRollback(report: RollbackReport): Promise<void> {
  core.setOutput('decision', report.fired ? 'rollback' : 'none')
  core.setOutput('version', report.rolledBackTo ?? report.current)
  core.setOutput('stage', report.stage)
  core.setOutput('failed-gates', '')
  core.setOutput('rollback-to', report.rolledBackTo ?? '')
  core.setOutput('record-url', report.dryRun ? '' : (report.links?.record ?? ''))
  core.setOutput('release-url', report.dryRun ? '' : (report.links?.release ?? ''))
  core.setOutput('tag', report.dryRun ? '' : (report.links?.tag ?? ''))
  for (const trigger of report.triggers) {
    if (trigger.status === 'fired')
      core.warning(truncate(stripControl(trigger.message), 1000), {
        title: `rollback trigger ${stripControl(trigger.metric)}`
      })
  }
  const verdict = report.fired
    ? `🔁 **rolled back** to ${inlineCode(report.rolledBackTo ?? '')}${report.dryRun ? ' (dry run)' : ''}`
    : '✅ **no trigger fired**'
  const lines = [
    `### ${escapeMarkdown(report.model)} in ${escapeMarkdown(report.stage)} (${inlineCode(report.current)}): ${verdict}`,
    '',
    '| Trigger | Status | Detail |',
    '| --- | --- | --- |',
    ...report.triggers.map(
      (t) =>
        `| ${escapeMarkdownTableCell(truncate(t.metric, 80))} | ${TRIGGER_MARK[t.status] ?? `❌ ${escapeMarkdownTableCell(t.status)}`} | ${escapeMarkdownTableCell(truncate(t.message, 300))} |`
    ),
    ''
  ]
  const links = linksMarkdown(report.fired ? report.links : undefined, report.fired && report.dryRun)
  if (links) lines.push(links)
  await core.summary.addRaw(`${lines.join('\n')}\n`, true).write()
}

export interface ResolveReport {
  model: string
  stage: string
  occupants: ReadonlyArray<{ version: string; tag?: string; weight?: number | null }>
}

export async function reportResolve(report: ResolveReport): Promise<void> {
  const first = report.occupants[0]
  core.setOutput('version', first?.version ?? '')
  core.setOutput('stage', report.stage)
  core.setOutput('decision', first ? 'found' : 'none')
  const body =
    report.occupants.length === 0
      ? `_No version of ${escapeMarkdown(report.model)} is in ${escapeMarkdown(report.stage)}._`
      : report.occupants
          .map(
            (o) =>
              `- ${inlineCode(o.version)}${typeof o.weight === 'number' && o.weight < 100 ? ` at ${o.weight}%` : ''}`
          )
          .join('\n')
  await core.summary
    .addRaw(`### ${escapeMarkdown(report.model)} in ${escapeMarkdown(report.stage)}\n\n${body}\n`, true)
    .write()
}

/**
 * A preview: outputs as an evaluation's, except that `decision` and `failed-gates` speak of the
 * gates only (approvals are pending, not a block), and nothing was written.
 */
export async function reportPreview(preview: PromotionPreview, reviewUrl: string): Promise<void> {
  const { decision } = preview
  core.setOutput('decision', preview.gatesPass ? 'promote' : 'block')
  core.setOutput('version', decision.version)
  core.setOutput('stage', decision.to)
  core.setOutput('failed-gates', preview.failedGates.join(','))
  core.setOutput('record-url', '')
  core.setOutput('release-url', '')
  core.setOutput('rollback-to', preview.plan.record.rollback_to ?? '')
  core.setOutput('tag', '')
  for (const gate of decision.gates) {
    const message = truncate(stripControl(gate.message), 1000)
    const title = truncate(stripControl(gate.id), 100)
    if (gate.blocking) core.error(message, { title })
    else if (gate.status === 'warn') core.warning(message, { title })
  }
  let markdown = renderPreviewMarkdown(previewView(preview, reviewUrl))
  const notes = [...preview.plan.unavailable].map(([name, why]) => `evidence ${name} ${why}`)
  if (notes.length > 0)
    markdown += `\n${notes.map((note) => `> ${escapeMarkdown(truncate(note, 500))}`).join('\n>\n')}\n`
  await core.summary.addRaw(markdown, true).write()
}
