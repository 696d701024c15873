import type { RollbackTrigger, Rollout } from '../policy/types.js';
/** `canary 10% (hold 30m) -> 50% (hold 2h) -> 100%` */
export declare function rolloutText(rollout: Rollout): string;
/** `online.latency_p95_ms above 80 for 5m`, `online.ctr drops 1% below its baseline window for 30m` */
export declare function triggerText(trigger: Pick<RollbackTrigger, 'metric' | 'above' | 'below' | 'drop_relative' | 'for'>): string;
