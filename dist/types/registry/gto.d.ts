export declare const GTO_NAME_RE: RegExp;
/** GTO's `tag_re`, with the `:` of `dirname:name` written `=` as in tags. */
export declare const GTO_TAG_RE: RegExp;
export type ParsedTag = {
    kind: 'register';
    model: string;
    version: string;
    counter?: number;
} | {
    kind: 'deregister';
    model: string;
    version: string;
    counter?: number;
} | {
    kind: 'assign';
    model: string;
    stage: string;
    counter?: number;
} | {
    kind: 'unassign';
    model: string;
    stage: string;
    counter?: number;
} | {
    kind: 'deprecate';
    model: string;
    counter?: number;
} | {
    kind: 'blocked';
    model: string;
    counter: number;
};
export declare function parseTagName(name: string): ParsedTag | undefined;
/** Checked before any git or API call: a name that is not GTO's breaks tags for everyone. */
export declare function assertModelName(model: string): void;
export declare function assertStageName(stage: string): void;
export declare const registrationTag: (model: string, version: string) => string;
export declare const assignmentTag: (model: string, stage: string, counter: number) => string;
export declare const unassignmentTag: (model: string, stage: string, counter: number) => string;
export declare const blockedTag: (model: string, counter: number) => string;
/** The tag-name prefixes that hold every tag of a model (for backends that can filter). */
export declare const modelTagPrefixes: (model: string) => string[];
