import type { EvidenceFormat } from '../../policy/types.js';
import type { EvidenceReader } from './types.js';
/** Format → reader. Formats computed by modelgate itself register here too. */
export declare const readers: Partial<Record<EvidenceFormat, EvidenceReader>>;
