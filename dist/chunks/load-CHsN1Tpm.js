import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { P as PolicyError, E as EvidenceError, i as isModelgateError, U as UsageError } from './errors-C8WN8CYy.js';
import { r as requireObject, p as parseStructured, n as normalizeVersion, d as distExports } from './version-Dm4lwVae.js';
import { f as fairnessOfCsv } from './fairness-csv-DgwIbD0f.js';
import { d as driftOfCsv } from './drift-csv-Dlo_pHJS.js';
import { readFile } from 'node:fs/promises';
import { D as DURATION_PATTERN, p as policySchema } from './schema-Cg9dzWAO.js';

/** Numbers as people read them in reasons: up to 6 significant digits, no float noise. */
function formatNumber(value) {
    if (!Number.isFinite(value))
        return String(value);
    if (Number.isInteger(value) && Math.abs(value) < 1e15)
        return String(value);
    const text = Number(value.toPrecision(6)).toString();
    return text;
}
function formatSigned(value) {
    return value > 0 ? `+${formatNumber(value)}` : formatNumber(value);
}
/** An observed value of any type, for a reason: numbers plainly, others as JSON-ish. */
function formatObserved(value) {
    if (typeof value === 'number')
        return formatNumber(value);
    if (value === undefined)
        return 'nothing';
    if (typeof value === 'string')
        return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
    if (Array.isArray(value))
        return 'a list';
    if (value !== null && typeof value === 'object')
        return 'an object';
    return String(value);
}
/**
 * `baseline v1.2.0` when the baseline's version is known; plain `baseline` when the caller only
 * knows that one exists (the CLI given --baseline-evidence without --baseline-version).
 */
function baselineLabel(version) {
    return /^v\d/.test(version) ? `baseline ${version}` : 'baseline';
}

/**
 * Counts approvals per SPEC §3: state `approved`, an environment the policy names, one vote per
 * person however many environments they approved, and never the run's actor under
 * `prevent_self_approval`. Logins compare case-insensitively, as GitHub's do.
 */
function countApprovals(reviews, rule, actor, observedAt) {
    if (!rule)
        return noApprovalsRequired('no approvals required');
    const allowed = new Set(rule.environments);
    const approvers = [];
    const ignored = [];
    const counted = new Set();
    const self = actor?.toLowerCase();
    for (const review of reviews) {
        const user = review.user?.login ?? '';
        const names = (review.environments ?? []).map((env) => env?.name ?? '').filter((name) => name !== '');
        const environment = names.find((name) => allowed.has(name)) ?? names[0] ?? '';
        const ignore = (reason) => {
            ignored.push({ user, environment, reason });
        };
        if (!user)
            ignore('no user');
        else if (review.state !== 'approved')
            ignore(`state is ${review.state}`);
        else if (!allowed.has(environment))
            ignore(`environment "${environment}" is not in the policy`);
        else if (rule.prevent_self_approval && self !== undefined && user.toLowerCase() === self)
            ignore('triggered the run (self-approval)');
        else if (counted.has(user.toLowerCase()))
            ignore('already counted for another environment');
        else {
            counted.add(user.toLowerCase());
            approvers.push({
                user,
                environment,
                comment: review.comment ?? '',
                ...(observedAt && { at: observedAt })
            });
        }
    }
    const received = approvers.length;
    const status = received >= rule.required ? 'pass' : 'fail';
    const who = approvers.map((a) => `${a.user} (${a.environment})`).join(', ');
    const message = status === 'pass'
        ? `${received} of ${rule.required} approvals: ${who}`
        : `${received} of ${rule.required} required approvals${who ? ` (${who})` : ''} from environments ${rule.environments.join(', ')}`;
    return {
        required: rule.required,
        received,
        status,
        environments: rule.environments,
        approvers,
        ignored,
        message
    };
}
/** The result for a step that needs no approval (a transition without a rule, a rollback). */
function noApprovalsRequired(message) {
    return {
        required: 0,
        received: 0,
        status: 'not_required',
        environments: [],
        approvers: [],
        ignored: [],
        message
    };
}

/** The transition into `to` (from `from` when given), or an error listing the ones there are. */
function findTransition(policy, to, from) {
    const candidates = policy.transitions.filter((t) => t.to === to && (from === undefined || t.from === from));
    if (candidates.length === 1)
        return candidates[0];
    const known = policy.transitions.map((t) => `${t.from} -> ${t.to}`).join(', ');
    const file = policy.source?.path;
    if (candidates.length === 0) {
        const wanted = from === undefined ? `into "${to}"` : `from "${from}" to "${to}"`;
        throw new PolicyError(`the policy has no transition ${wanted}; it has ${known}`, { file });
    }
    throw new PolicyError(`the policy has ${candidates.length} transitions into "${to}" (${candidates.map((t) => t.from).join(', ')}); say which with --from`, { file });
}
/** Whether `model` is governed by the policy's `model` (a name or a `*`/`?` glob). */
function modelMatches(policy, model) {
    const pattern = policy.model;
    if (!/[*?]/.test(pattern))
        return pattern === model;
    const regex = new RegExp(`^${pattern
        .replace(/[.+^${}()|[\]\\/-]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`);
    return regex.test(model);
}

/**
 * Only `success` passes (case-insensitive). `neutral`, `skipped`, `stale`, `pending` and the rest
 * fail closed: a check that did not run proves nothing about the model.
 */
const PASSING = new Set(['success']);
/**
 * Name → conclusion from evidence `checks` (`{ "unit-tests": "success" }` or `{ conclusion }` /
 * `{ state }` objects). A value that is neither becomes a conclusion naming what was found, so it
 * fails with a reason instead of vanishing into "not found". Undefined when the evidence is absent
 * or is not an object (see `malformedChecks`).
 */
function checksFromEvidence(evidence) {
    const report = evidence.get('checks');
    if (!report || !report.data || typeof report.data !== 'object' || Array.isArray(report.data))
        return undefined;
    const result = {};
    for (const [name, value] of Object.entries(report.data)) {
        if (typeof value === 'string')
            result[name] = value;
        else if (value && typeof value === 'object' && !Array.isArray(value)) {
            const { conclusion, state } = value;
            if (typeof conclusion === 'string')
                result[name] = conclusion;
            else if (typeof state === 'string')
                result[name] = state;
            else
                result[name] = `unusable (${formatObserved(value)} without a conclusion)`;
        }
        else
            result[name] = `unusable (${formatObserved(value)})`;
    }
    return result;
}
/** Why evidence `checks` is present but unusable, or undefined when it is absent or usable. */
function malformedChecks(evidence) {
    const report = evidence.get('checks');
    if (!report)
        return undefined;
    const data = report.data;
    if (data && typeof data === 'object' && !Array.isArray(data))
        return undefined;
    return `${report.source}: expected an object of check name -> conclusion, got ${formatObserved(data)}`;
}
function evaluateChecksGate(gate, checks, malformed) {
    const threshold = `success: ${gate.checks.join(', ')}`;
    // Present but unusable is an error, never `missing`: `optional: true` must not tolerate it.
    if (malformed !== undefined)
        return { status: 'error', threshold, message: malformed };
    if (!checks)
        return { status: 'missing', threshold, message: 'no check results were provided (evidence "checks")' };
    const observed = {};
    const problems = [];
    for (const name of gate.checks) {
        const conclusion = Object.prototype.hasOwnProperty.call(checks, name) ? checks[name] : undefined;
        observed[name] = conclusion ?? 'not found';
        if (conclusion === undefined)
            problems.push(`${name}: not found`);
        else if (!PASSING.has(conclusion.toLowerCase()))
            problems.push(`${name}: ${conclusion}`);
    }
    if (problems.length > 0)
        return { status: 'fail', threshold, observed, message: problems.join('; ') };
    return { status: 'pass', threshold, observed, message: `all ${gate.checks.length} succeeded` };
}

