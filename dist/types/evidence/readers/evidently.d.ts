import type { EvidenceReader } from './types.js';
export declare const readEvidently: EvidenceReader;
/**
 * Why a path is absent from an Evidently file, when the file's kind explains it: drift figures
 * asked of a test suite that has none, tests asked of a report without tests, a column the
 * report does not have (the columns it has are named).
 */
export declare function explainAbsentEvidently(path: string, data: unknown): string | undefined;
/**
 * The metric's type and parameters from its label, as early 0.7 files (`metrics: [{ id,
 * metric_id, value }]`, no `config`) give them: Evidently writes `Type(name=value,…)` with
 * `str()` of each parameter that is set, lists comma-joined. A value may itself hold commas,
 * parentheses, quotes or `=` (`method=Wasserstein distance (normed)`, `column=price (USD), net`),
 * so parameters are split only at a comma that starts the next parameter's `name=`. Float
 * parameters are read exactly (`drift_share=0.5`); every other value stays the text written.
 */
export declare function parseMetricLabel(label: string): {
    type: string;
    params: Record<string, string | number>;
} | undefined;
