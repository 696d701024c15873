import { f as assertModelName, i as assertStageName, m as modelTagPrefixes, e as resolveStage } from './state-ByNzwhuh.js';
import { E as EXIT } from './io-BCJg_Pez.js';
import { p as parseFormat } from './options-D-qxy_-4.js';
import { a as addRegistryFlag, g as gitRegistry } from './registry-options-CipeT1EA.js';
import './errors-C8WN8CYy.js';
import './escape-AYXhxtqo.js';
import './render-json-CUauJDeH.js';
import 'node:path';
import './git-B65eVSDY.js';
import 'node:child_process';

function registerResolveCommand(program, io, setExit) {
    addRegistryFlag(program.command('resolve'))
        .description('which version(s) are in a stage (exit 1 if none)')
        .requiredOption('--model <name>', 'model name')
        .requiredOption('--stage <stage>', 'stage')
        .option('--format <format>', 'text or json', 'text')
        .action(async (flags) => {
        const format = parseFormat(flags.format, ['text', 'json']);
        assertModelName(flags.model);
        assertStageName(flags.stage);
        const tags = await gitRegistry(flags, io).listTags(modelTagPrefixes(flags.model));
        const versions = resolveStage(tags, flags.model, flags.stage);
        if (format === 'json')
            io.stdout.write(`${JSON.stringify({ model: flags.model, stage: flags.stage, versions }, null, 2)}\n`);
        else
            for (const v of versions)
                io.stdout.write(`${v.version}${v.weight === null ? '' : ` ${v.weight}%`}\n`);
        if (versions.length === 0 && format === 'text')
            io.stderr.write(`modelgate: no version of ${flags.model} is in ${flags.stage}\n`);
        setExit(versions.length > 0 ? EXIT.ok : EXIT.blocked);
    });
}

export { registerResolveCommand };