const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;
const GIT_SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
// eslint-disable-next-line no-control-regex
const PLAIN_REFERENCE = /^[^\s\u0000-\u001f\u007f]{1,1024}$/;
/** What well-formed means per field; each rule says what it expects. */
const LINEAGE_RULES = {
    model_digest: { test: (v) => SHA256_DIGEST.test(v), expected: 'sha256:<64 lowercase hex>' },
    environment_lock: {
        test: (v) => SHA256_DIGEST.test(v),
        expected: 'sha256:<64 lowercase hex> of the lock file'
    },
    code_commit: { test: (v) => GIT_SHA.test(v), expected: 'a full git commit sha (40 or 64 hex)' },
    data_snapshot: {
        test: (v) => PLAIN_REFERENCE.test(v),
        expected: 'a snapshot reference (URI or id, no spaces)'
    }
};
function evaluateLineageGate(gate, candidate, modelDigest) {
    const threshold = `well-formed: ${gate.fields.join(', ')}`;
    const report = candidate.get(gate.evidence);
    if (!report)
        return { status: 'missing', threshold, message: `evidence "${gate.evidence}" was not provided` };
    const data = report.data;
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
        return { status: 'error', threshold, message: `${report.source}: expected an object of lineage fields` };
    }
    const record = data;
    const problems = [];
    const observed = {};
    for (const field of gate.fields) {
        const value = Object.prototype.hasOwnProperty.call(record, field) ? record[field] : undefined;
        observed[field] = value;
        const rule = LINEAGE_RULES[field];
        if (value === undefined || value === null || value === '')
            problems.push(`${field} is absent`);
        else if (typeof value !== 'string' || !rule.test(value))
            problems.push(`${field} is not ${rule.expected}`);
    }
    if (problems.length === 0 && modelDigest !== undefined && gate.fields.includes('model_digest')) {
        if (record.model_digest !== modelDigest) {
            problems.push(`model_digest ${String(record.model_digest)} does not match the model file (${modelDigest})`);
        }
    }
    if (problems.length > 0)
        return { status: 'fail', threshold, observed, message: problems.join('; ') };
    const verified = modelDigest !== undefined && gate.fields.includes('model_digest') ? '; model file digest verified' : '';
    return {
        status: 'pass',
        threshold,
        observed,
        message: `${gate.fields.length} fields well-formed${verified}`
    };
}

/**
 * Metric paths: `<evidence>.<segment>…` where a segment is a key, `[n]`, or `["key.with.dots"]`.
 * Resolution reads own properties only, so `__proto__`, `constructor` or `toString` in a path are
 * missing values, never something inherited.
 */
const SEGMENT = /\.([^.[\]\s]+)|\[(\d+)\]|\["([^"\]]+)"\]/y;
function parseMetricPath(metric) {
    const head = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(metric);
    if (!head)
        return undefined;
    const segments = [];
    SEGMENT.lastIndex = head[0].length;
    while (SEGMENT.lastIndex < metric.length) {
        const match = SEGMENT.exec(metric);
        if (!match)
            return undefined;
        segments.push(match[2] !== undefined ? Number(match[2]) : (match[1] ?? match[3]));
    }
    return { evidence: head[0], segments };
}
/** Walks `segments` into `data`; says which segment was absent when it fails. */
function resolveSegments(data, segments) {
    let value = data;
    let walked = '';
    for (const segment of segments) {
        walked += typeof segment === 'number' ? `[${segment}]` : `.${segment}`;
        if (typeof segment === 'number') {
            if (!Array.isArray(value) || segment >= value.length)
                return { found: false, missingAt: walked };
            value = value[segment];
        }
        else {
            if (value === null || typeof value !== 'object' || Array.isArray(value))
                return { found: false, missingAt: walked };
            if (!Object.prototype.hasOwnProperty.call(value, segment))
                return { found: false, missingAt: walked };
            value = value[segment];
        }
    }
    return { found: true, value };
}
/** Resolves a path relative to one report (`auc`, `metrics[0].p95`), without the evidence name. */
function resolveMetricPath(data, path) {
    const parsed = parseMetricPath(`_${path.startsWith('[') ? '' : '.'}${path}`);
    if (!parsed)
        return { found: false, missingAt: path };
    return resolveSegments(data, parsed.segments);
}

/**
 * Reads a metric as a finite number, failing closed: absent evidence is `missing`; an absent
 * path, null, NaN, ±Infinity, a string (even "0.9"), a boolean, a list or an object is `error`.
 */
function readNumber(evidence, metric, role = '') {
    const path = parseMetricPath(metric);
    if (!path)
        return { kind: 'error', message: `${role}${metric} is not a metric path` };
    const report = evidence.get(path.evidence);
    if (!report)
        return { kind: 'missing', message: `${role}evidence "${path.evidence}" was not provided` };
    const resolved = resolveSegments(report.data, path.segments);
    if (!resolved.found) {
        return { kind: 'error', message: `${role}${metric} is absent from ${report.source || path.evidence}` };
    }
    const value = resolved.value;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
        return {
            kind: 'error',
            message: `${role}${metric} is ${formatObserved(value)}, not a finite number`,
            observed: typeof value === 'number' ? String(value) : value
        };
    }
    return { kind: 'number', value };
}

const BOUND_CHECKS = [
    { key: 'min', holds: (v, t) => v >= t, breach: '<' },
    { key: 'max', holds: (v, t) => v <= t, breach: '>' },
    { key: 'above', holds: (v, t) => v > t, breach: '<=' },
    { key: 'below', holds: (v, t) => v < t, breach: '>=' }
];
function describeBounds(bounds) {
    return BOUND_CHECKS.filter(({ key }) => bounds[key] !== undefined)
        .map(({ key }) => `${key} ${formatNumber(bounds[key])}`)
        .join(', ');
}
/** Every violated bound, phrased `95 > max 80`. */
function boundViolations(value, bounds) {
    return BOUND_CHECKS.filter(({ key, holds }) => bounds[key] !== undefined && !holds(value, bounds[key])).map(({ key, breach }) => `${formatNumber(value)} ${breach} ${key} ${formatNumber(bounds[key])}`);
}
const COMPARISONS = [
    { key: 'min_delta', relative: false, lower: true },
    { key: 'max_delta', relative: false, lower: false },
    { key: 'min_relative', relative: true, lower: true },
    { key: 'max_relative', relative: true, lower: false }
];
function describeComparison(rule) {
    return COMPARISONS.filter(({ key }) => rule[key] !== undefined)
        .map(({ key }) => `${key} ${formatSigned(rule[key])}`)
        .join(', ');
}
function evaluateMetricGate(gate, candidate, baseline) {
    const base = { metric: gate.metric };
    const thresholdParts = [];
    if (Object.keys(gate.bounds).length > 0)
        thresholdParts.push(describeBounds(gate.bounds));
    if (gate.vs_baseline)
        thresholdParts.push(`vs baseline ${describeComparison(gate.vs_baseline)}`);
    const threshold = thresholdParts.join('; ');
    const read = readNumber(candidate, gate.metric);
    if (read.kind === 'missing')
        return { ...base, status: 'missing', message: read.message, threshold };
    if (read.kind === 'error') {
        return {
            ...base,
            status: 'error',
            message: read.message,
            threshold,
            ...('observed' in read && { observed: read.observed })
        };
    }
    const value = read.value;
    const violations = boundViolations(value, gate.bounds);
    if (violations.length > 0)
        return { ...base, status: 'fail', observed: value, threshold, message: violations.join('; ') };
    if (!gate.vs_baseline)
        return {
            ...base,
            status: 'pass',
            observed: value,
            threshold,
            message: `${formatNumber(value)} within ${threshold}`
        };
    const rule = gate.vs_baseline;
    let baselineValue;
    if (rule.metric !== undefined) {
        const fromCandidate = readNumber(candidate, rule.metric, 'baseline ');
        if (fromCandidate.kind !== 'number')
            return { ...base, status: 'error', observed: value, threshold, message: fromCandidate.message };
        baselineValue = fromCandidate.value;
    }
    else {
        if (baseline.version === null) {
            return {
                ...base,
                status: 'skipped',
                observed: value,
                threshold,
                message: 'no model is in the baseline stage yet, so there is nothing to compare with'
            };
        }
        const fromBaseline = readNumber(baseline.evidence, gate.metric, `${baselineLabel(baseline.version)}: `);
        if (fromBaseline.kind !== 'number') {
            // A baseline that exists but cannot be read fails closed (SPEC §1).
            return { ...base, status: 'error', observed: value, threshold, message: fromBaseline.message };
        }
        baselineValue = fromBaseline.value;
    }
    const delta = value - baselineValue;
    const failures = [];
    for (const { key, relative, lower } of COMPARISONS) {
        const limit = rule[key];
        if (limit === undefined)
            continue;
        if (relative && baselineValue === 0) {
            return {
                ...base,
                status: 'error',
                observed: value,
                baseline: baselineValue,
                threshold,
                message: 'baseline is 0, so a relative change is undefined'
            };
        }
        const change = relative ? delta / Math.abs(baselineValue) : delta;
        // Compare at 12 significant digits so 0.88 - 0.85 counts as the +0.03 it was meant to be.
        const rounded = Number(change.toPrecision(12));
        if (lower ? rounded < limit : rounded > limit) {
            failures.push(`${formatSigned(rounded)} ${relative ? 'relative ' : ''}vs baseline ${formatNumber(baselineValue)} ${lower ? '<' : '>'} ${key} ${formatSigned(limit)}`);
        }
    }
    const changeText = `${formatSigned(Number(delta.toPrecision(12)))} vs baseline ${formatNumber(baselineValue)}`;
    if (failures.length > 0)
        return {
            ...base,
            status: 'fail',
            observed: value,
            baseline: baselineValue,
            threshold,
            message: `${formatNumber(value)}: ${failures.join('; ')}`
        };
    return {
        ...base,
        status: 'pass',
        observed: value,
        baseline: baselineValue,
        threshold,
        message: `${formatNumber(value)}, ${changeText}`
    };
}

