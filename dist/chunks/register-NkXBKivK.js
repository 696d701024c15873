import { L as LocalEvidenceSource } from './local-source-D-IaSU-f.js';
import { p as parseStructured } from './version-Dm4lwVae.js';
import { r as register } from './register-BxegEI19.js';
import { E as EXIT } from './io-BCJg_Pez.js';
import { p as parseFormat } from './options-D-qxy_-4.js';
import { a as addRegistryFlag, g as gitRegistry } from './registry-options-CipeT1EA.js';
import 'node:fs/promises';
import 'node:path';
import './errors-C8WN8CYy.js';
import 'process';
import 'buffer';
import './_commonjsHelpers-BFTU3MAI.js';
import './state-ByNzwhuh.js';
import './escape-AYXhxtqo.js';
import './render-json-CUauJDeH.js';
import './git-B65eVSDY.js';
import 'node:child_process';

function registerRegisterCommand(program, io, setExit) {
    addRegistryFlag(program.command('register'))
        .description('register a model version on the commit that produced it (tag <model>@v<semver>)')
        .requiredOption('--model <name>', 'model name')
        .requiredOption('--version <version>', 'version (7 means v7.0.0)')
        .option('--commit <rev>', 'commit that produced the model (default: HEAD)')
        .option('--lineage <file>', 'lineage JSON to keep in the tag message')
        .option('--format <format>', 'text or json', 'text')
        .action(async (flags) => {
        const format = parseFormat(flags.format, ['text', 'json']);
        let lineage;
        if (flags.lineage) {
            const file = await new LocalEvidenceSource(io.cwd).read('lineage', { format: 'json' }, flags.lineage);
            lineage = parseStructured(file);
        }
        const result = await register({
            model: flags.model,
            version: flags.version,
            ...(flags.commit && { commit: flags.commit }),
            ...(lineage && { lineage })
        }, gitRegistry(flags, io));
        io.stdout.write(format === 'json'
            ? `${JSON.stringify(result, null, 2)}\n`
            : `registered ${flags.model} ${result.version} at ${result.commit.slice(0, 12)} (tag ${result.tag})\n`);
        setExit(EXIT.ok);
    });
}

export { registerRegisterCommand };
