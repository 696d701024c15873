/** Levenshtein distance, small inputs only (policy keys). */
export declare function editDistance(a: string, b: string): number;
/** The closest candidate, when it is close enough to be a plausible typo. */
export declare function nearest(word: string, candidates: readonly string[]): string | undefined;
