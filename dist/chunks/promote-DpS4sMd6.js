import { p as promote } from './promote-CR9JIpUv.js';
import { b as loadPolicy } from './load-CHsN1Tpm.js';
import { d as decisionToJson } from './render-json-CUauJDeH.js';
import { a as addEvaluationFlags, c as cliEvaluation, r as reportUnavailable, b as renderDecision } from './render-hlpXtjg-.js';
import { E as EXIT } from './io-BCJg_Pez.js';
import { a as addRegistryFlag, g as gitRegistry } from './registry-options-CipeT1EA.js';
import './errors-C8WN8CYy.js';
import './state-ByNzwhuh.js';
import './escape-AYXhxtqo.js';
import './version-Dm4lwVae.js';
import 'process';
import 'buffer';
import './_commonjsHelpers-BFTU3MAI.js';
import 'node:crypto';
import 'node:fs';
import './fairness-csv-DgwIbD0f.js';
import './drift-csv-Dlo_pHJS.js';
import 'node:fs/promises';
import './schema-Cg9dzWAO.js';
import 'node:path';
import './local-source-D-IaSU-f.js';
import './options-D-qxy_-4.js';
import './render-markdown-eHBcBIzT.js';
import './render-text-D3-QUhK-.js';
import './git-B65eVSDY.js';
import 'node:child_process';

function registerPromoteCommand(program, io, setExit) {
    addRegistryFlag(addEvaluationFlags(program.command('promote')))
        .description('evaluate, record and move the stage pointer (exit 0 promoted, 1 blocked and recorded, 2 error)')
        .option('--dry-run', 'evaluate and show what would be written, writing nothing')
        .action(async (flags) => {
        const { policyPath, options, deps, format } = await cliEvaluation(flags, io);
        const policy = await loadPolicy(policyPath);
        const result = await promote(policy, { ...options, dryRun: Boolean(flags.dryRun) }, { ...deps, registry: gitRegistry(flags, io) });
        reportUnavailable(result.unavailable, io);
        if (format === 'json') {
            io.stdout.write(`${JSON.stringify({ ...decisionToJson(result.decision), tag: result.tag, archived: result.archived, record: result.record }, null, 2)}\n`);
        }
        else {
            io.stdout.write(renderDecision(result.decision, format, io));
            const written = result.tag ? `recorded in tag ${result.tag}` : 'dry run: nothing written';
            const archived = result.archived.length > 0
                ? `; archived ${result.archived.join(', ')} from ${result.decision.to}`
                : '';
            const weight = result.record.rollout?.weight !== undefined && result.record.rollout.weight < 100
                ? `; ${result.record.rollout.strategy} at ${result.record.rollout.weight}%`
                : '';
            io.stdout.write(`${written}${archived}${weight}\n`);
        }
        setExit(result.decision.decision === 'promote' ? EXIT.ok : EXIT.blocked);
    });
}

export { registerPromoteCommand };
