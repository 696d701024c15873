import { R as RegistryError, U as UsageError, i as isModelgateError } from './errors-C8WN8CYy.js';
import { f as findTransition, h as prepareEvaluation, e as evaluate } from './load-CHsN1Tpm.js';
import { k as parseTagName, m as modelTagPrefixes, n as nextCounter, g as registeredVersions, f as assertModelName, e as resolveStage, a as buildPromotionRecord, d as recordToTagMessage, l as blockedTag, j as assignmentTag, b as buildHistory, u as unassignmentTag } from './state-ByNzwhuh.js';
import { n as normalizeVersion } from './version-Dm4lwVae.js';

/*
 * GTO decides whether a version is in a stage from the newest of that version's assignment and
 * unassignment tags in the stage, ordered by tagger time, which git keeps to the second
 * (iterative/gto `gto/base.py` VStage.is_active; `gto/tag.py` find(..., sort="by_time")). Two such
 * tags in the same second have no defined order for GTO, so a rollback right after a promotion
 * could leave GTO showing the version that was rolled back. Before writing an assignment (or an
 * unassignment) for a (commit, stage), the writer waits until the clock has left the second of the
 * pair's last unassignment (or assignment); two assignments in one second are harmless, so canary
 * steps do not wait. modelgate itself orders by the records' millisecond times and counters.
 */
const seconds = (iso) => Math.floor(Date.parse(iso) / 1000);
/** The tagger second of the newest `kind` tag of `commit` in `stage`, or null. */
function lastStageEventSecond(tags, model, stage, commit, kind) {
    let last = null;
    for (const tag of tags) {
        if (tag.commit !== commit || !tag.tagger)
            continue;
        const parsed = parseTagName(tag.name);
        if (!parsed || parsed.model !== model)
            continue;
        if (parsed.kind === kind && parsed.stage === stage) {
            const at = seconds(tag.tagger.date);
            if (!Number.isNaN(at) && (last === null || at > last))
                last = at;
        }
    }
    return last;
}
/**
 * How long to wait (ms) before a tag named `name` on `commit` lands in a later second than the
 * last opposite event (assignment vs unassignment) of the same version in the same stage. 0 when
 * no wait is needed, and 0 when that tag lies more than 2 s ahead of this clock (skewed clocks:
 * waiting cannot fix that).
 */
function orderingDelayMs(tags, name, commit, nowMs) {
    const parsed = parseTagName(name);
    if (!parsed || (parsed.kind !== 'assign' && parsed.kind !== 'unassign'))
        return 0;
    const opposite = parsed.kind === 'assign' ? 'unassign' : 'assign';
    const last = lastStageEventSecond(tags, parsed.model, parsed.stage, commit, opposite);
    if (last === null)
        return 0;
    const wait = (last + 1) * 1000 - nowMs;
    return wait > 0 && wait <= 3000 ? wait + 5 : 0;
}

const MAX_ATTEMPTS = 20;
/**
 * Creates `name(counter)` with the next free counter. Tag creation is atomic, so two writers
 * racing for one counter cannot both win: the loser re-reads the tags and takes the next one.
 */
async function createCountedTag(registry, model, name, commit, message) {
    const tags = await registry.listTags(modelTagPrefixes(model));
    // GTO orders a version's stage events by tagger second: never share one with the previous event.
    const delay = orderingDelayMs(tags, name(0), commit, Date.now());
    if (delay > 0)
        await new Promise((resolve) => setTimeout(resolve, delay));
    let counter = nextCounter(tags, model);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const tag = name(counter);
        if (await registry.createTag({ name: tag, commit, message }))
            return { tag, counter };
        counter = Math.max(counter + 1, nextCounter(await registry.listTags(modelTagPrefixes(model)), model));
    }
    throw new RegistryError(`could not find a free tag counter for ${model} after ${MAX_ATTEMPTS} attempts`);
}

/** The rollout step this promotion reaches: advancing a canary is a promote of the same version. */
function nextRolloutStep(decisionStage, version, tags, model, steps) {
    const occupants = resolveStage(tags, model, decisionStage);
    const occupant = occupants.find((o) => o.version === version);
    // A canary needs a champion to share traffic with; the first version in a stage takes it all.
    if (!occupant)
        return occupants.length === 0 ? steps - 1 : 0;
    const last = buildHistory(tags, model).filter((e) => e.tag === occupant.tag)[0]?.record?.rollout;
    const step = last?.current_step === undefined ? steps : last.current_step + 1;
    if (step >= steps)
        throw new RegistryError(`${model} ${version} is already fully rolled out in ${decisionStage}`);
    return step;
}
/**
 * Evaluates the gates, then writes the record and moves the pointer. The record lives inside the
 * assignment tag, so the pointer never moves without it; archival tags come after and are
 * repaired by the next promotion if a crash cuts them off. A blocked attempt writes its own tag
 * and moves nothing.
 */
