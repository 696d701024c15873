import type { EvidenceReader } from './types.js';
export declare const readEvidently: EvidenceReader;
/**
 * The metric's type and parameters from its label, as early 0.7 files (`metrics: [{ id,
 * metric_id, value }]`, no `config`) give them: Evidently writes `Type(name=value,…)` with
 * `str()` of each parameter that is set, lists comma-joined. A value may itself hold commas or
 * parentheses (`method=Wasserstein distance (normed)`), so parameters are split only at a comma
 * that starts the next `name=`. Numbers are read exactly (`drift_share=0.5`).
 */
export declare function parseMetricLabel(label: string): {
    type: string;
    params: Record<string, string | number>;
} | undefined;
