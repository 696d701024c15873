/** How a value is named in an error: `"eighty"`, `12`, `null`, `a list`, `a mapping`. */
export declare function describeValue(value: unknown): string;
export declare function withArticle(noun: string): string;
