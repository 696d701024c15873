/** Where an error came from: a file, a position in it, and the key path inside the document. */
export interface SourceLocation {
  file?: string
  line?: number
  column?: number
  /** Key path inside the document, e.g. `transitions[1].gates[0].max`. */
  path?: string
}

export type ErrorCode =
  | 'usage'
  | 'policy'
  | 'evidence'
  | 'registry'
  | 'git'
  | 'github'
  | 'archive'
  | 'statistics'
  | 'approvals'
  | 'rollout'
  | 'attestation'
  | 'internal'

/**
 * The one error type modelgate throws on purpose. The CLI prints `format()` and exits 2;
 * anything else reaching the top is a bug and is reported as such.
 */
export class ModelgateError extends Error {
  readonly code: ErrorCode
  readonly location: SourceLocation | undefined

  constructor(code: ErrorCode, message: string, location?: SourceLocation, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ModelgateError'
    this.code = code
    this.location = location
  }

  /** `file:line:column path: message`, leaving out the parts that are unknown. */
  format(): string {
    return formatLocated(this.message, this.location)
  }
}

export function formatLocated(message: string, location: SourceLocation | undefined): string {
  if (!location) return message
  let where = location.file ?? ''
  if (where && location.line !== undefined) {
    where += `:${location.line}`
    if (location.column !== undefined) where += `:${location.column}`
  }
  const prefix = [where, location.path].filter((part) => part !== undefined && part !== '').join(' ')
  return prefix ? `${prefix}: ${message}` : message
}

export class UsageError extends ModelgateError {
  constructor(message: string, location?: SourceLocation) {
    super('usage', message, location)
    this.name = 'UsageError'
  }
}

export class PolicyError extends ModelgateError {
  constructor(message: string, location?: SourceLocation, options?: { cause?: unknown }) {
    super('policy', message, location, options)
    this.name = 'PolicyError'
  }
}

export class EvidenceError extends ModelgateError {
  constructor(message: string, location?: SourceLocation, options?: { cause?: unknown }) {
    super('evidence', message, location, options)
    this.name = 'EvidenceError'
  }
}

export class RegistryError extends ModelgateError {
  constructor(message: string, location?: SourceLocation, options?: { cause?: unknown }) {
    super('registry', message, location, options)
    this.name = 'RegistryError'
  }
}

export class GitHubError extends ModelgateError {
  readonly status: number | undefined
  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super('github', message, undefined, options)
    this.name = 'GitHubError'
    this.status = status
  }
}

export class ArchiveError extends ModelgateError {
  constructor(message: string, location?: SourceLocation) {
    super('archive', message, location)
    this.name = 'ArchiveError'
  }
}

export class StatisticsError extends ModelgateError {
  constructor(message: string, location?: SourceLocation) {
    super('statistics', message, location)
    this.name = 'StatisticsError'
  }
}

/** Signing a record with Sigstore failed, or the signing identity is not available. */
export class AttestationError extends ModelgateError {
  constructor(message: string, location?: SourceLocation, options?: { cause?: unknown }) {
    super('attestation', message, location, options)
    this.name = 'AttestationError'
  }
}

export function isModelgateError(value: unknown): value is ModelgateError {
  return value instanceof ModelgateError
}

/** A canary step asked for before the current step's hold has elapsed: nothing is written. */
export class RolloutHoldError extends ModelgateError {
  /** When the refused step may start (ISO 8601). */
  readonly notBefore: string

  constructor(message: string, notBefore: string, location?: SourceLocation) {
    super('rollout', message, location)
    this.name = 'RolloutHoldError'
    this.notBefore = notBefore
  }
}
