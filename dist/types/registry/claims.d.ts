/**
 * Counter claims. Tag creation is atomic per NAME, but GTO's counters must be unique per MODEL:
 * `churn#prod#4` and `churn#prod!#4` are different names, so two racing writers could both take
 * counter 4. Every counted tag modelgate writes is therefore created together with a claim ref
 * `refs/modelgate/counters/<model>/#<N>` (create-only): whoever gets the claim owns the counter,
 * the other takes the next one. The claim lives outside `refs/tags`, so GTO, `git tag` and
 * `git push --tags` never see it. `#` cannot start a model-name component (GTO's name rule), so
 * the claims of `team` and `team/x` never collide as file and directory.
 */
export declare const COUNTER_CLAIM_PREFIX = "refs/modelgate/counters/";
/** The claim ref for a counted tag name, or null for a tag without a counter (a registration). */
export declare function counterClaimRef(tagName: string): string | null;
