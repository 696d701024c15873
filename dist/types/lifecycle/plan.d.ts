import type { ChecksByApp, Decision, EvaluationInput } from '../gates/types.js';
import type { Policy, Transition } from '../policy/types.js';
import type { PromotionRecord, RunContext } from '../records/types.js';
import type { RawTag, RegistryBackend, TagQuestion } from '../registry/types.js';
import { type EvaluationDeps, type EvaluationOptions } from './evaluate-flow.js';
export interface PlanOptions extends EvaluationOptions {
    run?: RunContext;
}
export interface PlanDeps extends EvaluationDeps {
    registry: RegistryBackend;
    /**
     * Check runs and statuses of the model's commit (the action reads GitHub's), by name and per
     * GitHub App for gates that pin `app:`; asked only for `checks` gates.
     */
    checksFor?: (commit: string) => Promise<{
        conclusions: Readonly<Record<string, string>>;
        byApp: ChecksByApp;
    }>;
}
/** Everything `promote` decides before it writes: `evaluate`, `preview` and `promote --dry-run` stop here. */
export interface PromotionPlan {
    transition: Transition;
    decision: Decision;
    record: PromotionRecord;
    input: EvaluationInput;
    unavailable: Map<string, string>;
    /** The commit the version is registered on. */
    commit: string;
    /** Every tag of the model, as read once for this plan. */
    tags: RawTag[];
    registered: Map<string, {
        commit: string;
        at: string | null;
    }>;
    baselineStage: string;
    /** The rollout step this promotion reaches, when the transition has a rollout. */
    rolloutStep: number | undefined;
    /** Whether the version was archived (in no stage) and this promotion restores it (`from_stage: "archived"`). */
    restored: boolean;
}
/** Metric paths whose baseline value a gate of the transition compares with. */
export declare function baselineMetrics(transition: Transition): Set<string>;
/** Whether a gate of the transition compares with the version in the baseline stage. */
export declare function needsBaseline(transition: Transition): boolean;
/**
 * What a promotion asks of the registry: the candidate's registration, and the stages it moves
 * from and to and takes its baseline from. A backend that reads tag objects one by one reads only
 * these (`registry/window.ts`); `latest` adds the model's newest tags (a re-run's own attempt).
 */
export declare function promoteQuestion(policy: Policy, options: {
    model: string;
    version: string;
    to: string;
    from?: string;
}, latest?: number): TagQuestion;
/**
 * What a promotion reads, asked before its policy is known (the policy then travels in the same
 * request). Every stage the tag names mention is asked anyway (`allStages`), so the stages the
 * policy adds (from, to, baseline) change nothing that is read: a stage without tags has nothing
 * to read. `promoteQuestion` asked afterwards is answered by what this one read.
 */
export declare function promoteReadQuestion(options: {
    model: string;
    version: string;
    to: string;
    from?: string;
}, latest?: number): TagQuestion;
/**
 * Reads the registry once and decides: the version must be registered (and in the transition's
 * `from` stage past the first), a canary step must wait out its hold, the baseline is the version
 * in the policy's baseline stage and its values come from its own promotion records (evidence
 * handed in is the fallback). Writes nothing. `promote` writes what this returns; `evaluate`,
 * `preview` and `promote --dry-run` report it, so all of them decide alike.
 */
export declare function planPromotion(policy: Policy, options: PlanOptions, deps: PlanDeps): Promise<PromotionPlan>;
