import type { EvidenceSource, SourceFile } from './source.js';
/** Evidence from the local file system (the CLI, and the action for specs without `artifact:`). */
export declare class LocalEvidenceSource implements EvidenceSource {
    private readonly baseDir;
    constructor(baseDir: string);
    read(name: string, _spec: unknown, path: string): Promise<SourceFile>;
}
