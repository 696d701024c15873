import { R as RegistryError, M as ModelgateError } from './errors-C8WN8CYy.js';
import { f as fitLength, o as oneLine } from './escape-AYXhxtqo.js';
import { j as jsonSafe } from './render-json-CUauJDeH.js';

const PROMOTION_RECORD_SCHEMA = 'modelgate/promotion-record/v1';

const GATE_STATUSES = ['pass', 'fail', 'warn', 'missing', 'error', 'skipped'];
const STRATEGIES = ['canary', 'shadow', 'direct'];
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const fail = (path, expected, got) => ({ path, expected, got });
const string = (v, path) => (typeof v === 'string' ? null : fail(path, 'a string', v));
const boolean = (v, path) => (typeof v === 'boolean' ? null : fail(path, 'true or false', v));
const finite = (v, path) => typeof v === 'number' && Number.isFinite(v) ? null : fail(path, 'a number', v);
const count = (v, path) => Number.isSafeInteger(v) && v >= 0 ? null : fail(path, 'a whole number ≥ 0', v);
const anything = () => null;
const oneOf = (...options) => (v, path) => typeof v === 'string' && options.includes(v) ? null : fail(path, `one of ${options.join(', ')}`, v);
const literal = (expected) => (v, path) => v === expected ? null : fail(path, JSON.stringify(expected), v);
const nullable = (check) => (v, path) => v === null ? null : check(v, path);
const timestamp = (v, path) => typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? null : fail(path, 'an ISO 8601 time', v);
const sha256Hex = (v, path) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v) ? null : fail(path, 'a sha256 (64 hex digits)', v);
const arrayOf = (check) => (v, path) => {
    if (!Array.isArray(v))
        return fail(path, 'a list', v);
    for (let i = 0; i < v.length; i++) {
        const problem = check(v[i], `${path}[${i}]`);
        if (problem)
            return problem;
    }
    return null;
};
/** An object whose `required` keys must pass and whose `optional` keys must pass when present. */
const object = (required, optional = {}) => (v, path) => {
    if (!isObject(v))
        return fail(path, 'an object', v);
    const at = (key) => (path ? `${path}.${key}` : key);
    for (const [key, check] of Object.entries(required)) {
        if (!Object.hasOwn(v, key))
            return fail(at(key), 'to be present', undefined);
        const problem = check(v[key], at(key));
        if (problem)
            return problem;
    }
    for (const [key, check] of Object.entries(optional)) {
        if (!Object.hasOwn(v, key) || v[key] === undefined)
            continue;
        const problem = check(v[key], at(key));
        if (problem)
            return problem;
    }
    return null;
};
const gate = object({ id: string, status: oneOf(...GATE_STATUSES), message: string }, {
    kind: string,
    severity: oneOf('block', 'warn'),
    optional: boolean,
    blocking: boolean,
    metric: nullable(string),
    observed: anything,
    threshold: nullable(string),
    baseline: anything
});
const approval = object({ user: string, environment: string }, { comment: nullable(string), at: nullable(string) });
const rolloutStep = object({ weight: finite }, { hold: string, holdSeconds: finite });
const rollout = object({ strategy: oneOf(...STRATEGIES), steps: arrayOf(rolloutStep) }, { current_step: count, weight: finite });
const trigger = object({ metric: string }, { above: finite, below: finite, drop_relative: finite, for: string });
const optionalStrings = (...keys) => object({}, Object.fromEntries(keys.map((key) => [key, string])));
const RECORD = object({
    schema: literal(PROMOTION_RECORD_SCHEMA),
    model: string,
    version: string,
    from_stage: string,
    to_stage: string,
    decision: oneOf('promote', 'block'),
    gates: arrayOf(gate),
    approvals: arrayOf(approval),
    rollout: nullable(rollout),
    rollback_to: nullable(string),
    baseline: object({ version: nullable(string) }, { stage: string }),
    evidence: arrayOf(object({ name: string, source: string, sha256: sha256Hex }, { artifact_digest: string })),
    created_at: timestamp
}, {
    event: oneOf('promotion', 'blocked', 'rollback'),
    approvals_summary: object({
        required: count,
        received: count,
        status: oneOf('pass', 'fail', 'not_required')
    }),
    rollback_plan: nullable(object({ to: string, when: arrayOf(trigger) })),
    artifacts: optionalStrings('model_digest', 'data_snapshot', 'code_commit', 'environment_lock'),
    policy: nullable(object({ path: string, sha256: string })),
    run: optionalStrings('repository', 'run_id', 'attempt', 'workflow', 'actor', 'sha', 'url'),
    reasons: arrayOf(string)
});
function describe(value) {
    if (value === undefined)
        return 'nothing';
    if (typeof value === 'string')
        return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
    if (Array.isArray(value))
        return 'a list';
    if (value === null)
        return 'null';
    if (typeof value === 'object')
        return 'an object';
    return String(value);
}
/** The first thing wrong with a would-be record, or null when it is one. */
function recordProblem(value) {
    return RECORD(value, '');
}
/**
 * Validates a record read back from a tag message or a release asset and fills the fields older
 * writers left out (`event`, `reasons`, `artifacts`, `run`, `policy`). Throws a RegistryError naming
 * the key path and what was expected; `origin` (a tag name or an asset file) goes into its location.
 */
