/** `90s`, `5m`, `2h`, `1d`, `1h30m` → seconds. */
export declare function parseDuration(text: string): number;
export declare function formatDuration(seconds: number): string;
