/**
 * How a record names a file: relative to the repository root with `/` separators, so the record
 * means the same on every clone and never carries the absolute path of the machine that wrote it.
 * Null when the file is not inside `root`.
 */
export declare function pathFromRoot(root: string, absolute: string): string | null;
