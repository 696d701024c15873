import type { EvidenceReader } from './types.js';
/** `json` / `yaml`: any object; metric paths resolve into it as written. */
export declare const readJson: EvidenceReader;