/**
 * Applies the gate's severity and optionality: a `warn` gate never blocks (its failure shows as
 * `warn`); an `optional` gate tolerates absent evidence, but a value that is there and fails
 * still blocks.
 */
function finishGate(gate, outcome) {
    const failed = outcome.status === 'fail' || outcome.status === 'missing' || outcome.status === 'error';
    const status = failed && gate.severity === 'warn' ? 'warn' : outcome.status;
    const tolerated = gate.optional && outcome.status === 'missing';
    const result = {
        id: gate.id,
        kind: gate.kind,
        status,
        severity: gate.severity,
        optional: gate.optional,
        blocking: failed && gate.severity === 'block' && !tolerated,
        message: outcome.message
    };
    if (outcome.metric !== undefined)
        result.metric = outcome.metric;
    if ('observed' in outcome)
        result.observed = outcome.observed;
    if (outcome.threshold !== undefined)
        result.threshold = outcome.threshold;
    if ('baseline' in outcome)
        result.baseline = outcome.baseline;
    return result;
}

/** `{ features: [{ name, type, required }] }`; `required` defaults to true (the safe reading). */
function parseFeatureSchema(data) {
    const list = data && typeof data === 'object' && !Array.isArray(data)
        ? data.features
        : undefined;
    if (!Array.isArray(list))
        return { ok: false, message: 'expected { features: [{ name, type, required }] }' };
    const features = new Map();
    for (const [i, entry] of list.entries()) {
        const { name, type, required } = (entry ?? {});
        if (typeof name !== 'string' || name === '' || typeof type !== 'string' || type === '') {
            return { ok: false, message: `features[${i}] needs a name and a type` };
        }
        if (required !== undefined && typeof required !== 'boolean')
            return { ok: false, message: `features[${i}].required must be true or false` };
        if (features.has(name))
            return { ok: false, message: `feature "${name}" is listed twice` };
        features.set(name, { name, type, required: required ?? true });
    }
    return { ok: true, features };
}
/** Removed features, changed types and added required features break serving; added optional ones do not. */
function schemaIncompatibilities(baseline, candidate) {
    const problems = [];
    for (const [name, old] of baseline) {
        const now = candidate.get(name);
        if (!now)
            problems.push(`removed feature "${name}"`);
        else if (now.type !== old.type)
            problems.push(`feature "${name}" changed type ${old.type} -> ${now.type}`);
    }
    for (const [name, now] of candidate) {
        if (!baseline.has(name) && now.required)
            problems.push(`added required feature "${name}"`);
    }
    return problems;
}
function evaluateSchemaGate(gate, candidate, baseline) {
    const threshold = 'compatible with baseline';
    const current = candidate.get(gate.evidence);
    if (!current)
        return { status: 'missing', threshold, message: `evidence "${gate.evidence}" was not provided` };
    const parsedCurrent = parseFeatureSchema(current.data);
    if (!parsedCurrent.ok)
        return { status: 'error', threshold, message: `${current.source}: ${parsedCurrent.message}` };
    if (baseline.version === null) {
        return {
            status: 'skipped',
            threshold,
            message: 'no model is in the baseline stage yet, so there is no schema to compare with'
        };
    }
    const previous = baseline.evidence.get(gate.evidence);
    if (!previous)
        return {
            status: 'error',
            threshold,
            message: `${baselineLabel(baseline.version)}: evidence "${gate.evidence}" was not provided`
        };
    const parsedPrevious = parseFeatureSchema(previous.data);
    if (!parsedPrevious.ok)
        return { status: 'error', threshold, message: `baseline ${previous.source}: ${parsedPrevious.message}` };
    const problems = schemaIncompatibilities(parsedPrevious.features, parsedCurrent.features);
    if (problems.length > 0)
        return { status: 'fail', threshold, observed: problems, message: `incompatible: ${problems.join('; ')}` };
    const added = [...parsedCurrent.features.keys()].filter((name) => !parsedPrevious.features.has(name));
    return {
        status: 'pass',
        threshold,
        message: added.length > 0 ? `compatible; added optional ${added.map((n) => `"${n}"`).join(', ')}` : 'compatible'
    };
}

function checkGate(gate, input) {
    switch (gate.kind) {
        case 'metric':
            return evaluateMetricGate(gate, input.candidate, input.baseline);
        case 'schema_compatible':
            return evaluateSchemaGate(gate, input.candidate, input.baseline);
        case 'checks':
            // Results handed in by the caller (GitHub check runs) win over evidence `checks`.
            if (input.checks)
                return evaluateChecksGate(gate, input.checks);
            return evaluateChecksGate(gate, checksFromEvidence(input.candidate), malformedChecks(input.candidate));
        case 'lineage':
            return evaluateLineageGate(gate, input.candidate, input.modelDigest);
    }
}
/**
 * One reason per gate that did not pass: `latency-p95: 95 > max 80`. A fail names its threshold
 * already; a missing or unusable value gets it appended (`; needs max 80`), so every reason says
 * what was observed and what was required. `found` is the status before severity turned it `warn`.
 */
function gateReason(result, found = result.status) {
    const prefix = result.status === 'warn'
        ? '(warning) '
        : result.status === 'missing' && !result.blocking
            ? '(optional) '
            : '';
    const needs = (found === 'missing' || found === 'error') && result.threshold ? `; needs ${result.threshold}` : '';
    return `${prefix}${result.id}: ${result.message}${needs}`;
}
/**
 * The decision, a pure function of its input: `promote` iff every blocking gate passed or was
 * skipped and the approvals hold (SPEC §1).
 */
function evaluate(input) {
    const { policy, request } = input;
    const transition = findTransition(policy, request.to, request.from);
    const outcomes = transition.gates.map((gate) => checkGate(gate, input));
    const gates = transition.gates.map((gate, i) => finishGate(gate, outcomes[i]));
    const approvals = countApprovals(input.approvals?.reviews ?? [], transition.approvals, input.approvals?.actor, input.approvals?.observedAt);
    const reasons = gates
        .map((gate, i) => ({ gate, found: outcomes[i].status }))
        .filter(({ gate }) => gate.status !== 'pass' && gate.status !== 'skipped')
        .map(({ gate, found }) => gateReason(gate, found));
    if (approvals.status === 'fail')
        reasons.push(`approvals: ${approvals.message}`);
    const blocked = gates.some((gate) => gate.blocking) || approvals.status === 'fail';
    const decision = {
        model: request.model,
        version: request.version,
        from: transition.from,
        to: transition.to,
        decision: blocked ? 'block' : 'promote',
        gates,
        approvals,
        reasons
    };
    if (transition.rollout)
        decision.rollout = transition.rollout;
    if (transition.rollback)
        decision.rollback = transition.rollback;
    return decision;
}

/**
 * Validates the shape of GitHub's run-approvals response (also what `--approvals FILE` takes):
 * a list of `{ state, comment, environments: [{ name }], user: { login } }`.
 */
function parseEnvironmentReviews(data, file) {
    if (!Array.isArray(data))
        throw new EvidenceError('expected the JSON list GET /actions/runs/{run_id}/approvals returns', { file });
    return data.map((entry, i) => {
        const path = `[${i}]`;
        if (!entry || typeof entry !== 'object')
            throw new EvidenceError('expected an approval object', { file, path });
        const { state, comment, environments, user } = entry;
        if (typeof state !== 'string')
            throw new EvidenceError('expected state to be a string', { file, path: `${path}.state` });
        if (!Array.isArray(environments))
            throw new EvidenceError('expected environments to be a list', { file, path: `${path}.environments` });
        const login = user && typeof user === 'object' ? user.login : undefined;
        if (typeof login !== 'string' || login === '')
            throw new EvidenceError('expected user.login', { file, path: `${path}.user` });
        return {
            state,
            comment: typeof comment === 'string' ? comment : null,
            environments: environments.map((env) => ({
                name: env && typeof env === 'object' && typeof env.name === 'string'
                    ? env.name
                    : null
            })),
            user: { login }
        };
    });
}