function parsePromotionRecord(value, origin) {
    const problem = recordProblem(value);
    if (problem) {
        const what = problem.path === 'schema' && isObject(value) && typeof value.schema === 'string'
            ? `unsupported record schema ${describe(value.schema)}; this modelgate reads ${PROMOTION_RECORD_SCHEMA}`
            : problem.path === ''
                ? `not a promotion record: expected a JSON object, got ${describe(problem.got)}`
                : problem.expected === 'to be present'
                    ? `not a valid promotion record: this field is missing`
                    : `not a valid promotion record: expected ${problem.expected}, got ${describe(problem.got)}`;
        throw new RegistryError(what, {
            ...(origin !== undefined && { file: origin }),
            ...(problem.path && { path: problem.path })
        });
    }
    const record = value;
    const decision = record.decision;
    return {
        ...record,
        event: record.event ??
            (decision === 'promote' ? 'promotion' : 'blocked'),
        artifacts: record.artifacts ?? {},
        policy: record.policy ?? null,
        run: record.run ?? {},
        reasons: record.reasons ?? []
    };
}
/** Like `parsePromotionRecord`, but null instead of an error (for readers that skip bad records). */
function tryParsePromotionRecord(value) {
    return recordProblem(value) ? null : parsePromotionRecord(value);
}

const LINEAGE_KEYS = ['model_digest', 'data_snapshot', 'code_commit', 'environment_lock'];
/** The record of one promotion, blocked attempt or rollback (SPEC §4). Pure: time is an input. */
function buildPromotionRecord(input) {
    const { decision } = input;
    const evidence = [
        ...(Array.isArray(input.evidence) ? input.evidence : input.evidence.values())
    ];
    const lineage = evidence.find((e) => e.name === 'lineage')?.data;
    const artifacts = {};
    if (lineage && typeof lineage === 'object' && !Array.isArray(lineage)) {
        for (const key of LINEAGE_KEYS) {
            const value = lineage[key];
            if (typeof value === 'string')
                artifacts[key] = value;
        }
    }
    let rollout = null;
    if (decision.rollout) {
        const step = input.rolloutStep ?? 0;
        rollout = { ...decision.rollout, current_step: step, weight: decision.rollout.steps[step]?.weight ?? 100 };
    }
    const event = input.event ?? (decision.decision === 'promote' ? 'promotion' : 'blocked');
    const record = {
        schema: PROMOTION_RECORD_SCHEMA,
        event,
        model: decision.model,
        version: decision.version,
        from_stage: decision.from,
        to_stage: decision.to,
        decision: decision.decision,
        gates: jsonSafe(decision.gates),
        approvals: decision.approvals.approvers,
        approvals_summary: {
            required: decision.approvals.required,
            received: decision.approvals.received,
            status: decision.approvals.status
        },
        rollout,
        rollback_to: input.rollbackTo !== undefined ? input.rollbackTo : plannedRollbackTarget(input),
        rollback_plan: decision.rollback ?? null,
        baseline: input.baseline,
        evidence: evidence.map((e) => ({
            name: e.name,
            source: e.source,
            sha256: e.sha256,
            ...(e.artifactDigest && { artifact_digest: e.artifactDigest })
        })),
        artifacts,
        policy: input.policy?.source
            ? { path: input.policy.source.path, sha256: input.policy.source.sha256 }
            : null,
        run: input.run ?? {},
        reasons: decision.reasons,
        created_at: input.createdAt
    };
    // A record is written once and read back forever: one its own reader would refuse must never
    // reach a tag.
    const problem = recordProblem(JSON.parse(JSON.stringify(record)));
    if (problem)
        throw new ModelgateError('internal', `the promotion record is not valid: ${problem.path} expected ${problem.expected}`);
    return record;
}
function plannedRollbackTarget(input) {
    const plan = input.decision.rollback;
    if (!plan)
        return null;
    if (plan.to !== 'previous')
        return plan.to;
    return input.baseline.stage === input.decision.to ? input.baseline.version : null;
}
const clean = (text) => oneLine(text).replace(/\s+/g, ' ').trim();
function failedGates(record) {
    return record.gates.filter((gate) => gate.blocking).map((gate) => clean(gate.id));
}
/** Approvals fell short: from the summary when the record has one, else from the reasons (older records). */
function approvalsShort(record) {
    const summary = record.approvals_summary;
    if (summary)
        return summary.status === 'fail' ? `approvals ${summary.received} of ${summary.required}` : null;
    return record.reasons.some((r) => r.startsWith('approvals:')) ? 'approvals missing' : null;
}
function rolloutNote(record) {
    const rollout = record.rollout;
    if (!rollout || rollout.strategy === 'direct' || rollout.weight === undefined)
        return '';
    return ` (${rollout.strategy} ${rollout.weight}%)`;
}
/**
 * The first line of the tag message (what `git tag -n1`, GTO and GitHub show), at most 100
 * characters: `promote fraud_detector v7.0.0 staging -> prod (canary 10%)`,
 * `blocked fraud_detector v8.0.0 staging -> prod: 2 gates failed`,
 * `rollback fraud_detector v6.0.0 in prod (from v7.0.0)`.
 */
