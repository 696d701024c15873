import { b as loadPolicy, h as prepareEvaluation, e as evaluate } from './load-BLaJ9nnB.js';
import { a as addEvaluationFlags, c as cliEvaluation, r as reportUnavailable, b as renderDecision } from './render-oKSLTKVY.js';
import { E as EXIT } from './io-BCJg_Pez.js';
import 'node:crypto';
import 'node:fs';
import './errors-C8WN8CYy.js';
import './version-31-gweMq.js';
import 'node:fs/promises';
import 'node:path';
import 'process';
import 'buffer';
import './_commonjsHelpers-BFTU3MAI.js';
import './schema-CFIKC-0z.js';
import './options-D-qxy_-4.js';
import './render-json-CUauJDeH.js';
import './render-markdown-CIh3QIoT.js';
import './escape-Dp7Zgixl.js';
import './render-text-_eDylVZa.js';

function registerEvaluateCommand(program, io, setExit) {
    addEvaluationFlags(program.command('evaluate'))
        .description('evaluate the gates of one transition; writes nothing (exit 0 promote, 1 block, 2 error)')
        .action(async (flags) => {
        const { policyPath, options, deps, format } = await cliEvaluation(flags, io);
        const policy = await loadPolicy(policyPath);
        const { input, unavailable } = await prepareEvaluation(policy, options, deps);
        reportUnavailable(unavailable, io);
        const decision = evaluate(input);
        io.stdout.write(renderDecision(decision, format, io));
        setExit(decision.decision === 'promote' ? EXIT.ok : EXIT.blocked);
    });
}

export { registerEvaluateCommand };
