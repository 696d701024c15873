import { R as RegistryError, U as UsageError } from './errors-C8WN8CYy.js';
import { f as findTransition, h as prepareEvaluation, e as evaluate } from './load-BLaJ9nnB.js';
import { n as nextCounter, m as modelTagPrefixes, b as assertModelName, f as registeredVersions, r as resolveStage, i as buildPromotionRecord, j as recordToTagMessage, k as blockedTag, l as assignmentTag, d as buildHistory, u as unassignmentTag } from './registry-options-Ba7MzMqK.js';
import { n as normalizeVersion } from './version-31-gweMq.js';

const MAX_ATTEMPTS = 20;
/**
 * Creates `name(counter)` with the next free counter. Tag creation is atomic, so two writers
 * racing for one counter cannot both win: the loser re-reads the tags and takes the next one.
 */
async function createCountedTag(registry, model, name, commit, message) {
    let counter = nextCounter(await registry.listTags(modelTagPrefixes(model)), model);
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
    const completes = !record.rollout || (record.rollout.weight ?? 100) >= 100;
    if (completes)
        result.archived = await archiveOthers(registry, options.model, transition.to, version, before, record, registered);
    return result;
}
/** Unassignment tags (GTO's view of "archived") for the versions a completed promotion replaced. */
async function archiveOthers(registry, model, stage, keep, before, record, registered) {
    const archived = [];
    const tags = await registry.listTags(modelTagPrefixes(model));
    // Versions still assigned in git's eyes, including ones a crashed promotion left behind.
    const stillAssigned = new Set(before.map((o) => o.version));
    for (const event of buildHistory(tags, model)) {
        if (event.stage !== stage || event.version === null)
            continue;
        if (event.kind === 'assignment' || event.kind === 'rollback')
            stillAssigned.add(event.version);
        else if (event.kind === 'archival')
            stillAssigned.delete(event.version);
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

export { archiveOthers as a, createCountedTag as c, promote as p };
