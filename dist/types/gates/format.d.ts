/** Numbers as people read them in reasons: up to 6 significant digits, no float noise. */
export declare function formatNumber(value: number): string;
export declare function formatSigned(value: number): string;
/** An observed value of any type, for a reason: numbers plainly, others as JSON-ish. */
export declare function formatObserved(value: unknown): string;
/**
 * `baseline v1.2.0` when the baseline's version is known; plain `baseline` when the caller only
 * knows that one exists (the CLI given --baseline-evidence without --baseline-version).
 */
export declare function baselineLabel(version: string): string;
