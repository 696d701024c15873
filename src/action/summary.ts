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
import { chartsMarkdown, recordCharts } from '../records/charts.js'
import { renderDecisionMarkdown } from '../records/render-markdown.js'
import type { PromotionRecord } from '../records/types.js'
import { renderPreviewMarkdown } from '../records/render-preview.js'
import { previewView, type PromotionPreview } from '../lifecycle/preview.js'
import type { ServedVersion } from '../registry/serving.js'
import { formatUtc, formatWait, type RolloutProgress } from '../registry/rollout.js'
import type { TriggerResult } from '../rollback/triggers.js'
import { RegistryError } from '../errors.js'
import { isRegistryTagName } from '../registry/gto.js'
import { canonicalVersion } from '../policy/model-version.js'

/*
 * Outputs are interpolated by workflows, often straight into `run:` scripts, and the values behind
 * them may come from tag messages anyone with push access can write. The outputs that name a
 * version or a tag therefore carry only canonical versions (`vX.Y.Z[-pre][+build]`) and tag names
 * in the registry's format; anything else stops the step before a single output is set.
 */
function outputVersion(name: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  if (canonicalVersion(value) === null)
    throw new RegistryError(
      `refusing to set output ${name}: ${JSON.stringify(truncate(stripControl(value), 60))} is not a version`
    )
  return value
}

function outputTag(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  if (!isRegistryTagName(value))
    throw new RegistryError(
      `refusing to set output tag: ${JSON.stringify(truncate(stripControl(value), 60))} is not a registry tag name`
    )
  return value
}

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
  /** The record's Sigstore bundle (release asset). */
  bundle?: string
  /** Whether the record was signed, or why not: one line for people. */
  signature?: string
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
  /** The model's records oldest first, this attempt's last: charted under the decision. */
  history?: readonly PromotionRecord[]
}

/**
 * GitHub refuses a step summary over 1 MiB; charts are bounded, and are left out rather than
 * push a summary past it.
 */
const MAX_SUMMARY_CHARACTERS = 512 * 1024

function chartsSection(
  model: string,
  stage: string,
  history: readonly PromotionRecord[] | undefined
): string {
  if (!history || history.length === 0) return ''
  const charts = chartsMarkdown(recordCharts(model, history, [stage]))
  return charts ? `\n### Recent versions\n\n${charts}` : ''
}

function linksMarkdown(links: RecordLinks | undefined, dryRun: boolean | undefined): string {
  if (dryRun) return '**Dry run:** nothing was written (no tag, release or status).\n'
  if (!links) return ''
  const parts: string[] = []
  if (links.tag) parts.push(`tag ${inlineCode(links.tag)}`)
  if (links.release) parts.push(markdownLink('release', links.release))
  if (links.record) parts.push(markdownLink('record.json', links.record))
  if (links.bundle) parts.push(markdownLink('signature', links.bundle))
  if (links.run) parts.push(markdownLink('workflow run', links.run))
  const recorded = parts.length > 0 ? `**Recorded:** ${parts.join(' · ')}\n` : ''
  const signature = links.signature
    ? `\n**Signature:** ${escapeMarkdown(truncate(stripControl(links.signature), 600))}\n`
    : ''
  return recorded + signature
}

/** Outputs, annotations and the job summary for a promotion or an evaluation. */
export async function reportDecision(report: DecisionReport): Promise<void> {
  const { decision } = report
  const failed = decision.gates.filter((gate) => gate.blocking).map((gate) => gate.id)
  const version = outputVersion('version', decision.version)
  const rollbackTo = outputVersion('rollback-to', report.rollbackTo)
  const tag = report.dryRun ? '' : outputTag(report.links?.tag)
  core.setOutput('decision', decision.decision)
  core.setOutput('version', version)
  core.setOutput('stage', decision.to)
  core.setOutput('failed-gates', failed.join(','))
  core.setOutput('record-url', report.dryRun ? '' : (report.links?.record ?? ''))
  core.setOutput('release-url', report.dryRun ? '' : (report.links?.release ?? ''))
  core.setOutput('rollback-to', rollbackTo)
  core.setOutput('tag', tag)
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
  const charts = chartsSection(decision.model, decision.to, report.history)
  if (markdown.length + charts.length <= MAX_SUMMARY_CHARACTERS) markdown += charts
  await core.summary.addRaw(markdown, true).write()
}

export interface RollbackReport {
  model: string
  stage: string
  current: string
  triggers: readonly TriggerResult[]
  fired: boolean
  rolledBackTo: string | null
  /** The samples the triggers judged (from when the current version took the stage). */
  window?: { since: string; until: string | null }
  dryRun?: boolean
  links?: RecordLinks
  /** The model's records oldest first (the rollback's last): charted under the triggers. */
  history?: readonly PromotionRecord[]
}

const TRIGGER_MARK: Record<string, string> = { fired: '🔥 fired', quiet: '✅ quiet' }

