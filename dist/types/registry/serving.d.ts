import { type RegistryEvent } from './state.js';
import type { RawTag } from './types.js';
/** One version in a stage, with what a serving layer needs to load it. */
export interface ServedVersion {
    version: string;
    /** The commit the version was registered on (full sha), or null when the tags name none. */
    commit: string | null;
    /** `sha256:<hex>` from the lineage of the version's promotion, when it named a well-formed one. */
    model_digest: string | null;
    /** Where to fetch the model, from the same lineage, when it named a well-formed URI. */
    model_uri: string | null;
    /** Traffic weight in percent during a canary or shadow rollout; null otherwise. */
    weight: number | null;
    /** When the version entered the stage (for `archived`: when it left its last stage). */
    since: string | null;
    /** The tag that put it there (for `archived`: the tag that took it out). */
    tag: string;
    /** Whether that assignment carries a modelgate promotion record for this version and stage. */
    verified: boolean;
}
/** A version in the `archived` pseudo-stage: the stage it left last. */
export interface ArchivedVersion extends ServedVersion {
    from_stage: string;
}
export interface StageVersions {
    stage: string;
    versions: ServedVersion[];
}
export interface ResolveOptions {
    /** Answer as of this moment, from the tags whose tagger date is not after it. */
    at?: Date;
    /** Only assignments that carry a modelgate record count (see RegistryEvent.verified). */
    verifiedOnly?: boolean;
}
/**
 * Whether an assignment is backed by a modelgate record: the tag message holds a valid promotion
 * (or rollback) record that names this model, version and stage and says promote. GTO's own tags,
 * and tags someone wrote by hand, carry none.
 */
export declare function isVerifiedAssignment(event: RegistryEvent, model: string, version: string, stage: string): boolean;
/** Stages that appear in the model's assignment or unassignment tags, in order of first use. */
export declare function stagesOf(tags: readonly RawTag[], model: string): string[];
/**
 * The version(s) in a stage with everything a deploy job needs (commit, digest, URI, weight,
 * verified), latest first. `stage` may be `archived`: versions once assigned and in no stage now.
 */
export declare function resolveServedStage(tags: readonly RawTag[], model: string, stage: string, options?: ResolveOptions): ServedVersion[];
/** Every stage the model has used, each with its version(s); a stage emptied since lists none. */
export declare function resolveAllStages(tags: readonly RawTag[], model: string, options?: ResolveOptions): StageVersions[];
/**
 * Versions that were assigned to a stage once and are in none now, most recently archived first.
 * Archiving is "no longer active", never deletion: such a version can be promoted again, and the
 * promotion is recorded as a restore (`from_stage: "archived"`).
 */
export declare function archivedVersions(tags: readonly RawTag[], model: string, options?: ResolveOptions): ArchivedVersion[];
/**
 * Whether a version is archived: assigned to some stage once and in none now. Cheaper than
 * `archivedVersions` and never throws (a stage literally named "archived" counts as a stage).
 */
export declare function isArchivedVersion(tags: readonly RawTag[], model: string, version: string): boolean;
