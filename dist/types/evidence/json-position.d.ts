/**
 * Finds where JSON text first goes wrong. Node 20's JSON.parse errors carry no position, and
 * "malformed" without a line is useless in a 5,000-line report; this runs only after a failed
 * parse, so it favours clarity over speed.
 */
export declare function jsonErrorOffset(text: string): number;
export declare function offsetToLineColumn(text: string, offset: number): {
    line: number;
    column: number;
};
/**
 * The first key that repeats within one object of already-valid JSON, with its offset. JSON.parse
 * silently keeps the last of duplicate keys; a report that says `auc` twice is ambiguous evidence,
 * so the reader refuses it. One linear pass: reports with large distributions stay fast.
 */
export declare function duplicateJsonKey(text: string): {
    key: string;
    offset: number;
} | undefined;
