import { L as LocalEvidenceSource } from './local-source-D-IaSU-f.js';
import { r as rollback } from './rollback-BuRyE4UP.js';
import { b as loadPolicy } from './load-CHsN1Tpm.js';
import { s as stripControl } from './escape-AYXhxtqo.js';
import { E as EXIT } from './io-BCJg_Pez.js';
import { c as collect, p as parseFormat, a as parseNamedPaths } from './options-D-qxy_-4.js';
import { a as addRegistryFlag, g as gitRegistry } from './registry-options-CipeT1EA.js';
import { resolve } from 'node:path';
import 'node:fs/promises';
import './errors-C8WN8CYy.js';
import './state-ByNzwhuh.js';
import './render-json-CUauJDeH.js';
import './version-Dm4lwVae.js';
import 'process';
import 'buffer';
import './_commonjsHelpers-BFTU3MAI.js';
import './promote-CR9JIpUv.js';
import 'node:crypto';
import 'node:fs';
import './fairness-csv-DgwIbD0f.js';
import './drift-csv-Dlo_pHJS.js';
import './schema-Cg9dzWAO.js';
import './git-B65eVSDY.js';
import 'node:child_process';

function registerRollbackCommand(program, io, setExit) {
    addRegistryFlag(program.command('rollback'))
        .description('evaluate rollback triggers on monitoring; if one fires, move the stage back and record it')
        .requiredOption('--policy <file>', 'policy file')
        .requiredOption('--model <name>', 'model name')
        .option('--stage <stage>', 'stage to watch (default: the last stage)')
        .requiredOption('--monitoring <name=path>', 'monitoring as timeseries or Prometheus query_range JSON (repeatable)', collect)
        .option('--dry-run', 'evaluate and say what would happen, writing nothing')
        .option('--format <format>', 'text or json', 'text')
        .action(async (flags) => {
        const format = parseFormat(flags.format, ['text', 'json']);
        const policy = await loadPolicy(resolve(io.cwd, flags.policy));
        const result = await rollback(policy, {
            model: flags.model,
            ...(flags.stage && { stage: flags.stage }),
            monitoring: parseNamedPaths(flags.monitoring, '--monitoring'),
            dryRun: Boolean(flags.dryRun)
        }, { registry: gitRegistry(flags, io), source: new LocalEvidenceSource(io.cwd), now: () => new Date() });
        if (format === 'json') {
            io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        }
        else {
            io.stdout.write(`${flags.model} in ${result.stage}: ${result.current}\n`);
            for (const t of result.triggers)
                io.stdout.write(`  ${t.status.padEnd(7)} ${stripControl(t.message)}\n`);
            if (!result.fired)
                io.stdout.write('no trigger fired: nothing to do\n');
            else if (result.tag)
                io.stdout.write(`rolled back ${result.stage} to ${result.rolledBackTo} (tag ${result.tag}); ${result.current} archived\n`);
            else
                io.stdout.write(`dry run: would roll back ${result.stage} to ${result.rolledBackTo}\n`);
        }
        setExit(EXIT.ok);
    });
}

export { registerRollbackCommand };
