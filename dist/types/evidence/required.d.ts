import type { Transition } from '../policy/types.js';
/** The evidence names a transition's gates read, so only those are fetched. */
export declare function evidenceNamesFor(transition: Transition): Set<string>;
