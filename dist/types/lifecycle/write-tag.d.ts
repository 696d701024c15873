import type { RawTag, RegistryBackend, TagQuestion } from '../registry/types.js';
/**
 * Creates `name(counter)` with the next free counter. Tag creation is atomic, so two writers
 * racing for one counter cannot both win: the loser re-reads the tags and takes the next one.
 */
export declare function createCountedTag(registry: RegistryBackend, model: string, name: (counter: bigint) => string, commit: string, message: string): Promise<{
    tag: string;
    counter: bigint;
}>;
/** One tag of a set written together: its name at a counter, the commit and the message. */
export interface CountedTagRequest {
    name: (counter: bigint) => string;
    commit: string;
    message: string;
}
/**
 * Writes the tags `compose` asks for, all or none (`RegistryBackend.createTags`), at consecutive
 * counters after the model's highest, in the order given. `compose` is asked again from a fresh
 * read whenever another writer took one of the names, so what the set says (which versions a
 * promotion replaces) always matches the registry it lands in.
 */
export declare function createCountedTagSet(registry: RegistryBackend, model: string, question: TagQuestion, compose: (tags: readonly RawTag[]) => CountedTagRequest[]): Promise<Array<{
    tag: string;
    counter: bigint;
}>>;
