import type { EvidenceSpec } from '../policy/types.js';
import type { EvidenceSet, LoadedEvidence } from './types.js';
import type { EvidenceSource } from './source.js';
/**
 * Reads every named report through `source`. A report that is named but cannot be read is an
 * error naming it: a typo in a path must not turn into a silently `missing` gate.
 */
export declare function loadEvidenceSet(specs: ReadonlyMap<string, EvidenceSpec>, source: EvidenceSource): Promise<EvidenceSet>;
export declare function loadEvidence(name: string, spec: EvidenceSpec, source: EvidenceSource): Promise<LoadedEvidence>;
