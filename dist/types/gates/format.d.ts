/** Numbers as people read them in reasons: up to 6 significant digits, no float noise. */
export declare function formatNumber(value: number): string;
/**
 * A number exactly as it is (the shortest text that reads back as the same double). Thresholds
 * people wrote are shown this way: `max 1328221.5` must never read `max 1328220`.
 */
export declare function formatExact(value: number): string;
/**
 * An observed value in the fewest significant digits (at least 6, and never fewer than its
 * whole-number digits) that keep it in its true order with every reference (the thresholds and
 * baseline it is judged against): `1328221.4648791791` against `max 1328221` reads `1328221.5`,
 * never `1328220`. Falls back to the exact form, so a
 * shown number can never contradict the verdict.
 */
export declare function formatAgainst(value: number, references: readonly number[]): string;
/**
 * Two numbers a reader will compare or subtract (an observed value and its baseline), shown in the
 * same fewest digits (at least 6, never fewer than their whole-number digits) for which
 * `agrees(shownA, shownB)` holds: the caller checks that whatever a reader derives from the shown
 * pair (their order, their change against each limit) matches the verdict on the true pair.
 * Falls back to the exact forms, where the derived figures are the computed ones.
 */
export declare function formatPairAgainst(a: number, b: number, agrees: (shownA: number, shownB: number) => boolean): [string, string];
export declare function formatSigned(value: number): string;
/** `formatAgainst` with a sign, for changes against a baseline. */
export declare function formatSignedAgainst(value: number, references: readonly number[]): string;
export declare function formatSignedExact(value: number): string;
/**
 * The numbers a gate's threshold text names (written exactly by `describeBounds`), plus its
 * baseline: what an observed value shown next to them must stay in order with. Extra numbers only
 * ever add digits, never remove any.
 */
export declare function referenceNumbers(threshold: string | undefined, baseline?: unknown): number[];
/** An observed value of any type, for a reason: numbers plainly, others as JSON-ish. */
export declare function formatObserved(value: unknown): string;
/**
 * `baseline v1.2.0` when the baseline's version is known; plain `baseline` when the caller only
 * knows that one exists (the CLI given --baseline-evidence without --baseline-version).
 */
export declare function baselineLabel(version: string): string;
