import type { CategoryCounts } from './psi.js';
export declare function logGamma(x: number): number;
/** Regularised upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a). */
export declare function gammaQ(a: number, x: number): number;
/** Pr(χ²_k > x). */
export declare function chi2Sf(x: number, dof: number): number;
/** Evidently's chisquare drift p-value for a categorical column; null with a single category. */
export declare function chiSquarePvalue(reference: CategoryCounts, current: CategoryCounts): number | null;
