import type { EvidenceSource } from '../evidence/source.js';
import type { Policy } from '../policy/types.js';
import type { PromotionRecord, RunContext } from '../records/types.js';
import type { RegistryBackend } from '../registry/types.js';
import { type TriggerResult } from '../rollback/triggers.js';
export interface RollbackOptions {
    model: string;
    /** The stage to watch; default the policy's last stage. */
    stage?: string;
    /** `name=path` monitoring files, read as timeseries (Prometheus results recognised by shape). */
    monitoring: ReadonlyMap<string, string>;
    dryRun?: boolean;
    run?: RunContext;
}
export interface RollbackDeps {
    registry: RegistryBackend;
    source: EvidenceSource;
    now: () => Date;
}
export interface RollbackResult {
    stage: string;
    current: string;
    triggers: TriggerResult[];
    /**
     * The samples the triggers judged: from the moment the current version took the stage (its
     * assignment, or its current canary step) to the newest sample read.
     */
    window: {
        since: string;
        until: string | null;
    };
    fired: boolean;
    /** The version the stage was moved back to; null when nothing fired. */
    rolledBackTo: string | null;
    record: PromotionRecord | null;
    tag: string | null;
}
/**
 * Evaluates the rollback triggers on monitoring; when one fires, moves the stage back to the
 * plan's target and records why. Missing monitoring is reported, never read as healthy.
 */
export declare function rollback(policy: Policy, options: RollbackOptions, deps: RollbackDeps): Promise<RollbackResult>;
