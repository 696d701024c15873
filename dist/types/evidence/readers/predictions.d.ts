import type { EvidenceReader } from './types.js';
export declare const readPredictions: EvidenceReader;
