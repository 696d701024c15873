import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve, relative } from 'node:path';
import { E as EvidenceError } from './errors-C8WN8CYy.js';

/** Evidence from the local file system (the CLI, and the action for specs without `artifact:`). */
class LocalEvidenceSource {
    baseDir;
    constructor(baseDir) {
        this.baseDir = baseDir;
    }
    async read(name, _spec, path) {
        const absolute = isAbsolute(path) ? path : resolve(this.baseDir, path);
        const display = isAbsolute(path) ? path : relative(this.baseDir, absolute) || path;
        try {
            return { display, bytes: await readFile(absolute) };
        }
        catch (error) {
            const code = error.code;
            const reason = code === 'ENOENT'
                ? 'no such file'
                : code === 'EISDIR'
                    ? 'is a directory'
                    : code === 'EACCES'
                        ? 'permission denied'
                        : String(code);
            throw new EvidenceError(`evidence "${name}": cannot read: ${reason}`, { file: display });
        }
    }
}

export { LocalEvidenceSource as L };