function tagSummaryLine(record) {
    const subject = `${clean(record.model)} ${clean(record.version)}`;
    const move = `${clean(record.from_stage)} -> ${clean(record.to_stage)}`;
    let line;
    if (record.event === 'rollback') {
        const from = record.baseline.version;
        line = `rollback ${subject} in ${clean(record.to_stage)}${from ? ` (from ${clean(from)})` : ''}`;
    }
    else if (record.decision === 'block') {
        const failed = failedGates(record).length;
        const parts = [
            ...(failed > 0 || !approvalsShort(record) ? [`${failed} gate${failed === 1 ? '' : 's'} failed`] : []),
            ...(approvalsShort(record) ? [approvalsShort(record)] : [])
        ];
        line = `blocked ${subject} ${move}: ${parts.join(', ')}`;
    }
    else {
        line = `promote ${subject} ${move}${rolloutNote(record)}`;
    }
    return fitLength(line, 100);
}
/**
 * The commit status description, at most 140 characters (GitHub's limit) counted in UTF-16 units,
 * which also bounds code points. The status context (`modelgate/<model>/<stage>`) names the model
 * and stage, so the description spends its room on the outcome and on which gates failed.
 */
function statusDescription(record) {
    const version = clean(record.version);
    let text;
    if (record.event === 'rollback') {
        const fired = record.gates.filter((gate) => gate.blocking).length;
        const from = record.baseline.version ? ` from ${clean(record.baseline.version)}` : '';
        text = `rolled back ${clean(record.to_stage)} to ${version}${from}: ${fired} trigger${fired === 1 ? '' : 's'} fired`;
    }
    else if (record.decision === 'block') {
        const failed = failedGates(record);
        const approvals = approvalsShort(record);
        const parts = [
            ...(failed.length > 0 ? [`${failed.join(', ')} failed`] : []),
            ...(approvals ? [approvals] : [])
        ];
        text = `blocked ${version} -> ${clean(record.to_stage)}: ${parts.join('; ') || 'gates failed'}`;
    }
    else {
        const passed = record.gates.filter((gate) => gate.status === 'pass').length;
        text = `promoted ${version} ${clean(record.from_stage)} -> ${clean(record.to_stage)}${rolloutNote(record)}: ${passed} of ${record.gates.length} gates passed`;
    }
    return fitLength(text, 140);
}
/** The commit status state: a blocked attempt is a failure, a promotion or rollback a success. */
function statusState(record) {
    return record.decision === 'promote' ? 'success' : 'failure';
}
/** Summary line, blank line, pretty JSON: readable in `git show`, parseable by `recordFromTagMessage`. */
function recordToTagMessage(record) {
    return `${tagSummaryLine(record)}\n\n${JSON.stringify(record, null, 2)}\n`;
}
/**
 * The record inside a tag message, or null when there is none: GTO's messages, registration and
 * archival tags, and records this version cannot read (a corrupt or future-schema record is read as
 * a plain event rather than stopping `resolve`; `parsePromotionRecord` says what is wrong with one).
 * A signature git appends after the JSON (signed tags) is ignored.
 */
