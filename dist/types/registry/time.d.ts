import { type RegistryEvent } from './state.js';
import type { RawTag } from './types.js';
/**
 * A moment as given on the command line: ISO 8601 with a date, a time and a zone (`Z` or
 * `±HH:MM`). A moment without a zone means a different instant on every runner, so it is refused,
 * as are impossible dates (`2026-02-30`) that `Date.parse` would roll over into March.
 */
export declare function parseInstant(text: string, flag: string): Date;
/**
 * The tags that existed at `at`: registrations whose tagger date is not after it, and counted
 * tags whose own date and every lower counter's date are not after it (`existedFrom`). Git keeps
 * tagger dates to the second, and a tag written at exactly `at` counts. A tag without a readable
 * tagger date cannot be placed in time and is left out (lightweight tags have none, and GTO
 * ignores them anyway).
 */
export declare function tagsAsOf(tags: readonly RawTag[], at: Date): RawTag[];
/**
 * The tags dated at or before `at` that `tagsAsOf` leaves out all the same, because a tag with a
 * lower counter is dated after `at` (a skewed or forged tagger date). Empty when tagger dates and
 * counters agree; otherwise an answer as of `at` deserves a note that the clocks disagree.
 */
export declare function heldBackAt(tags: readonly RawTag[], at: Date): RawTag[];
export interface TimeWindow {
    /** Events at or after this moment. */
    since?: Date;
    /** Events at or before this moment. */
    until?: Date;
}
/**
 * A model's history inside a window (both ends included), by when each tag existed: its tagger
 * date held to counter order (`existedFrom`), the clock `tagsAsOf` reads, so `history --until T`
 * shows exactly the events `resolve --at T` stands on. An event whose tag has no readable date
 * is outside every window.
 */
export declare function historyBetween(tags: readonly RawTag[], model: string, window: TimeWindow): RegistryEvent[];
