import type { RecordedBaselineValue } from '../gates/types.js';
import type { RawTag } from './types.js';
/**
 * What the baseline version's own promotions observed, metric path → value and the record that
 * said so: a `vs_baseline` gate compares with these instead of asking for the baseline's evidence
 * again. Only promotions of that exact version count (never a blocked attempt, whose values did
 * not let it in), the newest one that observed a metric wins, and only finite numbers are taken:
 * a record is data someone else may have written, so nothing else from it is copied.
 */
export declare function recordedBaselineValues(tags: readonly RawTag[], model: string, version: string, metrics: ReadonlySet<string>): Map<string, RecordedBaselineValue>;
