import { s as stripControl } from './escape-AYXhxtqo.js';
import { f as assertModelName, b as buildHistory, m as modelTagPrefixes } from './state-ByNzwhuh.js';
import { E as EXIT } from './io-BCJg_Pez.js';
import { p as parseFormat } from './options-D-qxy_-4.js';
import { a as addRegistryFlag, g as gitRegistry, c as columns } from './registry-options-CipeT1EA.js';
import './errors-C8WN8CYy.js';
import './render-json-CUauJDeH.js';
import 'node:path';
import './git-B65eVSDY.js';
import 'node:child_process';

function detail(event) {
    if (event.kind === 'blocked')
        return event.record?.reasons[0] ?? '';
    if (event.kind === 'rollback')
        return event.record?.reasons[0] ?? '';
    if (event.kind === 'assignment' &&
        event.record?.rollout?.weight !== undefined &&
        event.record.rollout.weight < 100) {
        return `${event.record.rollout.strategy} ${event.record.rollout.weight}%`;
    }
    return '';
}
function renderHistory(events) {
    const rows = events.map((e) => [
        e.at ?? '',
        e.kind,
        e.version ?? '?',
        e.stage ?? '',
        e.decision ?? '',
        stripControl(e.author ?? ''),
        e.tag,
        stripControl(detail(e)).slice(0, 90)
    ]);
    return columns(['TIME', 'EVENT', 'VERSION', 'STAGE', 'DECISION', 'AUTHOR', 'TAG', 'DETAIL'], rows);
}
function registerHistoryCommand(program, io, setExit) {
    addRegistryFlag(program.command('history'))
        .description('events of a model, oldest first: registrations, assignments, archivals, rollbacks, blocked attempts')
        .requiredOption('--model <name>', 'model name')
        .option('--format <format>', 'text or json', 'text')
        .action(async (flags) => {
        const format = parseFormat(flags.format, ['text', 'json']);
        assertModelName(flags.model);
        const events = buildHistory(await gitRegistry(flags, io).listTags(modelTagPrefixes(flags.model)), flags.model);
        if (format === 'json') {
            const plain = events.map(({ record, ...event }) => ({
                ...event,
                reasons: record?.reasons ?? [],
                rollout: record?.rollout ?? null
            }));
            io.stdout.write(`${JSON.stringify({ model: flags.model, events: plain }, null, 2)}\n`);
        }
        else
            io.stdout.write(renderHistory(events));
        setExit(EXIT.ok);
    });
}

export { registerHistoryCommand, renderHistory };
