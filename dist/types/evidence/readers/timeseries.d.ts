import type { SourceFile } from '../source.js';
import type { EvidenceReader } from './types.js';
/** A series: `[unix seconds, value]`, sorted by time. */
export type Series = Array<[number, number]>;
export type SeriesSet = Record<string, Series>;
/**
 * The name a result holding exactly one series gets when no label names it: aggregates such as
 * `sum(...)` or `histogram_quantile(0.95, sum by (le) (...))` return `"metric": {}`.
 */
export declare const UNNAMED_SERIES = "value";
export declare function readMonitoringData(data: unknown, file: SourceFile, seriesLabel?: string): SeriesSet;
/** `timeseries` and `prometheus`: monitoring for rollback triggers and gates (docs/evidence.md). */
export declare const readTimeseries: EvidenceReader;
/**
 * Why a series is absent: the query returned none (Prometheus answers an empty result when
 * nothing matched), or the file names its series otherwise (they are listed).
 */
export declare function explainAbsentSeries(path: string, data: unknown): string | undefined;
