import type { EvidenceReader } from './types.js';
export declare const readK6: EvidenceReader;
