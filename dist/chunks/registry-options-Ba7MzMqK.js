import { t as truncate, s as stripControl } from './escape-Dp7Zgixl.js';
import { j as jsonSafe } from './render-json-CUauJDeH.js';
import { R as RegistryError } from './errors-C8WN8CYy.js';
import { resolve } from 'node:path';
import { execFile } from 'node:child_process';

const PROMOTION_RECORD_SCHEMA = 'modelgate/promotion-record/v1';

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
    return {
        schema: PROMOTION_RECORD_SCHEMA,
        event,
        model: decision.model,
        version: decision.version,
        from_stage: decision.from,
        to_stage: decision.to,
        decision: decision.decision,
        gates: jsonSafe(decision.gates),
        approvals: decision.approvals.approvers,
        rollout,
        rollback_to: input.rollbackTo ?? null,
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
}
const isString = (v) => typeof v === 'string';
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const listOf = (...keys) => (v) => Array.isArray(v) && v.every((item) => isObject(item) && keys.every((key) => isString(item[key])));
/*
 * Records are read back from tag messages and release assets written by any version of
 * modelgate (or edited by hand), so each field the readers rely on is checked; unknown fields are
 * kept. Hand-written rather than zod: `resolve` reads every record and should not load a schema
 * library to do it.
 */
