import { t as toJSONSchema, p as policySchema } from './schema-Cg9dzWAO.js';

const POLICY_SCHEMA_ID = 'https://modelgate.dev/schemas/policy-v1.json';
/**
 * The JSON Schema of the policy file, generated from the same zod schema that validates it, so the
 * editor's view and the loader's can never drift apart. Cross-field rules (declared stages, one
 * check per gate) are enforced by the loader only.
 */
function policyJsonSchema() {
    const generated = toJSONSchema(policySchema, { io: 'input', unrepresentable: 'any' });
    return { ...generated, $id: POLICY_SCHEMA_ID, title: 'modelgate policy' };
}

export { policyJsonSchema as p };
