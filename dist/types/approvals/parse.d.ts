import type { EnvironmentReview } from './types.js';
/**
 * Validates the shape of GitHub's run-approvals response (also what `--approvals FILE` takes):
 * a list of `{ state, comment, environments: [{ name }], user: { login } }`.
 */
export declare function parseEnvironmentReviews(data: unknown, file: string): EnvironmentReview[];