const DATASET_KEYS = [
    'dataset_drift',
    'share_of_drifted_columns',
    'number_of_drifted_columns',
    'number_of_columns',
    'drift_share'
];
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const finite = (value) => typeof value === 'number' && Number.isFinite(value);
const readEvidently = async ({ primary, name }) => {
    if (!primary)
        throw new EvidenceError(`evidence "${name}" needs a path`);
    const report = requireObject(parseStructured(primary), primary, 'an Evidently report object with "metrics"');
    const metrics = report.metrics;
    if (!Array.isArray(metrics)) {
        throw new EvidenceError('not an Evidently legacy report: no "metrics" list (format: evidently)', {
            file: primary.display,
            path: 'metrics'
        });
    }
    const columns = {};
    const exposed = { columns, raw: report };
    let recognised = 0;
    for (const entry of metrics) {
        if (!isObject(entry))
            continue;
        if (readLegacyMetric(entry, exposed, columns) || readSnapshotMetric(entry, exposed, columns))
            recognised++;
    }
    if (recognised === 0) {
        throw new EvidenceError('no DatasetDriftMetric, DataDriftTable, ColumnDriftMetric, DriftedColumnsCount or ValueDrift in the report', { file: primary.display, path: 'metrics' });
    }
    return exposed;
};
function readLegacyMetric(entry, exposed, columns) {
    const { metric, result } = entry;
    if (!isObject(result))
        return false;
    if (metric === 'DatasetDriftMetric' || metric === 'DataDriftTable') {
        for (const key of DATASET_KEYS)
            if (key in result && !(key in exposed))
                exposed[key] = result[key];
        if (isObject(result.drift_by_columns)) {
            for (const [column, drift] of Object.entries(result.drift_by_columns)) {
                if (isObject(drift))
                    columns[column] = pickColumn(drift);
            }
        }
        return true;
    }
    if (metric === 'ColumnDriftMetric' && typeof result.column_name === 'string') {
        columns[result.column_name] = pickColumn(result);
        return true;
    }
    return false;
}
/** Only the documented fields, and only those present: an absent one stays absent (a gate on it errors). */
function pickColumn(drift) {
    const column = {};
    const copy = (to, value) => {
        if (value !== undefined)
            column[to] = value;
    };
    copy('drift_score', drift.drift_score);
    copy('drift_detected', drift.drift_detected);
    copy('stattest_name', drift.stattest_name);
    copy('stattest_threshold', drift.stattest_threshold ?? drift.threshold);
    copy('column_type', drift.column_type);
    return column;
}
/** `evidently:metric_v2:ValueDrift` → `ValueDrift`; falls back to the name before `(`. */
function snapshotMetricType(entry) {
    const config = isObject(entry.config) ? entry.config : {};
    if (typeof config.type === 'string')
        return config.type.split(':').pop();
    const label = typeof entry.metric_name === 'string' ? entry.metric_name : entry.metric_id;
    return typeof label === 'string' ? label.split('(')[0] : undefined;
}
function readSnapshotMetric(entry, exposed, columns) {
    const type = snapshotMetricType(entry);
    const config = isObject(entry.config) ? entry.config : {};
    if (type === 'DriftedColumnsCount' && isObject(entry.value)) {
        const { count, share } = entry.value;
        if (count !== undefined && !('number_of_drifted_columns' in exposed))
            exposed.number_of_drifted_columns = count;
        if (share !== undefined && !('share_of_drifted_columns' in exposed))
            exposed.share_of_drifted_columns = share;
        if (finite(config.drift_share) && !('drift_share' in exposed))
            exposed.drift_share = config.drift_share;
        if (finite(share) && finite(config.drift_share) && !('dataset_drift' in exposed)) {
            exposed.dataset_drift = share >= config.drift_share;
        }
        return true;
    }
    if (type === 'ValueDrift' && typeof config.column === 'string' && entry.value !== undefined) {
        const column = { drift_score: entry.value };
        if (typeof config.method === 'string')
            column.stattest_name = config.method;
        if (config.threshold !== undefined)
            column.stattest_threshold = config.threshold;
        const detected = driftDetected(config.method, entry.value, config.threshold);
        if (detected !== undefined)
            column.drift_detected = detected;
        columns[config.column] = column;
        return true;
    }
    return false;
}
function driftDetected(method, score, threshold) {
    if (typeof method !== 'string' || !finite(score) || !finite(threshold))
        return undefined;
    if (/p_value$/i.test(method.trim()))
        return score <= threshold;
    if (/distance|divergence|\bpsi\b/i.test(method))
        return score >= threshold;
    return undefined;
}

/** `json` / `yaml`: any object; metric paths resolve into it as written. */
const readJson = async ({ primary, name }) => {
    if (!primary)
        throw new EvidenceError(`evidence "${name}" needs a path`);
    return parseStructured(primary);
};

/*
 * k6 end-of-test summaries. `k6 run --summary-export=f.json` writes
 * `{ metrics: { http_req_duration: { avg, min, med, max, "p(90)", "p(95)" }, http_req_failed:
 * { passes, fails, value }, http_reqs: { count, rate } } }`; a `handleSummary(data)` dump nests
 * the same numbers under `metrics.<name>.values`. Trend percentiles exist only when listed in
 * `--summary-trend-stats` (default avg,min,med,max,p(90),p(95)), so p99 is often absent: absent
 * stays absent (a gate on it is an error), never estimated. Durations are milliseconds.
 * (Facts from k6's summary wrapper: the export is the handleSummary data with each metric replaced
 * by its `values`, a Rate's `rate` renamed `value`, and `thresholds` mapped to "crossed?" booleans.
 * For `http_req_failed`, `passes` counts failed requests, so only `value` is read.)
 */
function statsOf(metrics, name) {
    const metric = metrics[name];
    if (!metric || typeof metric !== 'object')
        return undefined;
    const values = metric.values;
    return (values && typeof values === 'object' ? values : metric);
}
const readK6 = async ({ primary, name }) => {
    if (!primary)
        throw new EvidenceError(`evidence "${name}" needs a path`);
    const summary = requireObject(parseStructured(primary), primary, 'a k6 summary object with "metrics"');
    const metrics = summary.metrics;
    if (!metrics || typeof metrics !== 'object' || Array.isArray(metrics)) {
        throw new EvidenceError('not a k6 summary: no "metrics" object (k6 run --summary-export=FILE)', {
            file: primary.display,
            path: 'metrics'
        });
    }
    const byName = metrics;
    const duration = statsOf(byName, 'http_req_duration');
    const failed = statsOf(byName, 'http_req_failed');
    const requests = statsOf(byName, 'http_reqs');
    const exposed = { metrics: byName };
    if (duration) {
        if ('p(95)' in duration)
            exposed.latency_p95_ms = duration['p(95)'];
        if ('p(99)' in duration)
            exposed.latency_p99_ms = duration['p(99)'];
        if ('p(90)' in duration)
            exposed.latency_p90_ms = duration['p(90)'];
        if ('med' in duration)
            exposed.latency_median_ms = duration.med;
        if ('avg' in duration)
            exposed.latency_avg_ms = duration.avg;
    }
    // http_req_failed is a Rate: `value` (or `rate`) is the share of requests that failed.
    const rate = failed ? ('value' in failed ? failed.value : failed.rate) : undefined;
    if (rate !== undefined)
        exposed.error_rate = rate;
    if (requests && 'count' in requests)
        exposed.requests = requests.count;
    const crossed = thresholdsCrossed(byName);
    if (crossed !== undefined)
        exposed.thresholds_crossed = crossed;
    return exposed;
};
/**
 * How many k6 thresholds the run crossed, when the summary carries any. `--summary-export` writes
 * `thresholds: { "<expr>": <crossed?> }` (k6 exports `!ok`, so `true` means it failed);
 * a `handleSummary` dump writes `thresholds: { "<expr>": { ok } }`.
 */
function thresholdsCrossed(metrics) {
    let seen = 0;
    let crossed = 0;
    for (const metric of Object.values(metrics)) {
        const thresholds = metric && typeof metric === 'object' ? metric.thresholds : undefined;
        if (!thresholds || typeof thresholds !== 'object')
            continue;
        for (const verdict of Object.values(thresholds)) {
            if (typeof verdict === 'boolean') {
                seen++;
                if (verdict)
                    crossed++;
            }
            else if (verdict &&
                typeof verdict === 'object' &&
                typeof verdict.ok === 'boolean') {
                seen++;
                if (!verdict.ok)
                    crossed++;
            }
        }
    }
    return seen > 0 ? crossed : undefined;
}

