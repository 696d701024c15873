export declare const REDACTED_TOKEN = "[redacted: GitHub token]";
export declare function containsGitHubToken(text: string): boolean;
export declare function redactGitHubTokens(text: string): string;
/** A copy of a JSON-like value with every token-shaped substring of every string (keys too) redacted. */
export declare function redactDeep<T>(value: T): T;
