import type { EvidenceSpec } from '../../policy/types.js';
import type { SourceFile } from '../source.js';
export interface ReaderContext {
    name: string;
    spec: EvidenceSpec;
    /** The primary file (`spec.path`); absent for formats that name several files (samples). */
    primary?: SourceFile;
    /** Reads another file the spec names (`reference`, `current`) through the same source. */
    readRelated(path: string): Promise<SourceFile>;
}
/** Turns the bytes of a report into the object metric paths resolve against. */
export type EvidenceReader = (context: ReaderContext) => Promise<unknown>;
