import type { CreateTagRequest, RawTag, RegistryBackend } from './types.js';
/** The local git repository as a registry (the CLI's embedded default). */
export declare class GitRegistry implements RegistryBackend {
    private readonly dir;
    private readonly identity?;
    readonly description: string;
    constructor(dir: string, identity?: {
        name: string;
        email: string;
    } | undefined);
    private git;
    private gitOk;
    listTags(prefixes?: readonly string[]): Promise<RawTag[]>;
    /**
     * One atomic ref transaction creates the tag and, for a counted tag, its counter claim
     * (`claims.ts`): both or neither, so two racing writers never share a counter and a crash
     * leaves at most an unreferenced tag object. The tag object is written first with `git mktag`.
     */
    createTag(request: CreateTagRequest): Promise<boolean>;
    resolveCommit(revision?: string): Promise<string>;
}
