/**
 * The one error type modelgate throws on purpose. The CLI prints `format()` and exits 2;
 * anything else reaching the top is a bug and is reported as such.
 */
class ModelgateError extends Error {
    code;
    location;
    constructor(code, message, location, options) {
        super(message, options);
        this.name = 'ModelgateError';
        this.code = code;
        this.location = location;
    }
    /** `file:line:column path: message`, leaving out the parts that are unknown. */
    format() {
        return formatLocated(this.message, this.location);
    }
}
function formatLocated(message, location) {
    if (!location)
        return message;
    let where = location.file ?? '';
    if (where && location.line !== undefined) {
        where += `:${location.line}`;
        if (location.column !== undefined)
            where += `:${location.column}`;
    }
    const prefix = [where, location.path].filter((part) => part !== undefined && part !== '').join(' ');
    return prefix ? `${prefix}: ${message}` : message;
}
class UsageError extends ModelgateError {
    constructor(message, location) {
        super('usage', message, location);
        this.name = 'UsageError';
    }
}
class PolicyError extends ModelgateError {
    constructor(message, location, options) {
        super('policy', message, location, options);
        this.name = 'PolicyError';
    }
}
class EvidenceError extends ModelgateError {
    constructor(message, location, options) {
        super('evidence', message, location, options);
        this.name = 'EvidenceError';
    }
}
class RegistryError extends ModelgateError {
    constructor(message, location, options) {
        super('registry', message, location, options);
        this.name = 'RegistryError';
    }
}
class GitHubError extends ModelgateError {
    status;
    constructor(message, status, options) {
        super('github', message, undefined, options);
        this.name = 'GitHubError';
        this.status = status;
    }
}
class ArchiveError extends ModelgateError {
    constructor(message, location) {
        super('archive', message, location);
        this.name = 'ArchiveError';
    }
}
class StatisticsError extends ModelgateError {
    constructor(message, location) {
        super('statistics', message, location);
        this.name = 'StatisticsError';
    }
}
function isModelgateError(value) {
    return value instanceof ModelgateError;
}

export { ArchiveError as A, EvidenceError as E, GitHubError as G, ModelgateError as M, PolicyError as P, RegistryError as R, StatisticsError as S, UsageError as U, formatLocated as f, isModelgateError as i };
