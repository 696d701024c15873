import type { EvidenceFormat } from '../../policy/types.js';
interface Recognised {
    what: string;
    format?: EvidenceFormat;
}
/** Names for the shapes modelgate knows, first match wins. */
export declare function recogniseFile(data: unknown): Recognised | undefined;
/**
 * The first five of `names` (keys, columns, series or labels a file wrote), each quoted and cut
 * to 30 characters, then `, ...` and the total when there are more: a message names what the
 * file has without copying an attacker's megabyte of key names.
 */
export declare function quotedNames(names: readonly string[]): string;
/** `this file looks like a k6 end-of-test summary`, or its first keys when it is none of the known shapes. */
export declare function describeEvidenceFile(data: unknown): string;
/** `; format: k6 reads it` when the file is something another format reads. */
export declare function formatHint(data: unknown, given: EvidenceFormat): string;
export {};
