import type { RegistryBackend } from '../registry/types.js';
/**
 * Creates `name(counter)` with the next free counter. Tag creation is atomic, so two writers
 * racing for one counter cannot both win: the loser re-reads the tags and takes the next one.
 */
export declare function createCountedTag(registry: RegistryBackend, model: string, name: (counter: bigint) => string, commit: string, message: string): Promise<{
    tag: string;
    counter: bigint;
}>;
