import type { SourceFile } from '../source.js';
import type { EvidenceReader } from './types.js';
/** A series: `[unix seconds, value]`, sorted by time. */
export type Series = Array<[number, number]>;
export type SeriesSet = Record<string, Series>;
export declare function readMonitoringData(data: unknown, file: SourceFile, seriesLabel?: string): SeriesSet;
/** `timeseries` and `prometheus`: monitoring for rollback triggers (SPEC §2). */
export declare const readTimeseries: EvidenceReader;
