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
