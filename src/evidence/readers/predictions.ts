import { EvidenceError } from '../../errors.js'
import { fairnessOfFile } from '../columns/fairness.js'
import type { EvidenceReader } from './types.js'

/*
 * `format: predictions`: a CSV of group, label and prediction columns (named by the spec's
 * `group`, `label`, `prediction`, positive class `positive`, default 1); modelgate computes the
 * fairness report itself, as `modelgate fairness`: `groups`, `tpr_gap`, `fpr_gap`,
 * `demographic_parity_difference`, `equalized_odds_difference`, the ratios, and `reasons` for
 * every gap that is null because a group lacks positives or negatives.
 */
export const readPredictions: EvidenceReader = async ({ name, spec, primary }) => {
  if (!primary) throw new EvidenceError(`evidence "${name}" needs a path`)
  const missing = (['group', 'label', 'prediction'] as const).filter((key) => !spec[key])
  if (missing.length) {
    throw new EvidenceError(
      `evidence "${name}" (format predictions) needs the column name${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      { path: `evidence.${name}` }
    )
  }
  return fairnessOfFile(
    { file: primary.display, bytes: primary.bytes },
    {
      group: spec.group!,
      label: spec.label!,
      prediction: spec.prediction!,
      ...(spec.positive !== undefined && { positive: String(spec.positive) })
    }
  )
}
