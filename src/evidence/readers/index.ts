import type { EvidenceFormat } from '../../policy/types.js'
import { explainAbsentEvidently, readEvidently } from './evidently.js'
import { readHistogram } from './histogram.js'
import { readJson } from './json.js'
import { explainAbsentK6, readK6 } from './k6.js'
import { readPredictions } from './predictions.js'
import { readSamples } from './samples.js'
import { explainAbsentSeries, readTimeseries } from './timeseries.js'
import type { EvidenceReader } from './types.js'

/** Format → reader. Formats computed by modelgate itself register here too. */
export const readers: Partial<Record<EvidenceFormat, EvidenceReader>> = {
  json: readJson,
  yaml: readJson,
  evidently: readEvidently,
  k6: readK6,
  timeseries: readTimeseries,
  prometheus: readTimeseries,
  samples: readSamples,
  predictions: readPredictions,
  histogram: readHistogram
}

/**
 * Per format, why a path can be absent when the tool's own options explain it (k6 exports only
 * the percentiles it was asked for). Gates append it to their "absent" message.
 */
export const absenceExplainers: Partial<
  Record<EvidenceFormat, (path: string, data: unknown) => string | undefined>
> = {
  k6: explainAbsentK6,
  evidently: explainAbsentEvidently,
  prometheus: explainAbsentSeries,
  timeseries: explainAbsentSeries
}
