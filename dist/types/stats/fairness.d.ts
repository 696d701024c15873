export interface GroupCounts {
    group: string;
    /** Rows in the group. */
    n: number;
    /** Rows whose label is positive. */
    positives: number;
    /** Positive label, positive prediction. */
    truePositives: number;
    /** Negative label, positive prediction. */
    falsePositives: number;
    /** Rows predicted positive. */
    predictedPositives: number;
}
export interface GroupRates {
    group: string;
    n: number;
    positives: number;
    negatives: number;
    tpr: number | null;
    fpr: number | null;
    selection_rate: number;
}
export type FairnessMetric = 'tpr_gap' | 'fpr_gap' | 'demographic_parity_difference' | 'equalized_odds_difference' | 'tpr_ratio' | 'fpr_ratio' | 'demographic_parity_ratio' | 'equalized_odds_ratio';
export type FairnessReport = {
    groups: GroupRates[];
    /** Why a metric is null, for every null metric. */
    reasons: Partial<Record<FairnessMetric, string>>;
    /** Conditions worth knowing that do not make a metric null (a single group). */
    warnings: string[];
} & Record<FairnessMetric, number | null>;
/** Per-group rates and the between-groups gaps and ratios. */
export declare function fairnessReport(counts: readonly GroupCounts[]): FairnessReport;
/**
 * Counts per group from parallel columns: group codes with their names, and whether each row's
 * label / prediction is the positive class.
 */
export declare function countGroups(groupNames: readonly string[], groupCodes: ArrayLike<number>, labelPositive: ArrayLike<boolean | number>, predictionPositive: ArrayLike<boolean | number>): GroupCounts[];
