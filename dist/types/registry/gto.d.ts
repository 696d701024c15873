export declare const GTO_NAME_RE: RegExp;
/** GTO's `tag_re`, with the `:` of `dirname:name` written `=` as in tags. */
export declare const GTO_TAG_RE: RegExp;
/**
 * Counters are exact integers (GTO's are Python ints): a JS number would round a counter above
 * 2^53 and print one of 10^21 or more in exponent form, which is no tag name at all. Counters with
 * more than MAX_COUNTER_DIGITS digits are not read as tags: no registry writes 10^40 tags, and a
 * ref name that long may not fit the file system. See `nextCounter` for what that means for a
 * tag at the limit.
 */
export declare const MAX_COUNTER_DIGITS = 40;
export type ParsedTag = {
    kind: 'register';
    model: string;
    version: string;
    counter?: bigint;
} | {
    kind: 'deregister';
    model: string;
    version: string;
    counter?: bigint;
} | {
    kind: 'assign';
    model: string;
    stage: string;
    counter?: bigint;
} | {
    kind: 'unassign';
    model: string;
    stage: string;
    counter?: bigint;
} | {
    kind: 'deprecate';
    model: string;
    counter?: bigint;
} | {
    kind: 'blocked';
    model: string;
    counter: bigint;
};
export declare function parseTagName(name: string): ParsedTag | undefined;
/** Checked before any git or API call: a name that is not GTO's breaks tags for everyone. */
export declare function assertModelName(model: string): void;
export declare function assertStageName(stage: string): void;
export declare const registrationTag: (model: string, version: string) => string;
export declare const assignmentTag: (model: string, stage: string, counter: bigint | number) => string;
export declare const unassignmentTag: (model: string, stage: string, counter: bigint | number) => string;
export declare const blockedTag: (model: string, counter: bigint | number) => string;
/** Whether `name` is a tag name modelgate or GTO writes (safe to hand to a workflow as an output). */
export declare const isRegistryTagName: (name: unknown) => name is string;
/** The tag-name prefixes that hold every tag of a model (for backends that can filter). */
export declare const modelTagPrefixes: (model: string) => string[];