async function promote(policy, options, deps) {
    assertModelName(options.model);
    const version = normalizeVersion(options.version);
    const transition = findTransition(policy, options.to, options.from);
    const registry = deps.registry;
    const tags = await registry.listTags(modelTagPrefixes(options.model));
    const registered = registeredVersions(tags, options.model);
    const target = registered.get(version);
    if (!target) {
        throw new RegistryError(`${options.model} ${version} is not registered; run: modelgate register --model ${options.model} --version ${version}`, {
            file: registry.description
        });
    }
    if (transition.from !== policy.stages[0]) {
        const inFrom = resolveStage(tags, options.model, transition.from).some((o) => o.version === version);
        if (!inFrom)
            throw new UsageError(`${options.model} ${version} is not in ${transition.from}; promote it there first`);
    }
    const steps = transition.rollout && transition.rollout.strategy !== 'direct' ? transition.rollout.steps.length : 0;
    const rolloutStep = steps > 0 ? nextRolloutStep(transition.to, version, tags, options.model, steps) : undefined;
    const baselineStage = policy.baseline ?? policy.stages[policy.stages.length - 1];
    const baselineVersion = options.baselineVersion !== undefined
        ? options.baselineVersion
        : (resolveStage(tags, options.model, baselineStage).find((o) => o.version !== version)?.version ?? null);
    const { input, unavailable } = await prepareEvaluation(policy, { ...options, version, baselineVersion }, deps);
    const decision = evaluate(input);
    const record = buildPromotionRecord({
        decision,
        evidence: input.candidate,
        baseline: { version: input.baseline.version, stage: baselineStage },
        policy,
        ...(options.run && { run: options.run }),
        createdAt: deps.now().toISOString(),
        ...(rolloutStep !== undefined && { rolloutStep })
    });
    const result = {
        decision,
        record,
        tag: null,
        archived: [],
        commit: target.commit,
        unavailable
    };
    if (options.dryRun)
        return result;
    const message = recordToTagMessage(record);
    if (decision.decision === 'block') {
        result.tag = (await createCountedTag(registry, options.model, (n) => blockedTag(options.model, n), target.commit, message)).tag;
        return result;
    }
    const before = resolveStage(tags, options.model, transition.to);
    result.tag = (await createCountedTag(registry, options.model, (n) => assignmentTag(options.model, transition.to, n), target.commit, message)).tag;
    if (completesRollout(record)) {
        try {
            result.archived = await archiveOthers(registry, options.model, transition.to, version, before, record, registered, result.tag);
        }
        catch (error) {
            if (!isModelgateError(error))
                throw error;
            throw new RegistryError(`${options.model} ${version} is promoted to ${transition.to} (tag ${result.tag}), but archiving the version it replaced failed: ${error.message}. A re-run of this job, or the next promotion to ${transition.to}, archives it`, undefined, { cause: error });
        }
    }
    return result;
}
const completesRollout = (record) => !record.rollout || (record.rollout.weight ?? 100) >= 100;
/**
 * A re-run of a promotion whose assignment tag already exists (an earlier attempt of the same
 * run wrote it, then stopped): archives what that attempt left assigned. Versions already
 * archived after their assignment are left alone, so this is a no-op when nothing was cut off.
 */
async function completeArchival(registry, own, tags) {
    const record = own.record;
    if (!record || own.kind !== 'assignment' || record.decision !== 'promote' || !completesRollout(record))
        return [];
    const registered = registeredVersions(tags, own.model);
    return archiveOthers(registry, own.model, record.to_stage, record.version, [], record, registered, own.tag);
}
/**
 * Unassignment tags (GTO's view of "archived") for the versions a completed promotion replaced:
 * every other version whose latest assignment in the stage precedes `ownTag` (this promotion's
 * assignment) and has not been unassigned since. A version assigned AFTER `ownTag` — a racing
 * promotion that wrote the next counter — is left alone: it replaces this one, not the reverse,
 * so racing promotions never leave the stage empty.
 */
async function archiveOthers(registry, model, stage, keep, before, record, registered, ownTag) {
    const archived = [];
    const history = buildHistory(await registry.listTags(modelTagPrefixes(model)), model);
    const own = ownTag === undefined ? -1 : history.findIndex((e) => e.tag === ownTag);
    const limit = own >= 0 ? own : history.length;
    const lastAssigned = new Map();
    const lastArchived = new Map();
    history.forEach((event, i) => {
        if (event.stage !== stage || event.version === null)
            return;
        if (event.kind === 'assignment' || event.kind === 'rollback')
            lastAssigned.set(event.version, i);
        else if (event.kind === 'archival')
            lastArchived.set(event.version, i);
    });
    // Versions still assigned in git's eyes, including ones a crashed promotion left behind.
    const stillAssigned = new Set();
    for (const version of [...before.map((o) => o.version), ...lastAssigned.keys()]) {
        const assigned = lastAssigned.get(version);
        if (assigned === undefined || assigned >= limit)
            continue;
        if ((lastArchived.get(version) ?? -1) > assigned)
            continue;
        stillAssigned.add(version);
    }
    for (const version of stillAssigned) {
        if (version === keep)
            continue;
        const commit = registered.get(version)?.commit;
        if (!commit)
            continue;
        const message = `archive ${model} ${version} from ${stage}: replaced by ${keep}\n\n${JSON.stringify({ archived: version, replaced_by: keep, stage, created_at: new Date(Date.parse(record.created_at) + 1).toISOString(), run: record.run }, null, 2)}\n`;
        await createCountedTag(registry, model, (n) => unassignmentTag(model, stage, n), commit, message);
        archived.push(version);
    }
    return archived;
}

export { archiveOthers as a, completeArchival as b, createCountedTag as c, promote as p };