function recordFromTagMessage(message) {
    const json = recordJsonInTagMessage(message);
    if (json === null)
        return null;
    return tryParsePromotionRecord(json);
}
/** The parsed JSON block of a tag message (from the first line that starts with `{`), or null. */
function recordJsonInTagMessage(message) {
    if (typeof message !== 'string')
        return null;
    const newline = message.indexOf('\n{');
    const start = message.startsWith('{') ? 0 : newline < 0 ? -1 : newline + 1;
    if (start < 0)
        return null;
    const end = message.lastIndexOf('}');
    if (end < start)
        return null;
    try {
        return JSON.parse(message.slice(start, end + 1));
    }
    catch {
        return null;
    }
}

/*
 * DVC GTO's tag format, transcribed from iterative/gto `gto/constants.py` and `gto/tag.py`:
 *   register   <name>@v<semver>            (GTO writes it without a counter)
 *   assign     <name>#<stage>#<counter>
 *   unassign   <name>#<stage>!#<counter>   (GTO may omit the counter)
 *   deprecate  <name>@deprecated#<counter>
 * GTO skips tags its regex does not match and lightweight tags; the counter of a new tag is one
 * more than the largest counter among the artifact's tags.
 */
const NAME = '[a-zA-Z0-9]([a-zA-Z0-9\\-/_]*[a-zA-Z0-9])?';
const SEMVER = '(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?';
const DIRNAME = '[a-zA-Z0-9\\-_./]+';
const GTO_NAME_RE = new RegExp(`^${NAME}$`);
/** GTO's `tag_re`, with the `:` of `dirname:name` written `=` as in tags. */
const GTO_TAG_RE = new RegExp(`^(?<artifact>(${DIRNAME}=)?${NAME})(((#(?<stage>${NAME})|@(?<version>v${SEMVER}))(?<cancel>!?))|@((?<deprecated>deprecated)|(?<created>created)))(#(?<counter>[0-9]+))?$`);
/**
 * Blocked attempts: `<name>@blocked#<counter>`. GTO's regex does not match `@blocked`, so GTO and
 * DVC Studio skip these tags, while `history` reads the record inside.
 */
const BLOCKED_RE = new RegExp(`^(?<artifact>${NAME})@blocked#(?<counter>[0-9]+)$`);
function parseTagName(name) {
    const blocked = BLOCKED_RE.exec(name);
    if (blocked)
        return { kind: 'blocked', model: blocked.groups.artifact, counter: Number(blocked.groups.counter) };
    const match = GTO_TAG_RE.exec(name);
    if (!match)
        return undefined;
    const g = match.groups;
    const model = g.artifact.replace('=', ':');
    const counter = g.counter === undefined ? {} : { counter: Number(g.counter) };
    if (g.version)
        return { kind: g.cancel ? 'deregister' : 'register', model, version: g.version, ...counter };
    if (g.stage)
        return { kind: g.cancel ? 'unassign' : 'assign', model, stage: g.stage, ...counter };
    if (g.deprecated)
        return { kind: 'deprecate', model, ...counter };
    return undefined;
}
/** Checked before any git or API call: a name that is not GTO's breaks tags for everyone. */
function assertModelName(model) {
    if (!GTO_NAME_RE.test(model)) {
        throw new RegistryError(`invalid model name "${model}": letters, digits, "_", "-" and "/" only, starting and ending with a letter or digit (GTO's name rule)`);
    }
}
function assertStageName(stage) {
    if (!GTO_NAME_RE.test(stage))
        throw new RegistryError(`invalid stage name "${stage}" (GTO's name rule)`);
}
const registrationTag = (model, version) => `${model}@${version}`;
const assignmentTag = (model, stage, counter) => `${model}#${stage}#${counter}`;
const unassignmentTag = (model, stage, counter) => `${model}#${stage}!#${counter}`;
const blockedTag = (model, counter) => `${model}@blocked#${counter}`;
/** The tag-name prefixes that hold every tag of a model (for backends that can filter). */
const modelTagPrefixes = (model) => [`${model}@`, `${model}#`];

