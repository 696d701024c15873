import type { RegistryBackend } from '../registry/types.js';
export interface RegisterOptions {
    model: string;
    version: string;
    /** Revision of the commit that produced the model; default HEAD. */
    commit?: string;
    /** Lineage facts to keep in the tag message (model digest, data snapshot…). */
    lineage?: Record<string, unknown>;
}
export interface RegisterResult {
    tag: string;
    version: string;
    commit: string;
}
/** `<model>@v<semver>` on the model's commit. One version per commit, as GTO maps versions by commit. */
export declare function register(options: RegisterOptions, registry: RegistryBackend, now?: () => Date): Promise<RegisterResult>;
