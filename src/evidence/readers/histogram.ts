import { EvidenceError } from '../../errors.js'
import { driftOfHistogramFile } from '../columns/histograms.js'
import type { EvidenceReader } from './types.js'

/*
 * `format: histogram`: per-column bin counts a warehouse computed (see docs/statistics.md);
 * modelgate computes PSI and the chi-square p-value on the bins and exposes the same paths as
 * `samples`: `columns.<name>.{psi, chi2_pvalue, …}` and `max_psi` (KS is null: it needs raw values).
 */
export const readHistogram: EvidenceReader = async ({ name, primary }) => {
  if (!primary) throw new EvidenceError(`evidence "${name}" needs a path`)
  const report = driftOfHistogramFile({ file: primary.display, bytes: primary.bytes })
  const columns: Record<string, Omit<(typeof report.columns)[number], 'name'>> = {}
  for (const { name: column, ...stats } of report.columns) columns[column] = stats
  return { columns, max_psi: report.max_psi, min_ks_pvalue: report.min_ks_pvalue }
}
