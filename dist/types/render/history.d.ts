import type { PromotionRecord } from '../records/types.js';
import type { RegistryEvent } from '../registry/state.js';
/**
 * One vocabulary for what happened, the same in the table, the JSON and the records' `event`:
 * a stage assignment is a `promotion` (a record's `event: "promotion"`), a rollback says
 * `rollback` in every column, a blocked attempt `blocked`.
 */
export declare function eventKind(event: Pick<RegistryEvent, 'kind'>): string;
/** The decision column: `promote`, `block`, or `rollback` for a rollback (never `promote`). */
export declare function eventDecision(event: Pick<RegistryEvent, 'kind' | 'decision'>): string | null;
/** At most `max` characters; a longer text ends at the last whole word, followed by `…`. */
export declare function cutAtWord(text: string, max: number): string;
/** The records of events that count (an `invalid` tag's record is no record of the model). */
export declare function historyRecords(events: readonly RegistryEvent[]): PromotionRecord[];
/**
 * A model's events oldest first: a table on a terminal, the events with their reasons as JSON,
 * or markdown with charts (for a job summary, an issue or a wiki page).
 */
export declare function renderHistory(model: string, events: readonly RegistryEvent[], format: 'text' | 'json' | 'markdown'): string;