/** The model's tags that GTO or modelgate wrote, lightweight ones dropped (as GTO does). */
function modelTags(tags, model) {
    const result = [];
    for (const tag of tags) {
        const parsed = parseTagName(tag.name);
        if (parsed && parsed.model === model && tag.tagger)
            result.push({ tag, parsed });
    }
    return result;
}
/** One more than the largest counter among all of the model's tags (GTO's rule). */
function nextCounter(tags, model) {
    let max = 0;
    for (const tag of tags) {
        const parsed = parseTagName(tag.name);
        if (parsed?.model === model && parsed.counter !== undefined && parsed.counter > max)
            max = parsed.counter;
    }
    return max + 1;
}
/** version → commit, from the registration tags. */
function registeredVersions(tags, model) {
    const versions = new Map();
    for (const { tag, parsed } of modelTags(tags, model)) {
        if (parsed.kind === 'register')
            versions.set(parsed.version, { commit: tag.commit, at: tag.tagger?.date ?? null });
        if (parsed.kind === 'deregister')
            versions.delete(parsed.version);
    }
    return versions;
}
/**
 * When a tag was written: modelgate's messages carry `created_at` to the millisecond; GTO's
 * only have the tagger date, to the second.
 */
function eventTime(tag, record) {
    if (record)
        return record.created_at;
    const json = tag.message.indexOf('\n{');
    if (json >= 0) {
        try {
            const createdAt = JSON.parse(tag.message.slice(json + 1)).created_at;
            if (typeof createdAt === 'string' && !Number.isNaN(Date.parse(createdAt)))
                return createdAt;
        }
        catch {
            // not ours: fall back to the tagger date
        }
    }
    return tag.tagger?.date ?? null;
}
/** By time (records' milliseconds, else the tagger's second), then counter. */
function byTime(a, b) {
    const time = Date.parse(a.at ?? '') - Date.parse(b.at ?? '');
    if (time !== 0 && !Number.isNaN(time))
        return time;
    return (a.counter ?? 0) - (b.counter ?? 0) || a.tag.localeCompare(b.tag);
}
/**
 * As GTO orders counted tags: by tagger second, then counter. A record's `created_at` is when its
 * evaluation ran, not when its tag was written, so it cannot order racing writers; counter claims
 * make counters unique and increasing in write order.
 */
function byWrite(a, b) {
    if (a.second !== b.second && !Number.isNaN(a.second - b.second))
        return a.second - b.second;
    return (a.event.counter ?? 0) - (b.event.counter ?? 0) || a.event.tag.localeCompare(b.event.tag);
}
const taggerSecond = (tag) => Math.floor(Date.parse(tag.tagger?.date ?? '') / 1000);
/** Every event of a model, oldest first. */
function buildHistory(tags, model) {
    const mine = modelTags(tags, model);
    const versionAt = new Map();
    for (const { tag, parsed } of mine)
        if (parsed.kind === 'register')
            versionAt.set(tag.commit, parsed.version);
    // Oldest first: every event by time; then the counted ones, keeping the slots they took, are
    // put in write order among themselves (registrations carry no counter and keep their place).
    const entries = mine.map(({ tag, parsed }) => ({ event: toEvent(tag, parsed), second: taggerSecond(tag) }));
    entries.sort((a, b) => byTime(a.event, b.event));
    const counted = entries.filter((e) => e.event.counter !== null).sort(byWrite);
    let next = 0;
    return entries.map((e) => (e.event.counter !== null ? counted[next++] : e).event);
    function toEvent(tag, parsed) {
        const record = recordFromTagMessage(tag.message);
        const base = {
            tag: tag.name,
            model,
            counter: parsed.counter ?? null,
            at: eventTime(tag, record),
            author: tag.tagger ? tag.tagger.name : null,
            commit: tag.commit,
            record
        };
        const version = versionAt.get(tag.commit) ?? record?.version ?? null;
        switch (parsed.kind) {
            case 'register':
                return { ...base, kind: 'registration', version: parsed.version, stage: null, decision: null };
            case 'deregister':
                return { ...base, kind: 'deregistration', version: parsed.version, stage: null, decision: null };
            case 'assign':
                return {
                    ...base,
                    kind: record?.event === 'rollback' ? 'rollback' : 'assignment',
                    version,
                    stage: parsed.stage,
                    decision: 'promote'
                };
            case 'unassign':
                return { ...base, kind: 'archival', version, stage: parsed.stage, decision: null };
            case 'deprecate':
                return { ...base, kind: 'deprecation', version: null, stage: null, decision: null };
            case 'blocked':
                return {
                    ...base,
                    kind: 'blocked',
                    version: record?.version ?? null,
                    stage: record?.to_stage ?? null,
                    decision: 'block'
                };
        }
    }
}
/**
 * The tags that decide a stage: its assignments and unassignments, and the registrations that map
 * commits to versions. Counted tags keep their relative order in any subset, so reading only
 * these (and only their records) gives the same answer as the whole history, without parsing
 * every other stage's records.
 */
