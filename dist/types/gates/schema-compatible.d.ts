import type { EvidenceSet } from '../evidence/types.js';
import type { SchemaGate } from '../policy/types.js';
import type { Outcome } from './outcome.js';
import type { BaselineInput } from './types.js';
interface Feature {
    name: string;
    type: string;
    required: boolean;
}
type Parsed = {
    ok: true;
    features: Map<string, Feature>;
} | {
    ok: false;
    message: string;
};
/** `{ features: [{ name, type, required }] }`; `required` defaults to true (the safe reading). */
export declare function parseFeatureSchema(data: unknown): Parsed;
/** Removed features, changed types and added required features break serving; added optional ones do not. */
export declare function schemaIncompatibilities(baseline: Map<string, Feature>, candidate: Map<string, Feature>): string[];
export declare function evaluateSchemaGate(gate: SchemaGate, candidate: EvidenceSet, baseline: BaselineInput): Outcome;
export {};
