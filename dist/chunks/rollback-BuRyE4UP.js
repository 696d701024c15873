import { k as parseMetricPath, n as formatDuration, o as formatNumber, l as loadEvidence, q as noApprovalsRequired } from './load-CHsN1Tpm.js';
import { R as RegistryError, P as PolicyError } from './errors-C8WN8CYy.js';
import { f as assertModelName, m as modelTagPrefixes, e as resolveStage, c as previousVersion, g as registeredVersions, a as buildPromotionRecord, d as recordToTagMessage, j as assignmentTag } from './state-ByNzwhuh.js';
import { n as normalizeVersion } from './version-Dm4lwVae.js';
import { c as createCountedTag, a as archiveOthers } from './promote-CR9JIpUv.js';

/** `above` / `below` (exclusive bounds, either breaching). */
function condition(trigger) {
    const parts = [];
    if (trigger.above !== undefined)
        parts.push(`above ${formatNumber(trigger.above)}`);
    if (trigger.below !== undefined)
        parts.push(`below ${formatNumber(trigger.below)}`);
    return {
        holds: (v) => (trigger.above !== undefined && v > trigger.above) ||
            (trigger.below !== undefined && v < trigger.below),
        text: parts.join(' or ')
    };
}
/**
 * Fires when the condition holds at every sample of a stretch at least `for` long (last sample
 * time − first ≥ for), so a short spike does not fire and a sustained breach does.
 */
function evaluateTrigger(trigger, series) {
    const metric = trigger.metric;
    if (!series || series.length === 0)
        return { metric, status: 'missing', message: `no samples of ${metric}` };
    if (trigger.drop_relative !== undefined)
        return evaluateDrop(trigger, trigger.drop_relative, series);
    const { holds, text } = condition(trigger);
    const wanted = trigger.for ? ` for ${formatDuration(trigger.forSeconds)}` : '';
    let start = null;
    let longest = 0;
    for (const [t, v] of series) {
        if (!holds(v)) {
            start = null;
            continue;
        }
        start ??= t;
        longest = Math.max(longest, t - start);
        if (t - start >= trigger.forSeconds) {
            return {
                metric,
                status: 'fired',
                stretch: { start, end: t },
                message: `${metric} ${text}${wanted}: ${heldText(start, t)}`
            };
        }
    }
    const observed = longest > 0 ? `; longest breach ${formatDuration(Math.round(longest))}` : '; no breach';
    return { metric, status: 'quiet', message: `${metric} ${text}${wanted}: not sustained${observed}` };
}
const heldText = (start, end) => `held from ${new Date(start * 1000).toISOString()} to ${new Date(end * 1000).toISOString()}`;
/**
 * `drop_relative: d`: a stretch starting at sample i breaches when every sample in it is below
 * m·(1 − d) — or m − d·|m| for a negative m — where m is the mean of the samples in the baseline
 * window immediately BEFORE sample i (`baseline_window`, default `for`). Comparing with the window
 * just before the drop, rather than the start of the file, keeps a slow legitimate trend from
 * firing and a drop late in a long file from hiding. A start without a full baseline window
 * before it (the file's first samples) is not judged.
 */
function evaluateDrop(trigger, drop, series) {
    const metric = trigger.metric;
    const windowSeconds = trigger.baselineWindowSeconds ?? trigger.forSeconds;
    const wanted = trigger.for ? ` for ${formatDuration(trigger.forSeconds)}` : '';
    const what = `${metric} ${formatNumber(drop * 100)}% under the mean of the preceding ${formatDuration(windowSeconds)}${wanted}`;
    if (windowSeconds <= 0) {
        return {
            metric,
            status: 'missing',
            message: `${what}: give the trigger a baseline_window or a for duration`
        };
    }
    // Prefix sums make each window mean O(1); `lo` slides forward with the window.
    const prefix = [0];
    for (const [, v] of series)
        prefix.push(prefix[prefix.length - 1] + v);
    let lo = 0;
    let judged = 0;
    let longest = 0;
    for (let i = 0; i < series.length; i++) {
        const start = series[i][0];
        while (series[lo][0] < start - windowSeconds)
            lo++;
        // The window must reach back its whole length: the file's first sample lies at or before it.
        if (series[0][0] > start - windowSeconds || lo >= i)
            continue;
        judged++;
        const mean = (prefix[i] - prefix[lo]) / (i - lo);
        const floor = mean - drop * Math.abs(mean);
        for (let j = i; j < series.length && series[j][1] < floor; j++) {
            const end = series[j][0];
            longest = Math.max(longest, end - start);
            if (end - start >= trigger.forSeconds) {
                return {
                    metric,
                    status: 'fired',
                    stretch: { start, end },
                    message: `${what}: below ${formatNumber(floor)} (baseline mean ${formatNumber(mean)}), ${heldText(start, end)}`
                };
            }
        }
    }
    if (judged === 0) {
        return {
            metric,
            status: 'missing',
            message: `${what}: the series is shorter than its baseline window, nothing to judge`
        };
    }
    const observed = longest > 0 ? `; longest drop ${formatDuration(Math.round(longest))}` : '; no drop';
    return { metric, status: 'quiet', message: `${what}: not sustained${observed}` };
}
/** Evaluates every trigger against monitoring evidence (each a `timeseries` set). */
function evaluateTriggers(triggers, monitoring) {
    return triggers.map((trigger) => {
        const path = parseMetricPath(trigger.metric);
        const report = path ? monitoring.get(path.evidence) : undefined;
        if (!path || !report)
            return {
                metric: trigger.metric,
                status: 'missing',
                message: `no monitoring named "${path?.evidence ?? trigger.metric}"`
            };
        const seriesName = path.segments.join('.');
        const set = report.data;
        const series = Object.prototype.hasOwnProperty.call(set, seriesName) ? set[seriesName] : undefined;
        return evaluateTrigger(trigger, series);
    });
}

