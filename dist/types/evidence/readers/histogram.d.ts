import type { EvidenceReader } from './types.js';
export declare const readHistogram: EvidenceReader;
