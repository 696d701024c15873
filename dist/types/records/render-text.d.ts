import type { Decision } from '../gates/types.js';
/** The decision as an aligned terminal table; colour only when asked (a TTY). */
export declare function renderDecisionText(decision: Decision, options: {
    color: boolean;
}): string;
