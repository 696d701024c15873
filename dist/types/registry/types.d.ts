/**
 * The registry is a set of git tags in DVC GTO's format (docs/registry.md). Backends only read and write
 * tags; everything else (resolve, history, counters) is computed from the tag list by pure code,
 * so the local git backend and the GitHub backend behave identically.
 */
/** An annotated tag as a backend reads it. */
export interface RawTag {
    /** Tag name without `refs/tags/`. */
    name: string;
    /** The commit the tag points at (peeled). */
    commit: string;
    /** Annotated tag message (empty for lightweight tags). */
    message: string;
    /** Tagger identity and date (ISO 8601); absent for lightweight tags. */
    tagger?: {
        name: string;
        email: string;
        date: string;
    };
    /**
     * Listed but its object not read (a backend that reads only what a `TagQuestion` needs): the
     * name counts (counters), the tag decides nothing; `commit` and `message` are empty.
     */
    unread?: true;
}
export interface CreateTagRequest {
    name: string;
    commit: string;
    message: string;
    tagger?: {
        name: string;
        email: string;
        date?: string;
    };
}
export interface RegistryBackend {
    /**
     * Every tag whose name starts with one of `prefixes` (all tags when absent). With a `question`
     * a backend may read only the tag objects that answer it (`window.ts`) and list the others
     * `unread`; without one, every tag is read in full (history).
     */
    listTags(prefixes?: readonly string[], question?: TagQuestion): Promise<RawTag[]>;
    /**
     * Creates an annotated tag atomically. Returns `false` when a tag of that name already exists
     * (the caller takes the next counter); throws on any other failure.
     */
    createTag(request: CreateTagRequest): Promise<boolean>;
    /**
     * Creates several annotated tags as one atomic step: all of them, or none. Returns `false` when
     * any of the names already exists (nothing is created; the caller re-reads and takes the next
     * counters); throws on any other failure. Optional: a backend without it has its tags written
     * one by one (a promotion then archives after its assignment, and a re-run repairs a cut-off
     * archival).
     */
    createTags?(requests: readonly CreateTagRequest[]): Promise<boolean>;
    /** Resolves a revision (default HEAD) to a full commit sha. */
    resolveCommit(revision?: string): Promise<string>;
    /** A short description for messages, e.g. the directory or `owner/repo`. */
    readonly description: string;
}
/** What a caller will ask of the tags it lists (`window.ts` picks the tags that answer it). */
export interface TagQuestion {
    model: string;
    /** Stages whose occupants, recent events and previous versions are asked. */
    stages: readonly string[];
    /** Versions whose registrations are asked (the candidate's commit). */
    versions?: readonly string[];
    /**
     * The model's latest N counted tags of any kind, by counter (a re-run finding its own attempt
     * among the newest tags). `Infinity` reads every counted tag.
     */
    latest?: number;
    /** Every registration (registering checks that no other version holds the commit). */
    allRegistrations?: boolean;
    /**
     * Every stage the model's tag names mention, besides `stages`: whether a version is in any
     * stage at all (a promotion restoring an archived version) is then read, not guessed.
     */
    allStages?: boolean;
}
