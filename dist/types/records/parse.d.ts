import { type PromotionRecord } from './types.js';
/** What was wrong, at which key path; thrown as a RegistryError by `parsePromotionRecord`. */
interface Problem {
    path: string;
    expected: string;
    got: unknown;
}
/** The first thing wrong with a would-be record, or null when it is one. */
export declare function recordProblem(value: unknown): Problem | null;
/**
 * Validates a record read back from a tag message or a release asset and fills the fields older
 * writers left out (`event`, `reasons`, `artifacts`, `run`, `policy`). Throws a RegistryError naming
 * the key path and what was expected; `origin` (a tag name or an asset file) goes into its location.
 */
export declare function parsePromotionRecord(value: unknown, origin?: string): PromotionRecord;
/** Like `parsePromotionRecord`, but null instead of an error (for readers that skip bad records). */
export declare function tryParsePromotionRecord(value: unknown): PromotionRecord | null;
export {};
