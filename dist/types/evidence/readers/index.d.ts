import type { EvidenceFormat } from '../../policy/types.js';
import type { EvidenceReader } from './types.js';
/** Format → reader. Formats computed by modelgate itself register here too. */
export declare const readers: Partial<Record<EvidenceFormat, EvidenceReader>>;
/**
 * Per format, why a path can be absent when the tool's own options explain it (k6 exports only
 * the percentiles it was asked for). Gates append it to their "absent" message.
 */
export declare const absenceExplainers: Partial<Record<EvidenceFormat, (path: string, data: unknown) => string | undefined>>;
