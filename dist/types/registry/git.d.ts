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
     * `createTags` does the same for several tags: one transaction for all of them.
     */
    createTag(request: CreateTagRequest): Promise<boolean>;
    /** Every tag object first, then one `update-ref --stdin` transaction for all their refs and claims. */
    createTags(requests: readonly CreateTagRequest[]): Promise<boolean>;
    private writeTagObject;
    resolveCommit(revision?: string): Promise<string>;
}
