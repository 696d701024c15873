/**
 * Finds where JSON text first goes wrong (Python's `NaN`, `Infinity` and `-Infinity` tokens count
 * as values: the reader accepts them, so they are never "where it goes wrong"). Node 20's JSON.parse errors carry no position, and
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
/**
 * Parses JSON that may hold Python's bare `NaN`, `Infinity` and `-Infinity` tokens (Evidently's
 * `report.json()` writes them, e.g. in correlation tables). Each token outside a string becomes a
 * string carrying a random marker, and a reviver turns exactly those strings back into numbers;
 * a real string can never carry the marker. Throws like JSON.parse when the text is malformed
 * otherwise. Only called after a plain JSON.parse failed, so strict files pay nothing.
 */
export declare function parsePythonJson(text: string, marker: string): unknown;
