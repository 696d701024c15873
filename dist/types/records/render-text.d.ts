import type { Decision } from '../gates/types.js';
/** The decision as an aligned terminal table; colour only when asked (a TTY). */
export declare function renderDecisionText(decision: Decision, options: {
    color: boolean;
}): string;
/**
 * Columns a string takes in a terminal: East Asian wide characters and emoji take two, combining
 * marks and zero-width characters none, so tables stay aligned with names in any script.
 */
export declare function displayWidth(text: string): number;
