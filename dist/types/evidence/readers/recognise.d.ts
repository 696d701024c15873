import type { EvidenceFormat } from '../../policy/types.js';
interface Recognised {
    what: string;
    format?: EvidenceFormat;
}
/** Names for the shapes modelgate knows, first match wins. */
export declare function recogniseFile(data: unknown): Recognised | undefined;
/** `this file looks like a k6 end-of-test summary`, or its first keys when it is none of the known shapes. */
export declare function describeEvidenceFile(data: unknown): string;
/** `; format: k6 reads it` when the file is something another format reads. */
export declare function formatHint(data: unknown, given: EvidenceFormat): string;
export {};
