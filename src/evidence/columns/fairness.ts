import { EvidenceError } from '../../errors.js'
import { countGroups, fairnessReport, type FairnessReport } from '../../stats/fairness.js'
import { readTable, type TableInput } from './read.js'
import { DECIMAL, type CategoricalColumn, type ReadProgress } from './table.js'

export interface FairnessColumns {
  group: string
  label: string
  prediction: string
  /** The label / prediction value meaning "positive" (default "1"; "1.0" matches "1"). */
  positive?: string
  onProgress?: (progress: ReadProgress) => void
}

function sameValue(value: string, positive: string): boolean {
  if (value === positive) return true
  return DECIMAL.test(value) && DECIMAL.test(positive) && Number(value) === Number(positive)
}

/** Per-row "is positive" flags of a binary column; anything but two classes is an error. */
function positiveFlags(column: CategoricalColumn, positive: string, file: string): Uint8Array {
  const seen = new Uint8Array(column.categories.length)
  for (const code of column.codes) seen[code] = 1
  const present = column.categories.filter((_, code) => seen[code] === 1)
  const positiveCodes = new Set(
    column.categories.flatMap((value, code) => (sameValue(value, positive) ? [code] : []))
  )
  const classes = new Set(present.map((value) => (sameValue(value, positive) ? positive : value)))
  if (classes.size > 2) {
    const shown = [...classes].slice(0, 5).map((v) => JSON.stringify(v))
    throw new EvidenceError(
      `column ${JSON.stringify(column.name)} has ${classes.size} distinct values (${shown.join(', ')}${classes.size > 5 ? ', …' : ''}); fairness needs binary labels and predictions (threshold scores first)`,
      { file }
    )
  }
  const flags = new Uint8Array(column.codes.length)
  for (let i = 0; i < flags.length; i++) flags[i] = positiveCodes.has(column.codes[i]!) ? 1 : 0
  return flags
}

/** Reads group, label and prediction columns (CSV or Parquet) and computes the fairness report. */
export async function fairnessOfFile(
  input: TableInput,
  columns: FairnessColumns
): Promise<FairnessReport & { positive: string }> {
  const names = [columns.group, columns.label, columns.prediction]
  const table = await readTable(input, {
    columns: [...new Set(names)],
    kinds: {
      [columns.group]: 'categorical',
      [columns.label]: 'categorical',
      [columns.prediction]: 'categorical'
    } as const,
    ...(columns.onProgress && { onProgress: columns.onProgress })
  })
  const column = (name: string): CategoricalColumn => table.columns.get(name) as CategoricalColumn
  const positive = columns.positive ?? '1'
  const labels = positiveFlags(column(columns.label), positive, input.file)
  const predictions = positiveFlags(column(columns.prediction), positive, input.file)
  if (!labels.includes(1) && !predictions.includes(1)) {
    throw new EvidenceError(
      `no label or prediction equals the positive class ${JSON.stringify(positive)} (values seen: ${column(
        columns.label
      )
        .categories.slice(0, 5)
        .map((v) => JSON.stringify(v))
        .join(', ')}); set the positive class (--positive / positive:)`,
      { file: input.file }
    )
  }
  const group = column(columns.group)
  return { positive, ...fairnessReport(countGroups(group.categories, group.codes, labels, predictions)) }
}
