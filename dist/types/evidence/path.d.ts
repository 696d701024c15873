/**
 * Metric paths: `<evidence>.<segment>…` where a segment is a key, `[n]`, or `["key.with.dots"]`.
 * Resolution reads own properties only, so `__proto__`, `constructor` or `toString` in a path are
 * missing values, never something inherited.
 */
export type PathSegment = string | number;
export interface MetricPath {
    evidence: string;
    segments: PathSegment[];
}
export declare function parseMetricPath(metric: string): MetricPath | undefined;
export type Resolution = {
    found: true;
    value: unknown;
} | {
    found: false;
    missingAt: string;
};
/** Walks `segments` into `data`; says which segment was absent when it fails. */
export declare function resolveSegments(data: unknown, segments: readonly PathSegment[]): Resolution;
/** Resolves a path relative to one report (`auc`, `metrics[0].p95`), without the evidence name. */
export declare function resolveMetricPath(data: unknown, path: string): Resolution;
