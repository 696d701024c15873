import type { EvidenceSet, LoadedEvidence } from '../evidence/types.js';
import type { Decision } from '../gates/types.js';
import type { Policy } from '../policy/types.js';
import { type PromotionRecord, type RunContext } from './types.js';
export interface RecordInput {
    decision: Decision;
    event?: PromotionRecord['event'];
    evidence: EvidenceSet | readonly LoadedEvidence[];
    baseline: {
        version: string | null;
        stage?: string;
    };
    policy?: Policy;
    run?: RunContext;
    createdAt: string;
    /** Index into the rollout's steps this promotion reaches. */
    rolloutStep?: number;
    /**
     * For a rollback, the version the stage moves back to. For a promotion, left out: the target of
     * the rollback plan is filled in when it is known (a named version, or `previous` with the
     * baseline read from the stage being promoted into); null says there is none.
     */
    rollbackTo?: string | null;
    /** For a rollback: the monitoring samples its triggers judged. */
    monitoringWindow?: {
        since: string;
        until: string | null;
    };
}
/** The record of one promotion, blocked attempt or rollback (docs/records.md). Pure: time is an input. */
export declare function buildPromotionRecord(input: RecordInput): PromotionRecord;
/**
 * The first line of the tag message (what `git tag -n1`, GTO and GitHub show), at most 100
 * characters: `promote fraud_detector v7.0.0 staging -> prod (canary 10%)`,
 * `blocked fraud_detector v8.0.0 staging -> prod: 2 gates failed`,
 * `rollback fraud_detector v6.0.0 in prod (from v7.0.0)`.
 */
export declare function tagSummaryLine(record: PromotionRecord): string;
/**
 * The commit status description, at most 140 characters (GitHub's limit) counted in UTF-16 units,
 * which also bounds code points. The status context (`modelgate/<model>/<stage>`) names the model
 * and stage, so the description spends its room on the outcome and on which gates failed.
 */
export declare function statusDescription(record: PromotionRecord): string;
/** The commit status state: a blocked attempt is a failure, a promotion or rollback a success. */
export declare function statusState(record: PromotionRecord): 'success' | 'failure';
/**
 * Tag messages stay under 64 KiB (UTF-8): they are read by every `resolve`, `history` and GTO
 * call, and some hosts refuse larger tag objects. Gate results are bounded where they are made
 * (`gates/bound.ts`); this is the last line, for records that are large in sum.
 */
export declare const MAX_TAG_MESSAGE_BYTES: number;
/**
 * The record as it will be kept: unchanged when its tag message fits, else cut in steps until it
 * does, each step named in `truncated` so a reader knows the record is abridged and how:
 * first the gates' observed and baseline values, then long texts, then the detail of gates and
 * reasons beyond the first ones. Never cut: model, version, stages, decision, gate ids and
 * statuses, evidence digests, approvals' users — what the record decides and who decided it.
 */
export declare function boundRecord(record: PromotionRecord): PromotionRecord;
/** Summary line, blank line, pretty JSON: readable in `git show`, parseable by `recordFromTagMessage`. */
export declare function recordToTagMessage(record: PromotionRecord): string;
/**
 * The record inside a tag message, or null when there is none: GTO's messages, registration and
 * archival tags, and records this version cannot read (a corrupt or future-schema record is read as
 * a plain event rather than stopping `resolve`; `parsePromotionRecord` says what is wrong with one).
 * A signature git appends after the JSON (signed tags) is ignored.
 */
export declare function recordFromTagMessage(message: string): PromotionRecord | null;
/** The parsed JSON block of a tag message (from the first line that starts with `{`), or null. */
export declare function recordJsonInTagMessage(message: string): unknown;
