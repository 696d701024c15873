import { StatisticsError } from '../errors.js'
import { categoricalDrift, summarizeDrift, type DriftColumn, type DriftReport } from './drift.js'
import { fillZeroShares, psiOfShares, type CategoryCounts } from './psi.js'

/*
 * Drift from histograms a warehouse computed (BigQuery, Spark, DuckDB): the raw rows never reach
 * modelgate, only counts per bin. PSI and the chi-square p-value follow Evidently's formulas on
 * the bins as given (see psi.ts and chi2.ts): shares are count / sample size, zero shares are
 * filled by Evidently's rule, PSI is summed in bin order; a categorical column compares the
 * union of both samples' categories. KS needs the values themselves, so it is null with a note.
 */

export interface NumericHistogram {
  name: string
  kind: 'numeric'
  /** k + 1 increasing edges; bin i is [edges[i], edges[i+1]), the last one closed. */
  edges: readonly number[]
  /** k counts each. */
  reference: readonly number[]
  current: readonly number[]
}

export interface CategoricalHistogram {
  name: string
  kind: 'categorical'
  reference: CategoryCounts
  current: CategoryCounts
}

export type Histogram = NumericHistogram | CategoricalHistogram

export interface HistogramDriftColumn extends DriftColumn {
  /** Why the KS figures are null. */
  note: string
}

export const KS_FROM_BINS_NOTE = 'KS compares raw values and cannot be computed from bins; ks_* are null'

const sum = (counts: Iterable<number>): number => {
  let total = 0
  for (const count of counts) total += count
  return total
}

/** PSI of one numeric column over the given bins. */
export function numericHistogramDrift(histogram: NumericHistogram): HistogramDriftColumn {
  const { name, edges, reference, current } = histogram
  if (edges.length < 2 || reference.length !== edges.length - 1 || current.length !== edges.length - 1) {
    throw new StatisticsError(`column ${JSON.stringify(name)}: k + 1 edges need k counts per sample`)
  }
  const nRef = sum(reference)
  const nCur = sum(current)
  if (nRef === 0 || nCur === 0) throw new StatisticsError('PSI needs two non-empty samples')
  const ref = Float64Array.from(reference, (count) => count / nRef)
  const cur = Float64Array.from(current, (count) => count / nCur)
  fillZeroShares(ref)
  fillZeroShares(cur)
  return {
    name,
    kind: 'numeric',
    psi: psiOfShares(ref, cur),
    ks_statistic: null,
    ks_pvalue: null,
    ks_method: null,
    chi2_pvalue: null,
    psi_bins: ref.length,
    psi_binning: 'given',
    reference_n: nRef,
    current_n: nCur,
    note: KS_FROM_BINS_NOTE
  }
}

/** Drift of every column of a histogram file, shaped as drift from samples. */
export function driftOfHistograms(columns: readonly Histogram[]): DriftReport {
  return summarizeDrift(
    columns.map((histogram) =>
      histogram.kind === 'numeric'
        ? numericHistogramDrift(histogram)
        : categoricalDrift(histogram.name, histogram.reference, histogram.current)
    )
  )
}
