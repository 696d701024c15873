import { b as loadPolicy, h as prepareEvaluation, f as findTransition, e as evaluate } from './load-CHsN1Tpm.js';
import { a as addEvaluationFlags, c as cliEvaluation, r as reportUnavailable, b as renderDecision } from './render-hlpXtjg-.js';
import { E as EXIT } from './io-BCJg_Pez.js';
import 'node:crypto';
import 'node:fs';
import './errors-C8WN8CYy.js';
import './version-Dm4lwVae.js';
import 'process';
import 'buffer';
import './_commonjsHelpers-BFTU3MAI.js';
import './fairness-csv-DgwIbD0f.js';
import './drift-csv-Dlo_pHJS.js';
import 'node:fs/promises';
import './schema-Cg9dzWAO.js';
import 'node:path';
import './local-source-D-IaSU-f.js';
import './options-D-qxy_-4.js';
import './render-json-CUauJDeH.js';
import './render-markdown-eHBcBIzT.js';
import './escape-AYXhxtqo.js';
import './render-text-D3-QUhK-.js';

function registerEvaluateCommand(program, io, setExit) {
    addEvaluationFlags(program.command('evaluate'))
        .description('evaluate the gates of one transition; writes nothing (exit 0 promote, 1 block, 2 error)')
        .action(async (flags) => {
        const { policyPath, options, deps, format } = await cliEvaluation(flags, io);
        const policy = await loadPolicy(policyPath);
        const { input, unavailable } = await prepareEvaluation(policy, options, deps);
        reportUnavailable(unavailable, io);
        // Without --actor the CLI cannot tell who triggered the run, so self-approval goes unchecked.
        const rule = findTransition(policy, options.to, options.from).approvals;
        if (rule?.prevent_self_approval && deps.approvals && options.actor === undefined) {
            io.stderr.write('modelgate: note: the policy prevents self-approval but --actor was not given, so it is not checked\n');
        }
        const decision = evaluate(input);
        io.stdout.write(renderDecision(decision, format, io));
        setExit(decision.decision === 'promote' ? EXIT.ok : EXIT.blocked);
    });
}

export { registerEvaluateCommand };