const RECORD_FIELDS = {
    model: isString,
    version: isString,
    from_stage: isString,
    to_stage: isString,
    decision: (v) => v === 'promote' || v === 'block',
    gates: (v) => Array.isArray(v) && v.every((g) => isObject(g) && isString(g.id) && isString(g.status)),
    approvals: listOf('user', 'environment'),
    rollout: (v) => v === null ||
        (isObject(v) &&
            isString(v.strategy) &&
            Array.isArray(v.steps) &&
            (v.weight === undefined || typeof v.weight === 'number')),
    rollback_to: (v) => v === null || isString(v),
    baseline: (v) => isObject(v) && (v.version === null || isString(v.version)),
    evidence: listOf('name', 'sha256'),
    reasons: (v) => v === undefined || (Array.isArray(v) && v.every(isString)),
    created_at: (v) => isString(v) && !Number.isNaN(Date.parse(v))
};
/** Validates a record read back from a tag or a release asset; null when it is not one. */
function parsePromotionRecord(value) {
    if (!isObject(value) || value.schema !== PROMOTION_RECORD_SCHEMA)
        return null;
    for (const [key, guard] of Object.entries(RECORD_FIELDS))
        if (!guard(value[key]))
            return null;
    const event = value.event;
    if (event !== undefined && event !== 'promotion' && event !== 'blocked' && event !== 'rollback')
        return null;
    const record = {
        ...value,
        reasons: value.reasons ?? []
    };
    return { ...record, event: record.event ?? (record.decision === 'promote' ? 'promotion' : 'blocked') };
}
/** `promote fraud_detector v7.0.0 staging -> prod (canary 10%)`, one line, at most 100 characters. */
function tagSummaryLine(record) {
    const clean = (text) => stripControl(text).replace(/\s+/g, ' ');
    const subject = `${clean(record.model)} ${clean(record.version)}`;
    let line;
    if (record.event === 'rollback')
        line = `rollback ${subject} in ${clean(record.to_stage)}${record.rollback_to ? ` (from ${clean(record.rollback_to)})` : ''}`;
    else if (record.decision === 'block') {
        const failed = record.gates.filter((gate) => gate.blocking).length;
        line = `blocked ${subject} ${clean(record.from_stage)} -> ${clean(record.to_stage)}: ${failed} gate${failed === 1 ? '' : 's'} failed${record.reasons.some((r) => r.startsWith('approvals:')) ? ', approvals missing' : ''}`;
    }
    else {
        const canary = record.rollout && record.rollout.strategy !== 'direct' && record.rollout.weight !== undefined
            ? ` (${record.rollout.strategy} ${record.rollout.weight}%)`
            : '';
        line = `promote ${subject} ${clean(record.from_stage)} -> ${clean(record.to_stage)}${canary}`;
    }
    return truncate(line, 100);
}
/** Summary line, blank line, pretty JSON: readable in `git show`, parseable by `recordFromTagMessage`. */
function recordToTagMessage(record) {
    return `${tagSummaryLine(record)}\n\n${JSON.stringify(record, null, 2)}\n`;
}
/** The record inside a tag message, or null (GTO-written tags carry none). */
function recordFromTagMessage(message) {
    const start = message.indexOf('\n{');
    if (start < 0)
        return null;
    try {
        return parsePromotionRecord(JSON.parse(message.slice(start + 1)));
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
/** Oldest first: by time, then counter, as GTO orders events. */
function chronological(a, b) {
    const time = Date.parse(a.at ?? '') - Date.parse(b.at ?? '');
    if (time !== 0 && !Number.isNaN(time))
        return time;
    return (a.counter ?? 0) - (b.counter ?? 0) || a.tag.localeCompare(b.tag);
}
/** Every event of a model, oldest first. */
function buildHistory(tags, model) {
    const mine = modelTags(tags, model);
    const versionAt = new Map();
    for (const { tag, parsed } of mine)
        if (parsed.kind === 'register')
            versionAt.set(tag.commit, parsed.version);
    const events = mine.map(({ tag, parsed }) => {
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
    });
    return events.sort(chronological);
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
    for (const event of buildHistory(tags, model)) {
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
/** The version that held the stage before the current one (rollback target `previous`). */
function previousVersion(tags, model, stage) {
    const current = resolveStage(tags, model, stage)[0]?.version;
    const assigned = buildHistory(tags, model)
        .filter((e) => e.stage === stage && (e.kind === 'assignment' || e.kind === 'rollback') && e.version !== null)
        .map((e) => e.version);
    for (let i = assigned.length - 1; i >= 0; i--)
        if (assigned[i] !== current)
            return assigned[i];
    return null;
}

const FIELD = '\u0000';
const RECORD_END = '\u0000\u001e';
// One process reads every tag: name, peeled commit, tagger and the whole message.
const FORMAT = [
    '%(refname:strip=2)',
    '%(objecttype)',
    '%(objectname)',
    '%(*objectname)',
    '%(taggername)',
    '%(taggeremail:trim)',
    '%(taggerdate:iso-strict)',
    '%(contents)'
].join('%00') + '%00%1e';
/** The local git repository as a registry (the CLI's embedded default). */
class GitRegistry {
    dir;
    identity;
    description;
    constructor(dir, identity) {
        this.dir = dir;
        this.identity = identity;
        this.description = dir;
    }
    git(args, input) {
        return new Promise((resolve, reject) => {
            const env = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
            if (this.identity) {
                env.GIT_COMMITTER_NAME = this.identity.name;
                env.GIT_COMMITTER_EMAIL = this.identity.email;
            }
            const child = execFile('git', args, { cwd: this.dir, env, maxBuffer: 1 << 30 }, (error, stdout, stderr) => {
                if (error && typeof error.code === 'string') {
                    reject(new RegistryError(`cannot run git: ${error.code}`, {
                        file: this.dir
                    }));
                    return;
                }
                resolve({ stdout, stderr, code: error ? Number(error.code ?? 1) : 0 });
            });
            if (input !== undefined)
                child.stdin?.end(input);
        });
    }
    async gitOk(args, what, input) {
        const result = await this.git(args, input);
        if (result.code !== 0) {
            throw new RegistryError(`${what} failed: ${result.stderr.trim().split('\n')[0] || `git exited ${result.code}`}`, { file: this.dir });
        }
        return result.stdout;
    }
    async listTags(prefixes) {
        // Prefix patterns let git skip other models' tags; names with "/" are matched in code instead,
        // since for-each-ref patterns treat "/" specially.
        const patterns = prefixes && prefixes.every((p) => !p.includes('/') && !/[*?[\]\\]/.test(p))
            ? prefixes.map((p) => `refs/tags/${p}*`)
            : [];
        const out = await this.gitOk(['for-each-ref', `--format=${FORMAT}`, ...patterns], 'reading tags');
        const tags = [];
        for (const chunk of out.split(`${RECORD_END}\n`)) {
            if (!chunk)
                continue;
            const [name, type, object, peeled, taggerName, taggerEmail, taggerDate, ...contents] = chunk.split(FIELD);
            if (!name || (prefixes && !prefixes.some((p) => name.startsWith(p))))
                continue;
            const annotated = type === 'tag';
            tags.push({
                name,
                commit: (annotated ? peeled : object) ?? '',
                message: annotated ? contents.join(FIELD) : '',
                ...(annotated &&
                    taggerDate && { tagger: { name: taggerName ?? '', email: taggerEmail ?? '', date: taggerDate } })
            });
        }
        return tags;
    }
    async createTag(request) {
        const args = ['tag', '-a', '--cleanup=verbatim', '-F', '-', request.name, request.commit];
        const env = [];
        if (request.tagger)
            env.push('-c', `user.name=${request.tagger.name}`, '-c', `user.email=${request.tagger.email}`);
        const result = await this.git([...env, ...args], request.message);
        if (result.code === 0)
            return true;
        // `git tag` creates the ref under a lock: of two racing writers one gets "already exists"
        // or "cannot lock ref"; either way the name is taken and the caller takes the next counter.
        if (/already exists|cannot lock ref|reference already exists/i.test(result.stderr))
            return false;
        if (/please tell me who you are|unable to auto-detect email/i.test(result.stderr)) {
            throw new RegistryError('git has no identity to sign the tag: set git config user.name and user.email (or GIT_COMMITTER_NAME/EMAIL)', {
                file: this.dir
            });
        }
        throw new RegistryError(`creating tag ${request.name} failed: ${result.stderr.trim().split('\n')[0]}`, {
            file: this.dir
        });
    }
    async resolveCommit(revision = 'HEAD') {
        const result = await this.git(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]);
        if (result.code !== 0) {
            if (revision === 'HEAD') {
                const inside = await this.git(['rev-parse', '--git-dir']);
                if (inside.code !== 0)
                    throw new RegistryError('not a git repository (use --registry DIR)', { file: this.dir });
                throw new RegistryError('the repository has no commits yet', { file: this.dir });
            }
            throw new RegistryError(`no commit "${revision}" in the registry`, { file: this.dir });
        }
        return result.stdout.trim();
    }
}

function addRegistryFlag(command) {
    return command.option('--registry <dir>', 'git repository holding the registry tags (default: the current one)');
}
function gitRegistry(flags, io) {
    return new GitRegistry(resolve(io.cwd, flags.registry ?? '.'));
}
/** Aligned columns for terminal tables. */
function columns(header, rows) {
    const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
    const line = (cells) => cells
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd();
    return [line(header), ...rows.map(line)].join('\n') + '\n';
}

export { addRegistryFlag as a, assertModelName as b, assertStageName as c, buildHistory as d, columns as e, registeredVersions as f, gitRegistry as g, registrationTag as h, buildPromotionRecord as i, recordToTagMessage as j, blockedTag as k, assignmentTag as l, modelTagPrefixes as m, nextCounter as n, previousVersion as p, resolveStage as r, unassignmentTag as u };
