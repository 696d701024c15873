import type { EvidenceReader } from './types.js';
export declare const readK6: EvidenceReader;
/** Why a k6 path is absent, when k6's own options explain it: percentiles exist only if exported. */
export declare function explainAbsentK6(path: string, data?: unknown): string | undefined;
