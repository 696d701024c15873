import { U as UsageError } from './errors-C8WN8CYy.js';

/** commander collector for repeatable `--flag value`. */
function collect(value, previous) {
    return [...(previous ?? []), value];
}
/**
 * Parses repeated `name=path` values (`--evidence offline=metrics.json`). Later values for the
 * same name win, as a command line reads left to right.
 */
function parseNamedPaths(values, flag) {
    const result = new Map();
    for (const value of values ?? []) {
        const eq = value.indexOf('=');
        const name = eq > 0 ? value.slice(0, eq).trim() : '';
        const path = eq > 0 ? value.slice(eq + 1).trim() : '';
        if (!name || !path)
            throw new UsageError(`${flag} expects name=path, got "${value}"`);
        if (!/^[A-Za-z_][\w-]*$/.test(name)) {
            throw new UsageError(`${flag} ${value}: the name must start with a letter or _ and hold only letters, digits, _ and -`);
        }
        result.set(name, path);
    }
    return result;
}
function parseFormat(value, allowed = ['text', 'json', 'markdown']) {
    const format = (value ?? 'text');
    if (!allowed.includes(format))
        throw new UsageError(`--format must be one of ${allowed.join(', ')}, got "${value}"`);
    return format;
}

export { parseNamedPaths as a, collect as c, parseFormat as p };
