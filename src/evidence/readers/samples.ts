import { EvidenceError } from '../../errors.js'
import { driftOfFiles } from '../columns/drift.js'
import type { EvidenceReader } from './types.js'

/*
 * `format: samples`: raw feature samples `{ reference: <csv>, current: <csv> }`; modelgate
 * computes the drift itself (PSI and two-sample KS per column, as `modelgate drift`) and exposes
 * `columns.<name>.{psi, ks_statistic, ks_pvalue, …}`, `max_psi` and `min_ks_pvalue`.
 */
export const readSamples: EvidenceReader = async ({ name, spec, readRelated }) => {
  if (!spec.reference || !spec.current) {
    throw new EvidenceError(
      `evidence "${name}" (format samples) needs both "reference" and "current" CSV paths`,
      { path: `evidence.${name}` }
    )
  }
  const reference = await readRelated(spec.reference)
  const current = await readRelated(spec.current)
  const report = await driftOfFiles(
    { file: reference.display, bytes: reference.bytes },
    { file: current.display, bytes: current.bytes }
  )
  const columns: Record<string, Omit<(typeof report.columns)[number], 'name'>> = {}
  for (const { name: column, ...stats } of report.columns) columns[column] = stats
  return { columns, max_psi: report.max_psi, min_ks_pvalue: report.min_ks_pvalue }
}
