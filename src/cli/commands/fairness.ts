import type { Command } from 'commander'
import { isAbsolute, resolve } from 'node:path'
import { fairnessOfFile } from '../../evidence/columns/fairness.js'
import type { FairnessMetric, FairnessReport } from '../../stats/fairness.js'
import { EXIT, type CliIO } from '../io.js'
import { parseFormat } from '../options.js'
import { alignTable, formatStat, printable, progressReporter } from './drift.js'

const SUMMARY: FairnessMetric[] = [
  'tpr_gap',
  'fpr_gap',
  'demographic_parity_difference',
  'equalized_odds_difference',
  'tpr_ratio',
  'fpr_ratio',
  'demographic_parity_ratio',
  'equalized_odds_ratio'
]

export function renderFairnessText(report: FairnessReport): string {
  const groups = alignTable(
    ['group', 'n', 'positives', 'negatives', 'tpr', 'fpr', 'selection_rate'],
    report.groups.map((g) => [
      g.group,
      String(g.n),
      String(g.positives),
      String(g.negatives),
      formatStat(g.tpr),
      formatStat(g.fpr),
      formatStat(g.selection_rate)
    ]),
    [false, true, true, true, true, true, true]
  )
  const metrics = alignTable(
    ['metric', 'value', 'note'],
    SUMMARY.map((metric) => [metric, formatStat(report[metric]), report.reasons[metric] ?? '']),
    [false, true, false]
  )
  const warnings = report.warnings.map((w) => `warning: ${printable(w)}\n`).join('')
  return `${groups}\n${metrics}${warnings}`
}

export function registerFairnessCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('fairness')
    .description('fairness gaps between groups of binary predictions (Fairlearn definitions)')
    .requiredOption('--predictions <file>', 'CSV with a header row')
    .requiredOption('--group <column>', 'column holding the group (sensitive feature)')
    .requiredOption('--label <column>', 'column holding the true label')
    .requiredOption('--prediction <column>', 'column holding the predicted label')
    .option('--positive <value>', 'the positive class of labels and predictions', '1')
    .option('--format <format>', 'text or json', 'text')
    .action(
      async (flags: {
        predictions: string
        group: string
        label: string
        prediction: string
        positive: string
        format?: string
      }) => {
        const format = parseFormat(flags.format, ['text', 'json'])
        const path = isAbsolute(flags.predictions) ? flags.predictions : resolve(io.cwd, flags.predictions)
        const report = await fairnessOfFile(
          { file: flags.predictions, path },
          {
            group: flags.group,
            label: flags.label,
            prediction: flags.prediction,
            positive: flags.positive,
            onProgress: progressReporter((text) => io.stderr.write(text))
          }
        )
        io.stdout.write(
          format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderFairnessText(report)
        )
        setExit(EXIT.ok)
      }
    )
}