function stageTags(tags, stage) {
    return tags.filter((tag) => {
        const parsed = parseTagName(tag.name);
        if (!parsed)
            return false;
        if (parsed.kind === 'register' || parsed.kind === 'deregister')
            return true;
        return (parsed.kind === 'assign' || parsed.kind === 'unassign') && parsed.stage === stage;
    });
}
/** Whether an assignment's record says the versions already in the stage leave it. */
function replacesOthers(record) {
    if (!record)
        return false;
    if (record.event === 'rollback')
        return true;
    if (!record.rollout)
        return true;
    return record.rollout.weight === undefined || record.rollout.weight >= 100;
}
/**
 * Which version(s) are in a stage, from the tags alone. GTO's rules (a version is in a stage
 * until unassigned) plus the records: a promotion that completes archives the versions before
 * it even when its archival tag was never written (a crash between the two writes), and a canary
 * keeps both versions with the recorded weights. Latest first.
 */
function resolveStage(tags, model, stage) {
    const active = new Map();
    let canary = null;
    for (const event of buildHistory(stageTags(tags, stage), model)) {
        if (event.stage !== stage || event.version === null)
            continue;
        if (event.kind === 'assignment' || event.kind === 'rollback') {
            if (replacesOthers(event.record))
                active.clear();
            active.delete(event.version);
            active.set(event.version, { version: event.version, weight: null, since: event.at, tag: event.tag });
            const weight = event.record?.rollout?.weight;
            canary =
                event.record && !replacesOthers(event.record) && weight !== undefined
                    ? { version: event.version, weight }
                    : null;
        }
        else if (event.kind === 'archival') {
            active.delete(event.version);
            if (canary?.version === event.version)
                canary = null;
        }
    }
    const occupants = [...active.values()].reverse();
    if (canary && occupants[0]?.version === canary.version) {
        occupants[0].weight = canary.weight;
        if (occupants[1])
            occupants[1].weight = 100 - canary.weight;
    }
    return occupants;
}
/**
 * The version that held the stage before the current one (rollback target `previous`). A version
 * a rollback moved the stage away from is skipped until it is promoted again: a trigger that
 * fires again after a rollback must not return to the version just rolled back.
 */
function previousVersion(tags, model, stage) {
    const current = resolveStage(tags, model, stage)[0]?.version;
    const events = buildHistory(tags, model).filter((e) => e.stage === stage && e.version !== null);
    // Rolled back from, and not promoted again since.
    const rolledBackFrom = new Set();
    for (const e of events) {
        if (e.kind === 'rollback' && e.record?.baseline.version)
            rolledBackFrom.add(e.record.baseline.version);
        else if (e.kind === 'assignment')
            rolledBackFrom.delete(e.version);
    }
    const assigned = events
        .filter((e) => e.kind === 'assignment' || e.kind === 'rollback')
        .map((e) => e.version);
    for (let i = assigned.length - 1; i >= 0; i--) {
        if (assigned[i] !== current && !rolledBackFrom.has(assigned[i]))
            return assigned[i];
    }
    return null;
}

export { buildPromotionRecord as a, buildHistory as b, previousVersion as c, recordToTagMessage as d, resolveStage as e, assertModelName as f, registeredVersions as g, registrationTag as h, assertStageName as i, assignmentTag as j, parseTagName as k, blockedTag as l, modelTagPrefixes as m, nextCounter as n, statusState as o, parsePromotionRecord as p, recordFromTagMessage as r, statusDescription as s, tagSummaryLine as t, unassignmentTag as u };
