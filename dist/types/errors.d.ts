/** Where an error came from: a file, a position in it, and the key path inside the document. */
export interface SourceLocation {
    file?: string;
    line?: number;
    column?: number;
    /** Key path inside the document, e.g. `transitions[1].gates[0].max`. */
    path?: string;
}
export type ErrorCode = 'usage' | 'policy' | 'evidence' | 'registry' | 'git' | 'github' | 'archive' | 'statistics' | 'approvals' | 'rollout' | 'attestation' | 'internal';
/**
 * The one error type modelgate throws on purpose. The CLI prints `format()` and exits 2;
 * anything else reaching the top is a bug and is reported as such.
 */
export declare class ModelgateError extends Error {
    readonly code: ErrorCode;
    readonly location: SourceLocation | undefined;
    constructor(code: ErrorCode, message: string, location?: SourceLocation, options?: {
        cause?: unknown;
    });
    /** `file:line:column path: message`, leaving out the parts that are unknown. */
    format(): string;
}
export declare function formatLocated(message: string, location: SourceLocation | undefined): string;
export declare class UsageError extends ModelgateError {
    constructor(message: string, location?: SourceLocation);
}
export declare class PolicyError extends ModelgateError {
    constructor(message: string, location?: SourceLocation, options?: {
        cause?: unknown;
    });
}
export declare class EvidenceError extends ModelgateError {
    constructor(message: string, location?: SourceLocation, options?: {
        cause?: unknown;
    });
}
export declare class RegistryError extends ModelgateError {
    constructor(message: string, location?: SourceLocation, options?: {
        cause?: unknown;
    });
}
export declare class GitHubError extends ModelgateError {
    readonly status: number | undefined;
    constructor(message: string, status?: number, options?: {
        cause?: unknown;
    });
}
export declare class ArchiveError extends ModelgateError {
    constructor(message: string, location?: SourceLocation);
}
export declare class StatisticsError extends ModelgateError {
    constructor(message: string, location?: SourceLocation);
}
/** Signing a record with Sigstore failed, or the signing identity is not available. */
export declare class AttestationError extends ModelgateError {
    constructor(message: string, location?: SourceLocation, options?: {
        cause?: unknown;
    });
}
export declare function isModelgateError(value: unknown): value is ModelgateError;
/** A canary step asked for before the current step's hold has elapsed: nothing is written. */
export declare class RolloutHoldError extends ModelgateError {
    /** When the refused step may start (ISO 8601). */
    readonly notBefore: string;
    constructor(message: string, notBefore: string, location?: SourceLocation);
}
