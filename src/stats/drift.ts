import { chiSquarePvalue } from './chi2.js'
import { ks2sampSorted } from './ks.js'
import { SortMemory, sortedFloat64 } from './sort.js'
import { psiCategorical, psiNumericSorted, type CategoryCounts } from './psi.js'

/*
 * Per-column drift of two samples: PSI for every column, two-sample KS for numeric ones, the
 * chi-square p-value Evidently reports for categorical ones. Pure: arrays in, report out (reading
 * files into columns is the evidence layer's job).
 */

/** One sample of a column: numbers, or categories with a code per row. */
export type SampleColumn =
  | { kind: 'numeric'; values: Float64Array }
  | { kind: 'categorical'; categories: readonly string[]; codes: Int32Array }

export interface DriftColumn {
  name: string
  kind: 'numeric' | 'categorical'
  psi: number
  /** Null for categorical columns (KS compares orderable values). */
  ks_statistic: number | null
  ks_pvalue: number | null
  ks_method: 'exact' | 'asymp' | null
  /** Evidently's chisquare p-value; categorical columns only (null for numeric ones). */
  chi2_pvalue: number | null
  psi_bins: number
  /** Sturges bins or one per distinct value (from samples, as Evidently), or bins given (histograms). */
  psi_binning: 'sturges' | 'distinct' | 'given'
  reference_n: number
  current_n: number
}

export interface DriftReport {
  columns: DriftColumn[]
  /** Largest PSI over the columns. */
  max_psi: number | null
  /** Smallest KS p-value over the numeric columns; null when there is none. */
  min_ks_pvalue: number | null
}

export interface DriftOptions {
  /** The caller hands its numeric arrays over: they are sorted in place rather than copied. */
  sortInPlace?: boolean
  /** Scratch space of the sort, shared by the columns of one report. */
  sortMemory?: SortMemory
}

export function numericDrift(
  name: string,
  reference: Float64Array,
  current: Float64Array,
  options: DriftOptions = {}
): DriftColumn {
  const a = sortedFloat64(reference, options.sortInPlace, options.sortMemory)
  const b = sortedFloat64(current, options.sortInPlace, options.sortMemory)
  const ks = ks2sampSorted(a, b)
  const psi = psiNumericSorted(a, b)
  return {
    name,
    kind: 'numeric',
    psi: psi.psi,
    ks_statistic: ks.statistic,
    ks_pvalue: ks.pvalue,
    ks_method: ks.method,
    chi2_pvalue: null,
    psi_bins: psi.bins,
    psi_binning: psi.binning,
    reference_n: reference.length,
    current_n: current.length
  }
}

export function categoricalDrift(
  name: string,
  reference: CategoryCounts,
  current: CategoryCounts
): DriftColumn {
  const psi = psiCategorical(reference, current)
  const total = (counts: CategoryCounts): number => [...counts.values()].reduce((s, c) => s + c, 0)
  return {
    name,
    kind: 'categorical',
    psi: psi.psi,
    ks_statistic: null,
    ks_pvalue: null,
    ks_method: null,
    chi2_pvalue: chiSquarePvalue(reference, current),
    psi_bins: psi.bins,
    psi_binning: psi.binning,
    reference_n: total(reference),
    current_n: total(current)
  }
}

/** Category → count of a column; numbers become categories by their shortest text. */
export function categoryCounts(column: SampleColumn): Map<string, number> {
  const counts = new Map<string, number>()
  if (column.kind === 'numeric') {
    for (const value of column.values) {
      const key = String(value)
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    return counts
  }
  const perCode = new Float64Array(column.categories.length)
  for (const code of column.codes) perCode[code]!++
  column.categories.forEach((category, code) => {
    if (perCode[code]! > 0) counts.set(category, perCode[code]!)
  })
  return counts
}

export function summarizeDrift(columns: DriftColumn[]): DriftReport {
  const psis = columns.map((c) => c.psi)
  const pvalues = columns.flatMap((c) => (c.ks_pvalue === null ? [] : [c.ks_pvalue]))
  return {
    columns,
    max_psi: psis.length ? Math.max(...psis) : null,
    min_ks_pvalue: pvalues.length ? Math.min(...pvalues) : null
  }
}

/**
 * Drift of each column from its reference and current samples, which were read with the same
 * column kinds: both numeric, or compared as categories.
 */
export function driftOfColumns(
  columns: ReadonlyArray<{ name: string; reference: SampleColumn; current: SampleColumn }>,
  options: DriftOptions = {}
): DriftReport {
  const shared = { ...options, sortMemory: options.sortMemory ?? new SortMemory() }
  return summarizeDrift(
    columns.map(({ name, reference, current }) =>
      reference.kind === 'numeric' && current.kind === 'numeric'
        ? numericDrift(name, reference.values, current.values, shared)
        : categoricalDrift(name, categoryCounts(reference), categoryCounts(current))
    )
  )
}
