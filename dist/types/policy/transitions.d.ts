import type { Policy, Transition } from './types.js';
/** The transition into `to` (from `from` when given), or an error listing the ones there are. */
export declare function findTransition(policy: Policy, to: string, from?: string): Transition;
/** Whether `model` is governed by the policy's `model` (a name or a `*`/`?` glob). */
export declare function modelMatches(policy: Policy, model: string): boolean;
