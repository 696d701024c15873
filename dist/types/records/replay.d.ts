import type { GateStatus } from '../gates/types.js';
import type { Policy } from '../policy/types.js';
import type { PromotionRecord } from './types.js';
export type ReplayOutcome = 'same' | 'would_block' | 'would_pass' | 'cannot_tell' | 'no_transition';
export declare const REPLAY_OUTCOMES: readonly ReplayOutcome[];
/** One recorded attempt as the registry holds it: the tag it is in and its record. */
export interface RecordedAttempt {
    tag: string | null;
    record: PromotionRecord;
}
export interface ReplayedGate {
    id: string;
    /** The status the record holds for a gate of this id; null when it had none. */
    before: GateStatus | null;
    /** The status under the new policy; `unknown` when the record cannot settle it. */
    after: GateStatus | 'unknown';
    /** The values this gate reads that the record does not hold (`online.requests`). */
    unknown_reads: string[];
    /** What the gate says under the new policy (empty when unknown). */
    message: string;
}
export interface ReplayedAttempt {
    tag: string | null;
    version: string;
    from: string;
    to: string;
    at: string;
    recorded: 'promote' | 'block';
    outcome: ReplayOutcome;
    /** The decision under the new policy; null when it cannot be told or the transition is gone. */
    replayed: 'promote' | 'block' | null;
    /** What blocks under the new policy for certain: gate ids, and `approvals` when they fall short. */
    blocked_by: string[];
    /** Gates that could block but read values the record does not hold. */
    unknown: Array<{
        gate: string;
        reads: string[];
    }>;
    /** One reason per gate that blocks for certain, as `evaluate` words them. */
    reasons: string[];
    gates: ReplayedGate[];
    /** Why the attempt was not re-decided (`no_transition`), or what the replay could not use. */
    notes: string[];
}
export interface ReplayReport {
    model: string;
    /** The new policy's file and digest, when it was read from one. */
    policy: {
        path: string;
        sha256: string;
    } | null;
    attempts: ReplayedAttempt[];
    counts: Record<ReplayOutcome, number>;
    /** Records that are not gate decisions (rollbacks) or of another model. */
    skipped: Array<{
        tag: string | null;
        why: string;
    }>;
}
/** One attempt re-decided under `policy`. */
export declare function replayAttempt(policy: Policy, attempt: RecordedAttempt, all?: readonly RecordedAttempt[]): ReplayedAttempt;
/**
 * Every recorded gate decision of `model` (promotions and blocked attempts, oldest first) re-decided
 * under `policy`. Rollbacks are listed as skipped: their triggers judge monitoring, not the gates.
 * `history` is every record of the model (default `attempts`): a baseline version's promotion
 * may lie before the attempts asked about.
 */
export declare function replayRecords(policy: Policy, model: string, attempts: readonly RecordedAttempt[], history?: readonly RecordedAttempt[]): ReplayReport;
/** Whether any attempt would be decided otherwise, or cannot be told (the CLI's exit 1). */
export declare function replayChangesSomething(report: ReplayReport): boolean;
