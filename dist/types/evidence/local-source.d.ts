import type { EvidenceSource, SourceFile } from './source.js';
/**
 * Evidence from the local file system (the CLI, and the action for specs without `artifact:`),
 * confined to one directory: the CLI's working directory, the action's workspace. A path that is
 * absolute and outside it, climbs out with `..`, or reaches out through a symbolic link is
 * refused before anything is read: a policy or a committed symlink must not turn a file
 * elsewhere on the machine (credentials, the runner's environment) into evidence.
 */
export declare class LocalEvidenceSource implements EvidenceSource {
    private readonly baseDir;
    /** How messages name the directory: `the working directory`, `the workspace`. */
    private readonly rootLabel;
    /**
     * The repository root: records name files relative to it (messages keep `display`, relative
     * to `baseDir`). Absent: records name them as messages do.
     */
    private readonly repositoryRoot?;
    constructor(baseDir: string, 
    /** How messages name the directory: `the working directory`, `the workspace`. */
    rootLabel?: string, 
    /**
     * The repository root: records name files relative to it (messages keep `display`, relative
     * to `baseDir`). Absent: records name them as messages do.
     */
    repositoryRoot?: string | undefined);
    read(name: string, _spec: unknown, path: string): Promise<SourceFile>;
    private unreadable;
}