function planFor(policy, stage) {
    const plan = policy.transitions.find((t) => t.to === stage && t.rollback)?.rollback;
    if (!plan)
        throw new PolicyError(`the policy has no rollback plan for stage "${stage}"`, {
            file: policy.source?.path
        });
    return plan;
}
function triggerGate(result, index) {
    return {
        id: `rollback-trigger-${index + 1}`,
        kind: 'metric',
        status: result.status === 'fired' ? 'fail' : result.status === 'quiet' ? 'pass' : 'missing',
        severity: 'block',
        optional: false,
        blocking: result.status === 'fired',
        metric: result.metric,
        message: result.message
    };
}
/**
 * Evaluates the rollback triggers on monitoring; when one fires, moves the stage back to the
 * plan's target and records why. Missing monitoring is reported, never read as healthy.
 */
async function rollback(policy, options, deps) {
    assertModelName(options.model);
    const stage = options.stage ?? policy.stages[policy.stages.length - 1];
    const plan = planFor(policy, stage);
    const tags = await deps.registry.listTags(modelTagPrefixes(options.model));
    const current = resolveStage(tags, options.model, stage)[0]?.version;
    if (!current)
        throw new RegistryError(`no version of ${options.model} is in ${stage}`, {
            file: deps.registry.description
        });
    const monitoring = new Map();
    for (const [name, path] of options.monitoring) {
        const declared = policy.evidence[name];
        const format = declared?.format === 'prometheus' ? 'prometheus' : 'timeseries';
        monitoring.set(name, await loadEvidence(name, { ...declared, format, path }, deps.source));
    }
    const triggers = evaluateTriggers(plan.when, monitoring);
    const fired = triggers.some((t) => t.status === 'fired');
    const result = {
        stage,
        current,
        triggers,
        fired,
        rolledBackTo: null,
        record: null,
        tag: null
    };
    if (!fired)
        return result;
    const target = plan.to === 'previous' ? previousVersion(tags, options.model, stage) : normalizeVersion(plan.to);
    if (!target)
        throw new RegistryError(`a rollback trigger fired but ${stage} has no previous version to return to`);
    const registered = registeredVersions(tags, options.model);
    const commit = registered.get(target)?.commit;
    if (!commit)
        throw new RegistryError(`rollback target ${options.model} ${target} is not registered`);
    const reasons = triggers.filter((t) => t.status === 'fired').map((t) => `rollback trigger: ${t.message}`);
    const decision = {
        model: options.model,
        version: target,
        from: stage,
        to: stage,
        decision: 'promote',
        gates: triggers.map(triggerGate),
        approvals: noApprovalsRequired('rollbacks need no approval'),
        reasons
    };
    const record = buildPromotionRecord({
        decision,
        event: 'rollback',
        evidence: [...monitoring.values()],
        baseline: { version: current, stage },
        policy,
        ...(options.run && { run: options.run }),
        createdAt: deps.now().toISOString(),
        rollbackTo: target
    });
    result.rolledBackTo = target;
    result.record = record;
    if (options.dryRun)
        return result;
    result.tag = (await createCountedTag(deps.registry, options.model, (n) => assignmentTag(options.model, stage, n), commit, recordToTagMessage(record))).tag;
    await archiveOthers(deps.registry, options.model, stage, target, [{ version: current }], record, registered, result.tag);
    return result;
}

export { evaluateTriggers as e, rollback as r };
