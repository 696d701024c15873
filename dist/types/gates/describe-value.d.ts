/**
 * How a value a gate read but could not use is shown in records, messages and release notes: by
 * its type and size, never its content. Evidence is data someone else wrote, and a path aimed at
 * the wrong key (or the wrong file) must not copy a credential into a public record.
 */
export declare function describeValue(value: unknown): string;
