/**
 * Model versions are GTO semver with a `v` prefix; a bare integer N means vN.0.0.
 * Returns the canonical `vX.Y.Z[-pre][+build]` or throws a UsageError saying what was expected.
 * Components are checked as exact integers: nothing is rounded or written in exponent form.
 */
export declare function normalizeVersion(input: string | number): string;
export declare function isVersion(input: string): boolean;
/** `input` as a canonical version when it is one, else null (for values read from tags or records). */
export declare function canonicalVersion(input: unknown): string | null;
export declare function compareVersions(a: string, b: string): number;
