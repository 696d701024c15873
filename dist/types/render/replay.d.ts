import type { ReplayedAttempt, ReplayReport } from '../records/replay.js';
/** Attempts listed in a markdown summary; the rest are counted (the JSON has them all). */
export declare const MARKDOWN_ROWS = 200;
/** What the attempt's row says besides its outcome: why it blocks, what cannot be told, or why not replayed. */
export declare function replayDetail(attempt: ReplayedAttempt): string;
/**
 * The markdown summary: counts first (what a reviewer of a policy change wants), then one row per
 * attempt that would change or cannot be told, then the ones that stay the same.
 */
export declare function renderReplayMarkdown(report: ReplayReport, title?: string): string;
/** `replay --format text|json|markdown`. */
export declare function renderReplay(report: ReplayReport, format: 'text' | 'json' | 'markdown'): string;
