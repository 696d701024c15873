import type { Policy } from '../policy/types.js';
import { type ReplayReport } from '../records/replay.js';
import type { RegistryBackend } from '../registry/types.js';
export interface ReplayRequest {
    model: string;
    /** Only attempts recorded at or after this moment (records' `created_at`; the baseline's may be older). */
    since?: Date;
}
/**
 * `modelgate replay` and the action's `command: replay`: the model's recorded attempts, read from
 * any registry backend (local git or GitHub), re-decided under `policy`. Reads tags, writes nothing.
 * Tags that count but carry no record (GTO's, or written by hand) and invalid tags are listed as
 * not replayed, with why.
 */
export declare function replayHistory(policy: Policy, request: ReplayRequest, registry: Pick<RegistryBackend, 'listTags'>): Promise<ReplayReport>;
