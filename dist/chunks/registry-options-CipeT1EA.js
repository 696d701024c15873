import { resolve } from 'node:path';
import { G as GitRegistry } from './git-B65eVSDY.js';

function addRegistryFlag(command) {
    return command.option('--registry <dir>', 'git repository holding the registry tags (default: the current one)');
}
function gitRegistry(flags, io) {
    return new GitRegistry(resolve(io.cwd, flags.registry ?? '.'));
}
/** Aligned columns for terminal tables. */
function columns(header, rows) {
    const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
    const line = (cells) => cells
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd();
    return [line(header), ...rows.map(line)].join('\n') + '\n';
}

export { addRegistryFlag as a, columns as c, gitRegistry as g };
