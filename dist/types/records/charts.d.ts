import type { PromotionRecord } from './types.js';
/** Versions on a metric chart: the newest ones, so a chart stays readable and its size bounded. */
export declare const CHART_VERSIONS = 10;
/** Metric charts per stage. */
export declare const CHARTS_PER_STAGE = 6;
/** Stages charted by `history` (the release notes and the summary chart their own stage). */
export declare const CHARTED_STAGES = 3;
/** Records on the stage timeline: the newest ones. */
export declare const TIMELINE_RECORDS = 10;
/** A label safe inside and outside Mermaid's quotes: anything else becomes a space; never empty. */
export declare function mermaidLabel(text: unknown, max?: number): string;
/**
 * A finite number as Mermaid reads it (digits, one optional point, optional minus; no exponent),
 * rounded to 6 significant digits; null for anything else or for magnitudes past 1e15.
 */
export declare function mermaidNumber(value: unknown): string | null;
type BoundKey = 'min' | 'max' | 'above' | 'below';
/**
 * The absolute bounds a metric gate's threshold text names (`min 0.9, max 0.99; vs baseline …`,
 * as `describeBounds` writes it). Anything else (comparisons with a baseline, hand-edited text)
 * gives no bound: a chart draws no line it cannot read exactly.
 */
export declare function thresholdBounds(threshold: string | null | undefined): Partial<Record<BoundKey, number>>;
export interface MetricSeries {
    stage: string;
    gate: string;
    metric: string;
    /** x-axis: versions, oldest first. */
    versions: string[];
    /** The value each version's record observed. */
    observed: number[];
    /** A bound line, when every charted version's record names that bound. */
    bounds: Array<{
        key: BoundKey;
        values: number[];
    }>;
}
/**
 * The metric gates of `stage` over the newest versions attempted into it, oldest first: per
 * version its newest record (a promotion or a blocked attempt; rollbacks judge triggers, not
 * gates), per gate the versions whose record observed a finite number.
 */
export declare function metricSeries(records: readonly PromotionRecord[], stage: string): MetricSeries[];
/** One `xychart-beta`: bars for the observed values, a line per bound. */
export declare function metricChartSource(series: MetricSeries): string;
/**
 * The stage timeline (`timeline`): the newest records' moves (promotions, blocked attempts,
 * rollbacks), grouped by day, oldest first; null when there are none.
 */
export declare function timelineSource(model: string, records: readonly PromotionRecord[]): string | null;
export interface Chart {
    /** One markdown line above the chart (escaped). */
    caption: string;
    /** The Mermaid source (no fence). */
    source: string;
}
/**
 * Every chart for `stages` (in that order, at most CHARTED_STAGES) and the model's timeline.
 * `records` are the model's records oldest first; the newest ones are charted.
 */
export declare function recordCharts(model: string, records: readonly PromotionRecord[], stages: readonly string[]): Chart[];
/** Charts as markdown: each caption, then its source in a `mermaid` fence. Empty when none. */
export declare function chartsMarkdown(charts: readonly Chart[]): string;
/** The stages a model's records moved into, in order of first appearance (rollbacks aside). */
export declare function recordedStages(records: readonly PromotionRecord[]): string[];
export {};
