import { type Document, type LineCounter } from 'yaml';
import type { SourceLocation } from '../errors.js';
export type KeyPath = ReadonlyArray<string | number>;
/** `transitions[1].gates[0].max` */
export declare function formatKeyPath(path: KeyPath): string;
/**
 * Maps a key path of the parsed document back to file:line:column. With `atKey`, points at the
 * key itself (for unknown or duplicate keys) rather than its value.
 */
export declare function locatePath(doc: Document, lineCounter: LineCounter, file: string, path: KeyPath, atKey?: boolean): SourceLocation;
/**
 * The key path of the mapping key that starts at `offset` (the parser reports duplicate keys by
 * offset only), e.g. `['transitions', 0, 'gates', 1, 'min']`.
 */
export declare function keyPathAtOffset(doc: Document, offset: number): KeyPath | undefined;