/*
 * `format: predictions`: a CSV of group, label and prediction columns (named by the spec's
 * `group`, `label`, `prediction`, positive class `positive`, default 1); modelgate computes the
 * fairness report itself, as `modelgate fairness`: `groups`, `tpr_gap`, `fpr_gap`,
 * `demographic_parity_difference`, `equalized_odds_difference`, the ratios, and `reasons` for
 * every gap that is null because a group lacks positives or negatives.
 */
const readPredictions = async ({ name, spec, primary }) => {
    if (!primary)
        throw new EvidenceError(`evidence "${name}" needs a path`);
    const missing = ['group', 'label', 'prediction'].filter((key) => !spec[key]);
    if (missing.length) {
        throw new EvidenceError(`evidence "${name}" (format predictions) needs the column name${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, { path: `evidence.${name}` });
    }
    return fairnessOfCsv({ file: primary.display, bytes: primary.bytes }, {
        group: spec.group,
        label: spec.label,
        prediction: spec.prediction,
        ...(spec.positive !== undefined && { positive: String(spec.positive) })
    });
};

/*
 * `format: samples`: raw feature samples `{ reference: <csv>, current: <csv> }`; modelgate
 * computes the drift itself (PSI and two-sample KS per column, as `modelgate drift`) and exposes
 * `columns.<name>.{psi, ks_statistic, ks_pvalue, …}`, `max_psi` and `min_ks_pvalue`.
 */
const readSamples = async ({ name, spec, readRelated }) => {
    if (!spec.reference || !spec.current) {
        throw new EvidenceError(`evidence "${name}" (format samples) needs both "reference" and "current" CSV paths`, { path: `evidence.${name}` });
    }
    const reference = await readRelated(spec.reference);
    const current = await readRelated(spec.current);
    const report = await driftOfCsv({ file: reference.display, bytes: reference.bytes }, { file: current.display, bytes: current.bytes });
    const columns = {};
    for (const { name: column, ...stats } of report.columns)
        columns[column] = stats;
    return { columns, max_psi: report.max_psi, min_ks_pvalue: report.min_ks_pvalue };
};

function toSeconds(time, file, path) {
    if (typeof time === 'number' && Number.isFinite(time))
        return time;
    if (typeof time === 'string') {
        if (/^\d+(\.\d+)?$/.test(time))
            return Number(time);
        const parsed = Date.parse(time);
        if (!Number.isNaN(parsed) && /^\d{4}-\d\d-\d\dT/.test(time))
            return parsed / 1000;
    }
    throw new EvidenceError(`expected a time in Unix seconds or ISO 8601, got ${JSON.stringify(time)}`, {
        file: file.display,
        path
    });
}
function toValue(value, file, path) {
    // Prometheus sends sample values as strings ("61.5", "NaN", "+Inf").
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value.replace(/^\+?Inf$/, 'Infinity')) : value;
    if (typeof number !== 'number' || Number.isNaN(number)) {
        throw new EvidenceError(`expected a number, got ${JSON.stringify(value)}`, { file: file.display, path });
    }
    return number;
}
function readSeries(points, file, path) {
    if (!Array.isArray(points))
        throw new EvidenceError('expected a list of [time, value] pairs', { file: file.display, path });
    const series = points.map((point, i) => {
        if (!Array.isArray(point) || point.length !== 2)
            throw new EvidenceError('expected [time, value]', { file: file.display, path: `${path}[${i}]` });
        return [toSeconds(point[0], file, `${path}[${i}][0]`), toValue(point[1], file, `${path}[${i}][1]`)];
    });
    return series.sort((a, b) => a[0] - b[0]);
}
/** A Prometheus `query_range` result: `{ status, data: { resultType: "matrix", result: [...] } }`. */
function isPrometheus(data) {
    return Boolean(data &&
        typeof data === 'object' &&
        'data' in data &&
        data.data?.resultType !== undefined);
}
function readMonitoringData(data, file, seriesLabel) {
    const set = Object.create(null);
    if (isPrometheus(data)) {
        const { resultType, result } = data.data;
        if (resultType !== 'matrix' || !Array.isArray(result)) {
            throw new EvidenceError(`expected a query_range matrix result, got resultType ${JSON.stringify(resultType)}`, { file: file.display, path: 'data.resultType' });
        }
        result.forEach((entry, i) => {
            const path = `data.result[${i}]`;
            const labels = entry?.metric ?? {};
            const name = seriesLabel ? labels[seriesLabel] : labels.__name__;
            if (typeof name !== 'string' || name === '') {
                throw new EvidenceError(`series has no ${seriesLabel ? `"${seriesLabel}"` : '__name__'} label to name it by (set series: on the evidence)`, { file: file.display, path });
            }
            if (name in set)
                throw new EvidenceError(`two series are named "${name}"; select one in the query or name series by another label`, { file: file.display, path });
            set[name] = readSeries(entry.values, file, `${path}.values`);
        });
        return set;
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
        throw new EvidenceError('expected an object of series keyed by metric name, or a Prometheus query_range result', { file: file.display });
    }
    for (const [name, points] of Object.entries(data))
        set[name] = readSeries(points, file, name);
    return set;
}
/** `timeseries` and `prometheus`: monitoring for rollback triggers (SPEC §2). */
const readTimeseries = async ({ primary, name, spec }) => {
    if (!primary)
        throw new EvidenceError(`evidence "${name}" needs a path`);
    return readMonitoringData(parseStructured(primary), primary, spec.series);
};

/** Format → reader. Formats computed by modelgate itself register here too. */
const readers = {
    json: readJson,
    yaml: readJson,
    evidently: readEvidently,
    k6: readK6,
    timeseries: readTimeseries,
    prometheus: readTimeseries,
    samples: readSamples,
    predictions: readPredictions
};

/**
 * Reads every named report through `source`. A report that is named but cannot be read is an
 * error naming it: a typo in a path must not turn into a silently `missing` gate.
 */
async function loadEvidenceSet(specs, source) {
    const loaded = new Map();
    for (const [name, spec] of specs)
        loaded.set(name, await loadEvidence(name, spec, source));
    return loaded;
}
async function loadEvidence(name, spec, source) {
    const reader = readers[spec.format];
    if (!reader)
        throw new EvidenceError(`evidence "${name}": format ${spec.format} is not available here`);
    const hash = createHash('sha256');
    const files = [];
    const read = async (path) => {
        const file = await source.read(name, spec, path);
        hash.update(file.bytes);
        files.push(file);
        return file;
    };
    const primary = spec.path ? await read(spec.path) : undefined;
    if (!primary && spec.format !== 'samples') {
        throw new EvidenceError(`evidence "${name}" has no path: give one in the policy or with --evidence ${name}=FILE`);
    }
    let data;
    try {
        data = await reader({ name, spec, ...(primary && { primary }), readRelated: read });
    }
    catch (error) {
        if (isModelgateError(error))
            throw error;
        throw new EvidenceError(`evidence "${name}": ${error.message}`, { file: primary?.display }, { cause: error });
    }
    const evidence = {
        name,
        format: spec.format,
        source: files.map((file) => file.display).join(', '),
        sha256: hash.digest('hex'),
        data
    };
    const digest = files.find((file) => file.artifactDigest)?.artifactDigest;
    if (digest)
        evidence.artifactDigest = digest;
    return evidence;
}

/** The evidence names a transition's gates read, so only those are fetched. */
function evidenceNamesFor(transition) {
    const names = new Set();
    for (const gate of transition.gates) {
        if (gate.kind === 'metric') {
            const path = parseMetricPath(gate.metric);
            if (path)
                names.add(path.evidence);
            const baselinePath = gate.vs_baseline?.metric ? parseMetricPath(gate.vs_baseline.metric) : undefined;
            if (baselinePath)
                names.add(baselinePath.evidence);
        }
        else if (gate.kind === 'schema_compatible' || gate.kind === 'lineage') {
            names.add(gate.evidence);
        }
        else if (gate.kind === 'checks') {
            names.add('checks');
        }
    }
    return names;
}

const formatFromPath = (path) => (/\.ya?ml$/i.test(path) ? 'yaml' : 'json');
/** The spec to read for `name`: the policy's, with the path overridden by a flag when given. */
function specFor(policy, name, overridePath) {
    const declared = policy.evidence[name];
    if (overridePath !== undefined) {
        const spec = {
            ...(declared ?? { format: formatFromPath(overridePath) }),
            path: overridePath
        };
        delete spec.artifact;
        return spec;
    }
    return declared;
}
/**
 * Gathers everything `evaluate` needs: the candidate's and the baseline's evidence (only what the
 * transition's gates read, plus anything named explicitly), approvals, checks.
 */
async function prepareEvaluation(policy, options, deps) {
    if (!modelMatches(policy, options.model)) {
        throw new UsageError(`model "${options.model}" is not governed by this policy (model: ${policy.model})`);
    }
    const version = normalizeVersion(options.version);
    const transition = findTransition(policy, options.to, options.from);
    const needed = evidenceNamesFor(transition);
    const unavailable = new Map();
    const candidate = new Map();
    const names = new Set([...needed, ...(options.evidence?.keys() ?? [])]);
    for (const name of names) {
        const spec = specFor(policy, name, options.evidence?.get(name));
        if (!spec) {
            // `checks` gates read the checks handed in (GitHub's, in the action) when no file is declared.
            if (name === 'checks' && options.checks)
                continue;
            unavailable.set(name, `not declared in the policy and not given with --evidence ${name}=FILE`);
            continue;
        }
        if (spec.artifact && !deps.artifacts) {
            unavailable.set(name, `comes from artifact "${spec.artifact}"; outside GitHub Actions give --evidence ${name}=FILE`);
            continue;
        }
        if (!spec.path && spec.format !== 'samples') {
            unavailable.set(name, `has no path; give --evidence ${name}=FILE`);
            continue;
        }
        candidate.set(name, await loadEvidence(name, spec, deps.source));
    }
    const baselineEvidence = new Map();
    for (const [name, path] of options.baselineEvidence ?? []) {
        const spec = specFor(policy, name, path);
        baselineEvidence.set(name, await loadEvidence(name, spec, deps.baselineSource ?? deps.source));
    }
    let baselineVersion;
    if (options.baselineVersion !== undefined) {
        baselineVersion = options.baselineVersion === null ? null : normalizeVersion(options.baselineVersion);
    }
    else {
        baselineVersion = baselineEvidence.size > 0 ? 'baseline' : null;
    }
    const input = {
        policy,
        request: { model: options.model, version, to: transition.to, from: transition.from },
        candidate: candidate,
        baseline: { version: baselineVersion, evidence: baselineEvidence },
        ...(options.checks && { checks: options.checks }),
        ...(options.modelDigest && { modelDigest: options.modelDigest })
    };
    if (deps.approvals) {
        input.approvals = {
            reviews: await deps.approvals(),
            ...(options.actor !== undefined && { actor: options.actor }),
            observedAt: deps.now().toISOString()
        };
    }
    else if (options.actor !== undefined) {
        input.approvals = { reviews: [], actor: options.actor };
    }
    return { input, unavailable };
}
/** `--approvals FILE`: the JSON of GitHub's run-approvals endpoint. */
function approvalsFromFile(source, path) {
    return async () => {
        const file = await source.read('approvals', { format: 'json' }, path);
        return parseEnvironmentReviews(parseStructured(file), file.display);
    };
}
/** sha256 of a file, streamed (model files are large). */
async function fileDigest(path) {
    const hash = createHash('sha256');
    try {
        for await (const chunk of createReadStream(path))
            hash.update(chunk);
    }
    catch (error) {
        const code = error.code;
        throw new EvidenceError(`cannot read the model file: ${code === 'ENOENT' ? 'no such file' : String(code)}`, { file: path });
    }
    return `sha256:${hash.digest('hex')}`;
}

const UNIT_SECONDS = { d: 86400, h: 3600, m: 60, s: 1 };
/** `90s`, `5m`, `2h`, `1d`, `1h30m` → seconds. */
function parseDuration(text) {
    if (!text || !DURATION_PATTERN.test(text)) {
        throw new PolicyError(`expected a duration such as 90s, 5m, 2h, 1d or 1h30m, got "${text}"`);
    }
    let seconds = 0;
    for (const [, amount, unit] of text.matchAll(/(\d+)([dhms])/g))
        seconds += Number(amount) * UNIT_SECONDS[unit];
    return seconds;
}
function formatDuration(seconds) {
    if (seconds === 0)
        return '0s';
    let rest = seconds;
    let text = '';
    for (const [unit, size] of Object.entries(UNIT_SECONDS)) {
        const amount = Math.floor(rest / size);
        if (amount > 0)
            text += `${amount}${unit}`;
        rest -= amount * size;
    }
    return text;
}

/** How a value is named in an error: `"eighty"`, `12`, `null`, `a list`, `a mapping`. */
function describeValue(value) {
    if (value === undefined)
        return 'nothing';
    if (value === null)
        return 'null';
    if (typeof value === 'string')
        return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a mapping';
    return typeof value;
}
function withArticle(noun) {
    return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** `transitions[1].gates[0].max` */
function formatKeyPath(path) {
    let text = '';
    for (const segment of path) {
        if (typeof segment === 'number')
            text += `[${segment}]`;
        else
            text += text ? `.${segment}` : segment;
    }
    return text;
}
/**
 * Maps a key path of the parsed document back to file:line:column. With `atKey`, points at the
 * key itself (for unknown or duplicate keys) rather than its value.
 */
function locatePath(doc, lineCounter, file, path, atKey = false) {
    let node = doc.contents;
    let keyNode;
    let deepest = node;
    for (const segment of path) {
        keyNode = undefined;
        if (distExports.isMap(node)) {
            const pair = node.items.find((item) => distExports.isScalar(item.key) && String(item.key.value) === String(segment));
            if (!pair)
                break;
            keyNode = pair.key;
            node = pair.value;
        }
        else if (distExports.isSeq(node) && typeof segment === 'number') {
            node = node.items[segment];
        }
        else {
            break;
        }
        if (node == null)
            break;
        deepest = node;
    }
    const target = (atKey && keyNode) || deepest;
    const offset = target?.range?.[0];
    const location = { file, path: formatKeyPath(path) };
    if (offset !== undefined) {
        const { line, col } = lineCounter.linePos(offset);
        location.line = line;
        location.column = col;
    }
    return location;
}
/**
 * The key path of the mapping key that starts at `offset` (the parser reports duplicate keys by
 * offset only), e.g. `['transitions', 0, 'gates', 1, 'min']`.
 */
function keyPathAtOffset(doc, offset) {
    const search = (node, path) => {
        if (distExports.isMap(node)) {
            for (const pair of node.items) {
                const key = pair.key;
                const keyName = distExports.isScalar(key) ? String(key.value) : '?';
                if (key?.range?.[0] === offset)
                    return [...path, keyName];
                const value = pair.value;
                if (value?.range && value.range[0] <= offset && offset < value.range[2]) {
                    const found = search(value, [...path, keyName]);
                    if (found)
                        return found;
                }
            }
        }
        else if (distExports.isSeq(node)) {
            for (const [index, item] of node.items.entries()) {
                const child = item;
                if (child?.range && child.range[0] <= offset && offset < child.range[2]) {
                    const found = search(child, [...path, index]);
                    if (found)
                        return found;
                }
            }
        }
        return undefined;
    };
    return search(doc.contents, []);
}

const RESERVED_STAGE = 'archived';
/**
 * Turns a schema-valid policy into the engine's form, enforcing the rules that span fields:
 * declared stages, one check kind per gate, unique ids, coherent bounds and rollout plans.
 */
function normalizePolicy(input, fail) {
    const stages = input.stages;
    stages.forEach((stage, i) => {
        if (stage === RESERVED_STAGE)
            fail(`"${RESERVED_STAGE}" is implicit and cannot be listed`, ['stages', i]);
        if (stages.indexOf(stage) !== i)
            fail(`stage "${stage}" is listed twice`, ['stages', i]);
    });
    const declared = (stage, path) => {
        // Versions reach "archived" only by being replaced (promote) or retired (rollback), never by a gate.
        if (stage === RESERVED_STAGE)
            fail(`"${RESERVED_STAGE}" is implicit: a version is archived when another replaces it, not through a transition`, path);
        if (!stages.includes(stage))
            fail(`undeclared stage "${stage}"; stages are ${stages.join(', ')}`, path);
        return stage;
    };
    const baseline = input.baseline === undefined ? stages[stages.length - 1] : declared(input.baseline, ['baseline']);
    // No prototype: a lookup by a name from the command line (`constructor`) finds nothing, not Object.
    const evidence = Object.create(null);
    for (const [name, spec] of Object.entries(input.evidence ?? {})) {
        evidence[name] = { ...spec, format: spec.format ?? 'json' };
        if (spec.format === 'samples' && !(spec.reference && spec.current)) {
            fail('samples evidence needs both reference and current', ['evidence', name]);
        }
    }
    const seenTransitions = new Set();
    const transitions = input.transitions.map((raw, t) => {
        const to = declared(raw.to, ['transitions', t, 'to']);
        let from;
        if (raw.from !== undefined) {
            from = declared(raw.from, ['transitions', t, 'from']);
        }
        else {
            const index = stages.indexOf(to);
            if (index === 0)
                fail(`"${to}" is the first stage; give from: to say where models come from`, ['transitions', t, 'to']);
            from = stages[index - 1];
        }
        if (from === to)
            fail(`a transition cannot go from "${from}" to itself`, ['transitions', t]);
        const key = `${from}->${to}`;
        if (seenTransitions.has(key))
            fail(`a second transition ${from} -> ${to}`, ['transitions', t]);
        seenTransitions.add(key);
        const ids = new Set();
        const gates = (raw.gates ?? []).map((gate, g) => {
            const path = ['transitions', t, 'gates', g];
            if (ids.has(gate.id))
                fail(`duplicate gate id "${gate.id}" in this transition`, [...path, 'id']);
            ids.add(gate.id);
            return normalizeGate(gate, path, fail);
        });
        const transition = { from, to, gates };
        if (raw.approvals)
            transition.approvals = normalizeApprovals(raw.approvals, ['transitions', t, 'approvals'], fail);
        if (raw.rollout)
            transition.rollout = normalizeRollout(raw.rollout, ['transitions', t, 'rollout'], fail);
        if (raw.rollback)
            transition.rollback = normalizeRollback(raw.rollback, ['transitions', t, 'rollback'], fail);
        if (gates.length === 0 && !transition.approvals) {
            fail('a transition needs at least one gate or an approvals rule', ['transitions', t]);
        }
        return transition;
    });
    return { version: 1, model: input.model, stages, baseline, evidence, transitions };
}
const CHECK_KINDS = ['metric', 'schema_compatible', 'checks', 'lineage'];
const BOUND_KEYS = ['min', 'max', 'above', 'below'];
function normalizeGate(gate, path, fail) {
    const kinds = CHECK_KINDS.filter((kind) => gate[kind] !== undefined);
    const boundKeys = BOUND_KEYS.filter((key) => gate[key] !== undefined);
    if (kinds.length === 0) {
        if (boundKeys.length > 0 || gate.vs_baseline)
            fail('bounds and vs_baseline need a metric', [...path, boundKeys[0] ?? 'vs_baseline'], true);
        fail('a gate with no check: give one of metric (with bounds or vs_baseline), schema_compatible, checks, lineage', path);
    }
    if (kinds.length > 1)
        fail(`a gate checks one thing; it has ${kinds.join(' and ')}`, [...path, kinds[1]], true);
    const common = {
        id: gate.id,
        severity: gate.severity ?? 'block',
        optional: gate.optional ?? false,
        ...(gate.description !== undefined && { description: gate.description })
    };
    const kind = kinds[0];
    if (kind !== 'metric') {
        const stray = [...boundKeys, ...(gate.vs_baseline ? ['vs_baseline'] : [])][0];
        if (stray)
            fail(`${stray} belongs to metric gates, not ${kind}`, [...path, stray], true);
    }
    if (kind !== 'lineage' && gate.evidence !== undefined) {
        fail('evidence belongs to lineage gates (schema_compatible takes it inside)', [...path, 'evidence'], true);
    }
    switch (kind) {
        case 'metric': {
            if (boundKeys.length === 0 && !gate.vs_baseline) {
                fail('a gate with no check: a metric gate needs min, max, above, below or vs_baseline', [...path, 'metric'], true);
            }
            const bounds = {};
            for (const key of boundKeys)
                bounds[key] = gate[key];
            const lower = Math.max(bounds.min ?? -Infinity, bounds.above ?? -Infinity);
            const upper = Math.min(bounds.max ?? Infinity, bounds.below ?? Infinity);
            if (lower > upper)
                fail(`no value can pass: the lower bound ${lower} exceeds the upper bound ${upper}`, path);
            if (gate.vs_baseline) {
                const comparisons = ['min_delta', 'max_delta', 'min_relative', 'max_relative'].filter((key) => gate.vs_baseline[key] !== undefined);
                if (comparisons.length === 0) {
                    fail('vs_baseline needs min_delta, max_delta, min_relative or max_relative', [
                        ...path,
                        'vs_baseline'
                    ]);
                }
            }
            return {
                ...common,
                kind: 'metric',
                metric: gate.metric,
                bounds,
                ...(gate.vs_baseline && { vs_baseline: gate.vs_baseline })
            };
        }
        case 'schema_compatible':
            return { ...common, kind: 'schema_compatible', evidence: gate.schema_compatible.evidence };
        case 'checks':
            return { ...common, kind: 'checks', checks: gate.checks };
        case 'lineage':
            return { ...common, kind: 'lineage', fields: gate.lineage, evidence: gate.evidence ?? 'lineage' };
    }
}
function normalizeApprovals(raw, path, fail) {
    raw.environments.forEach((name, i) => {
        if (raw.environments.indexOf(name) !== i)
            fail(`environment "${name}" is listed twice`, [...path, 'environments', i]);
    });
    if (raw.required > raw.environments.length) {
        // A GitHub environment holds one review per person, so N people need N environments (SPEC §3).
        fail(`required ${raw.required} needs at least ${raw.required} environments (one reviewer approves each); ${raw.environments.length} listed`, [...path, 'required']);
    }
    return {
        required: raw.required,
        environments: raw.environments,
        prevent_self_approval: raw.prevent_self_approval ?? true
    };
}
function normalizeRollout(raw, path, fail) {
    const steps = (raw.steps ?? []).map((step) => ({
        weight: step.weight,
        ...(step.hold !== undefined && { hold: step.hold, holdSeconds: parseDuration(step.hold) })
    }));
    if (raw.strategy === 'canary') {
        if (steps.length === 0)
            fail('a canary rollout needs steps', [...path, 'strategy']);
        steps.forEach((step, i) => {
            if (i > 0 && step.weight <= steps[i - 1].weight) {
                fail('canary weights must increase step by step', [...path, 'steps', i, 'weight']);
            }
        });
        if (steps[steps.length - 1].weight !== 100) {
            fail('the last canary step must reach weight 100', [...path, 'steps', steps.length - 1, 'weight']);
        }
    }
    if (raw.strategy === 'direct' && steps.length === 0)
        steps.push({ weight: 100 });
    return { strategy: raw.strategy, steps };
}
function normalizeRollback(raw, path, fail) {
    let to = 'previous';
    if (raw.to !== undefined && raw.to !== 'previous') {
        try {
            to = normalizeVersion(raw.to);
        }
        catch {
            fail(`expected previous or a version such as v3 or 1.2.0, got ${JSON.stringify(raw.to)}`, [
                ...path,
                'to'
            ]);
        }
    }
    const when = raw.when.map((trigger, i) => {
        const tpath = [...path, 'when', i];
        const conditions = ['above', 'below', 'drop_relative'].filter((key) => trigger[key] !== undefined);
        if (conditions.length === 0)
            fail('a rollback trigger needs above, below or drop_relative', tpath);
        if (trigger.drop_relative !== undefined && conditions.length > 1) {
            fail('drop_relative compares with a baseline window; give it alone', [...tpath, 'drop_relative'], true);
        }
        if (trigger.drop_relative !== undefined && !(trigger.drop_relative > 0 && trigger.drop_relative <= 1)) {
            fail(`drop_relative is a fraction in (0, 1], got ${trigger.drop_relative}`, [...tpath, 'drop_relative']);
        }
        const forSeconds = trigger.for === undefined ? 0 : parseDuration(trigger.for);
        return {
            ...trigger,
            forSeconds,
            ...(trigger.drop_relative !== undefined && {
                baselineWindowSeconds: trigger.baseline_window
                    ? parseDuration(trigger.baseline_window)
                    : Math.max(forSeconds, 60)
            })
        };
    });
    return { to, when };
}

const WRAPPERS = new Set(['optional', 'default', 'nullable', 'readonly', 'catch', 'prefault', 'nonoptional']);
/** The keys the schema allows for the object at `path`, for "did you mean" suggestions. */
function allowedKeysAt(path) {
    let def = policySchema._zod.def;
    const unwrap = () => {
        while (WRAPPERS.has(def.type) && def.innerType)
            def = def.innerType._zod.def;
        if (def.type === 'pipe' && def.in)
            def = def.in._zod.def;
    };
    for (const segment of path) {
        unwrap();
        if (def.type === 'object' && typeof segment === 'string' && def.shape?.[segment])
            def = def.shape[segment]._zod.def;
        else if (def.type === 'array' && typeof segment === 'number' && def.element)
            def = def.element._zod.def;
        else if (def.type === 'record' && def.valueType)
            def = def.valueType._zod.def;
        else
            return [];
    }
    unwrap();
    return def.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

/** Levenshtein distance, small inputs only (policy keys). */
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        }
        previous = current;
    }
    return previous[b.length];
}
/** The closest candidate, when it is close enough to be a plausible typo. */
function nearest(word, candidates) {
    let best;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    const limit = Math.max(2, Math.floor(word.length / 3));
    return bestDistance <= limit ? best : undefined;
}

/** Alias expansion cap: a handful of anchors is normal, a billion laughs is not. */
const MAX_ALIAS_COUNT = 100;
const MAX_POLICY_BYTES = 1 << 20;
/**
 * Parses and validates a policy (YAML or JSON; JSON is YAML). Every error is a PolicyError that
 * names file:line:column, the key path, and what was expected.
 */
function parsePolicy(text, file) {
    if (text.length > MAX_POLICY_BYTES)
        throw new PolicyError(`policy is larger than ${MAX_POLICY_BYTES} bytes`, { file });
    const lineCounter = new distExports.LineCounter();
    const doc = distExports.parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true, strict: true });
    // Unknown tags (`!!js/function`, `!foo`) are only warnings to the parser; a policy has no use for them.
    const syntax = doc.errors[0] ?? doc.warnings.find((warning) => warning.code === 'TAG_RESOLVE_FAILED');
    if (syntax)
        throw syntaxError(syntax, doc, lineCounter, file);
    const fail = (message, path, atKey = false) => {
        throw new PolicyError(message, locatePath(doc, lineCounter, file, path, atKey));
    };
    let data;
    try {
        data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    }
    catch (error) {
        throw new PolicyError(`refused: ${firstLine(error.message)} (aliases expand too far)`, {
            file
        });
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
        throw new PolicyError(`expected a mapping with version, model, stages and transitions, got ${describeValue(data)}`, {
            file,
            line: 1,
            column: 1
        });
    }
    const hostile = prototypeKeyPath(data);
    if (hostile)
        fail(`the key "__proto__" is not allowed`, hostile, true);
    const parsed = policySchema.safeParse(data);
    if (!parsed.success)
        throw issueToError(parsed.error.issues, data, doc, lineCounter, file);
    return normalizePolicy(parsed.data, fail);
}
/** Reads, parses and fingerprints a policy file. */
async function loadPolicy(file) {
    let bytes;
    try {
        bytes = await readFile(file);
    }
    catch (error) {
        const code = error.code;
        const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(code ?? error);
        throw new PolicyError(`cannot read policy: ${reason}`, { file });
    }
    const policy = parsePolicy(bytes.toString('utf8'), file);
    policy.source = { path: file, sha256: createHash('sha256').update(bytes).digest('hex') };
    return policy;
}
function firstLine(text) {
    return text.split('\n')[0].trim();
}
/** The parser's message without its own ` at line L, column C:` suffix and code excerpt. */
function parserMessage(error) {
    return firstLine(error.message)
        .replace(/ at line \d+, column \d+:?$/, '')
        .replace(/:$/, '');
}
function syntaxError(error, doc, lineCounter, file) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    const location = { file, line, column: col };
    switch (error.code) {
        case 'DUPLICATE_KEY': {
            const path = keyPathAtOffset(doc, error.pos[0]);
            if (!path)
                return new PolicyError('duplicate key', location);
            const first = locatePath(doc, lineCounter, file, path, true);
            return new PolicyError(`duplicate key; it is first given at line ${first.line}`, {
                ...location,
                path: formatKeyPath(path)
            });
        }
        case 'MULTIPLE_DOCS':
            return new PolicyError('a policy is a single YAML document; remove the second one (after ---)', location);
        case 'TAG_RESOLVE_FAILED':
            return new PolicyError(`${parserMessage(error).replace(/^Unresolved tag/, 'unsupported YAML tag')}`, location);
        default:
            return new PolicyError(`invalid YAML: ${parserMessage(error)}`, location);
    }
}
/**
 * The path of the first `__proto__` key. zod drops such keys from records without a word, which
 * would silently lose a declared entry, so the loader refuses them before validation.
 */
function prototypeKeyPath(data) {
    const stack = [{ value: data, path: [] }];
    while (stack.length > 0) {
        const { value, path } = stack.pop();
        if (value === null || typeof value !== 'object')
            continue;
        if (Array.isArray(value)) {
            value.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
            continue;
        }
        if (Object.prototype.hasOwnProperty.call(value, '__proto__'))
            return [...path, '__proto__'];
        for (const key of Object.keys(value))
            stack.push({ value: value[key], path: [...path, key] });
    }
    return undefined;
}
function valueAt(data, path) {
    let value = data;
    for (const segment of path) {
        if (value === null || typeof value !== 'object')
            return undefined;
        if (!Object.prototype.hasOwnProperty.call(value, segment))
            return undefined;
        value = value[segment];
    }
    return value;
}
/** Picks the most useful issue (the deepest one) and phrases it for a person. */
function issueToError(issues, data, doc, lineCounter, file) {
    // An unknown key first: a misspelt key also makes the real one look missing.
    const rank = (issue) => (issue.code === 'unrecognized_keys' ? 1000 : 0) + issue.path.length;
    const issue = [...issues].sort((a, b) => rank(b) - rank(a))[0];
    const path = issue.path.filter((segment) => typeof segment !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
        const key = issue.keys[0];
        const location = locatePath(doc, lineCounter, file, [...path, key], true);
        // YAML 1.2 has no merge keys; the parser reads `<<` as an ordinary (unknown) key.
        if (key === '<<')
            return new PolicyError('YAML merge keys (<<) are not supported; write the keys out', location);
        const suggestion = nearest(key, allowedKeysAt(path));
        return new PolicyError(`unknown key${suggestion ? `; did you mean "${suggestion}"?` : ''}`, location);
    }
    if (issue.code === 'invalid_key') {
        // A record key (an evidence name) that breaks the naming rule: point at the key itself.
        const inner = issue.issues[0];
        const reason = inner?.message ?? 'invalid name';
        return new PolicyError(`${reason}, got ${describeValue(path[path.length - 1])}`, locatePath(doc, lineCounter, file, path, true));
    }
    const value = valueAt(data, path);
    const location = locatePath(doc, lineCounter, file, path);
    return new PolicyError(describeIssue(issue, value), location);
}
/** zod's type names as a policy author would say them. */
const TYPE_NOUNS = { array: 'list', object: 'mapping', int: 'integer' };
function describeIssue(issue, value) {
    const got = `got ${describeValue(value)}`;
    switch (issue.code) {
        case 'invalid_type':
            if (value === undefined)
                return `required key is missing (expected ${withArticle(TYPE_NOUNS[issue.expected] ?? issue.expected)})`;
            return `expected ${withArticle(TYPE_NOUNS[issue.expected] ?? issue.expected)}, ${got}`;
        case 'invalid_value':
            return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, ${got}`;
        case 'too_small':
            if (issue.origin === 'array')
                return `expected at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`;
            if (issue.origin === 'string')
                return 'must not be empty';
            return `expected ${issue.inclusive ? '≥' : '>'} ${issue.minimum}, ${got}`;
        case 'too_big':
            if (issue.origin === 'array')
                return `expected at most ${issue.maximum} items`;
            if (issue.origin === 'string')
                return `expected at most ${issue.maximum} characters`;
            return `expected ${issue.inclusive ? '≤' : '<'} ${issue.maximum}, ${got}`;
        case 'invalid_union':
            return `unexpected value, ${got}`;
        default:
            return `${issue.message}, ${got}`;
    }
}

export { loadEvidenceSet as a, loadPolicy as b, countApprovals as c, parseEnvironmentReviews as d, evaluate as e, findTransition as f, parsePolicy as g, prepareEvaluation as h, fileDigest as i, approvalsFromFile as j, parseMetricPath as k, loadEvidence as l, modelMatches as m, formatDuration as n, formatNumber as o, parseDuration as p, noApprovalsRequired as q, resolveMetricPath as r };
