/** Longest string kept whole (UTF-16 units); longer ones are cut and say by how much. */
export declare const MAX_KEPT_STRING = 200;
/** Deepest nesting kept; deeper values are replaced by a description. */
export declare const MAX_DEPTH = 6;
/** Entries kept per list or object. */
export declare const MAX_ENTRIES = 20;
/** Longest gate message kept. */
export declare const MAX_MESSAGE = 2000;
/** The first `max` UTF-16 units of `text`, never ending inside a surrogate pair. */
export declare function clip(text: string, max: number): string;
/**
 * A copy of `value` small enough to keep: strings clipped, lists and objects cut to their first
 * entries, nesting stopped at MAX_DEPTH. Recursion is bounded by MAX_DEPTH, so no input depth can
 * overflow the stack.
 */
export declare function boundValue(value: unknown, depth?: number): unknown;