export async function reportRollback(report: RollbackReport): Promise<void> {
  const version = outputVersion('version', report.rolledBackTo ?? report.current)
  const rollbackTo = outputVersion('rollback-to', report.rolledBackTo)
  const tag = report.dryRun ? '' : outputTag(report.links?.tag)
  core.setOutput('decision', report.fired ? 'rollback' : 'none')
  core.setOutput('version', version)
  core.setOutput('stage', report.stage)
  core.setOutput('failed-gates', '')
  core.setOutput('rollback-to', rollbackTo)
  core.setOutput('record-url', report.dryRun ? '' : (report.links?.record ?? ''))
  core.setOutput('release-url', report.dryRun ? '' : (report.links?.release ?? ''))
  core.setOutput('tag', tag)
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
    ...(report.window
      ? [
          `Samples judged: from ${inlineCode(report.window.since)} (when ${inlineCode(report.current)} took the stage) to ${inlineCode(report.window.until ?? 'none yet')}.`,
          ''
        ]
      : []),
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
  const markdown = `${lines.join('\n')}\n`
  const charts = chartsSection(report.model, report.stage, report.history)
  await core.summary
    .addRaw(markdown.length + charts.length <= MAX_SUMMARY_CHARACTERS ? markdown + charts : markdown, true)
    .write()
}

export interface ResolveReport {
  model: string
  stage: string
  occupants: readonly ServedVersion[]
  /** A canary in progress in the stage, and the time it is judged at. */
  rollout?: RolloutProgress | null
  now?: Date
}

/** `Canary: v2.0.0 at step 1 (10%); step 2 (100%) may start at 14:32 UTC, in 27 minutes`. */
function canaryLine(progress: RolloutProgress, now: Date): string {
  const head = `**Canary:** ${inlineCode(progress.version)} at step ${progress.step + 1} (${progress.weight}%)`
  if (!progress.next) return head
  const wait = progress.nextAt ? Date.parse(progress.nextAt) - now.getTime() : 0
  const when =
    progress.nextAt && wait > 0
      ? `may start at ${formatUtc(progress.nextAt, now)}, in ${formatWait(wait)}`
      : 'may start now'
  return `${head}; step ${progress.next.step + 1} (${progress.next.weight}%) ${when}`
}

function occupantLine(o: ServedVersion): string {
  const parts = [inlineCode(o.version)]
  if (typeof o.weight === 'number' && o.weight < 100) parts.push(`at ${o.weight}%`)
  if (o.commit) parts.push(`commit ${inlineCode(o.commit.slice(0, 12))}`)
  if (o.model_uri) parts.push(`model ${inlineCode(truncate(o.model_uri, 200))}`)
  parts.push(o.verified ? 'verified (modelgate record)' : '**not verified** (no modelgate record)')
  return `- ${parts.join(' · ')}`
}

/** A weight as an output: a percent in [0, 100], else empty (the version holds the whole stage). */
const canaryWeight = (weight: number | null): string =>
  weight !== null && Number.isFinite(weight) && weight >= 0 && weight <= 100 ? String(weight) : ''

/**
 * Outputs for a deploy step: the newest version in the stage with its commit, model digest and
 * model URI (each empty when the registry does not name a well-formed one, never guessed), and
 * its traffic weight while a canary shares the stage, so a job that swaps whole models can tell a
 * 10 % canary from a completed promotion.
 */
export async function reportResolve(report: ResolveReport): Promise<void> {
  const first = report.occupants[0]
  core.setOutput('version', outputVersion('version', first?.version))
  core.setOutput('stage', report.stage)
  core.setOutput('decision', first ? 'found' : 'none')
  core.setOutput('commit', first?.commit ?? '')
  core.setOutput('model-digest', first?.model_digest ?? '')
  core.setOutput('model-uri', first?.model_uri ?? '')
  core.setOutput('weight', report.occupants.length > 1 ? canaryWeight(first!.weight) : '')
  const body =
    report.occupants.length === 0
      ? `_No version of ${escapeMarkdown(report.model)} is in ${escapeMarkdown(report.stage)}._`
      : report.occupants.map(occupantLine).join('\n')
  const canary = report.rollout ? `\n\n${canaryLine(report.rollout, report.now ?? new Date())}` : ''
  await core.summary
    .addRaw(
      `### ${escapeMarkdown(report.model)} in ${escapeMarkdown(report.stage)}\n\n${body}${canary}\n`,
      true
    )
    .write()
}

/**
 * A preview: outputs as an evaluation's, except that `decision` and `failed-gates` speak of the
 * gates only (approvals are pending, not a block), and nothing was written.
 */
export async function reportPreview(
  preview: PromotionPreview,
  reviewUrl: string,
  reviewers: ReadonlyMap<string, readonly string[]>
): Promise<void> {
  const { decision } = preview
  // Checked before any output is set, as for a decision: versions only in canonical form.
  const version = outputVersion('version', decision.version)
  const rollbackTo = outputVersion('rollback-to', preview.plan.record.rollback_to)
  core.setOutput('decision', preview.gatesPass ? 'promote' : 'block')
  core.setOutput('version', version)
  core.setOutput('stage', decision.to)
  core.setOutput('failed-gates', preview.failedGates.join(','))
  core.setOutput('record-url', '')
  core.setOutput('release-url', '')
  core.setOutput('rollback-to', rollbackTo)
  core.setOutput('tag', '')
  for (const gate of decision.gates) {
    const message = truncate(stripControl(gate.message), 1000)
    const title = truncate(stripControl(gate.id), 100)
    if (gate.blocking) core.error(message, { title })
    else if (gate.status === 'warn') core.warning(message, { title })
  }
  let markdown = renderPreviewMarkdown(previewView(preview, reviewUrl, reviewers))
  const notes = [...preview.plan.unavailable].map(([name, why]) => `evidence ${name} ${why}`)
  if (notes.length > 0)
    markdown += `\n${notes.map((note) => `> ${escapeMarkdown(truncate(note, 500))}`).join('\n>\n')}\n`
  await core.summary.addRaw(markdown, true).write()
}
