/** One-sided Kolmogorov–Smirnov survival function Pr(D+_n > x) (`scipy.special.smirnov`). */
export declare function smirnovSf(n: number, x: number): number;
/**
 * Two-sided Kolmogorov–Smirnov survival function Pr(D_n > x) for a sample of size n
 * (`scipy.stats.kstwo.sf(x, n)`).
 */
export declare function kolmogornSf(n: number, x: number): number;
