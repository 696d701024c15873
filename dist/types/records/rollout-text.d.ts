import type { Rollout } from '../policy/types.js';
/** `canary 10% (hold 30m) -> 50% (hold 2h) -> 100%` */
export declare function rolloutText(rollout: Rollout): string;
