/** Aligned columns for terminal tables. */
export declare function columns(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string;
