import { p as policyJsonSchema } from './json-schema-BsJQoI_B.js';
import { E as EXIT } from './io-BCJg_Pez.js';
import './schema-Cg9dzWAO.js';

function registerSchemaCommand(program, io, setExit) {
    program
        .command('schema')
        .description('print the JSON Schema of the policy file (policies/policy.schema.json)')
        .action(() => {
        io.stdout.write(`${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
        setExit(EXIT.ok);
    });
}

export { registerSchemaCommand };
