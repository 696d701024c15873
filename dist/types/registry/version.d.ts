/**
 * Model versions are GTO semver with a `v` prefix; a bare integer N means vN.0.0 (SPEC §4).
 * Returns the canonical `vX.Y.Z[-pre][+build]` or throws a UsageError saying what was expected.
 */
export declare function normalizeVersion(input: string | number): string;
export declare function isVersion(input: string): boolean;
export declare function compareVersions(a: string, b: string): number;
