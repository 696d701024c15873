import type { RawTag } from './types.js';
/** What a caller will ask of the tags it lists. */
export interface TagQuestion {
    model: string;
    /** Stages whose occupants, recent events and previous versions are asked. */
    stages: readonly string[];
    /** Versions whose registrations are asked (the candidate's commit). */
    versions?: readonly string[];
    /**
     * The model's latest N counted tags of any kind, by counter (a re-run finding its own attempt
     * among the newest tags). `Infinity` reads every counted tag.
     */
    latest?: number;
    /** Every registration (registering checks that no other version holds the commit). */
    allRegistrations?: boolean;
    /**
     * Every stage the model's tag names mention, besides `stages`: whether a version is in any
     * stage at all (a promotion restoring an archived version) is then read, not guessed.
     */
    allStages?: boolean;
}
/**
 * Assignments per stage read at first: enough for a canary's steps and the version before it
 * (the rollback target) in one pass, and well inside one 100-object query.
 */
export declare const FIRST_DEPTH = 8;
/** Registrations of the highest versions read at first, so the usual window needs no second pass. */
export declare const REGISTRATIONS_AT_FIRST = 8;
/**
 * A stage's events from its `depth`-th latest assignment (by counter) on; every event of the
 * stage when it has no more assignments than that. Unassignments without a counter (GTO may omit
 * it) have no place in counter order and are always taken.
 */
export declare function stageWindow(names: readonly string[], model: string, stage: string, depth: number): string[];
/** The first pick, from names alone: what `question` needs when history is as usual. */
export declare function tagsToRead(names: readonly string[], question: TagQuestion, depth?: number): Set<string>;
export interface StillNeeded {
    /** Tag names to read next. */
    names: Set<string>;
    /** The stage windows were not enough: read them deeper. */
    deeper: boolean;
}
/**
 * What must still be read before the tags read so far (`unread` marks the rest) answer
 * `question` as the whole history would:
 * - each asked stage's window must reach back to an assignment that replaced everyone before it
 *   (a completed promotion or a rollback, by its record) and to a version before the current one
 *   (`previousVersion`), or to the stage's first event;
 * - every commit a window event points at must be mapped to its version: the registration the
 *   event's record names, else (a tag without a record, as GTO writes them) every registration.
 */
export declare function tagsStillNeeded(tags: readonly RawTag[], question: TagQuestion, depth: number): StillNeeded;
