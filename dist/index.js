import { g as getInput, s as setSecret, a as getMultilineInput, b as setOutput, c as summary, w as warning, e as error, d as setFailed, i as info } from './chunks/core-D_73mIuS.js';
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { U as UsageError, G as GitHubError, i as isModelgateError } from './chunks/errors-C8WN8CYy.js';
import { b as buildHistory, m as modelTagPrefixes, g as registeredVersions, e as resolveStage, c as previousVersion, t as tagSummaryLine, s as statusDescription, o as statusState } from './chunks/state-ByNzwhuh.js';
import { a as escapeMarkdown, i as inlineCode, s as stripControl, t as truncate, b as escapeMarkdownTableCell, m as markdownLink } from './chunks/escape-AYXhxtqo.js';
import { r as renderDecisionMarkdown, a as renderRecordMarkdown } from './chunks/render-markdown-eHBcBIzT.js';
import { a as parseNamedPaths } from './chunks/options-D-qxy_-4.js';
import { L as LocalEvidenceSource } from './chunks/local-source-D-IaSU-f.js';
import { f as findTransition, h as prepareEvaluation, e as evaluate, b as loadPolicy } from './chunks/load-CHsN1Tpm.js';
import { b as completeArchival, p as promote } from './chunks/promote-CR9JIpUv.js';
import { r as register } from './chunks/register-BxegEI19.js';
import { r as rollback } from './chunks/rollback-BuRyE4UP.js';
import { n as normalizeVersion } from './chunks/version-Dm4lwVae.js';
import 'os';
import 'crypto';
import 'fs';
import 'path';
import 'http';
import 'https';
import 'net';
import 'tls';
import 'events';
import 'assert';
import 'util';
import 'node:assert';
import 'node:net';
import 'node:http';
import 'node:stream';
import 'node:buffer';
import 'node:util';
import 'node:querystring';
import 'node:events';
import 'node:diagnostics_channel';
import './chunks/_commonjsHelpers-BFTU3MAI.js';
import 'node:tls';
import 'node:zlib';
import 'node:perf_hooks';
import 'node:util/types';
import 'node:worker_threads';
import 'node:url';
import 'node:async_hooks';
import 'node:console';
import 'node:dns';
import 'string_decoder';
import 'child_process';
import 'timers';
import './chunks/render-json-CUauJDeH.js';
import 'node:fs/promises';
import 'node:crypto';
import './chunks/fairness-csv-DgwIbD0f.js';
import './chunks/drift-csv-Dlo_pHJS.js';
import './chunks/schema-Cg9dzWAO.js';
import 'process';
import 'buffer';

/** True when the environment looks like a GitHub Actions run that can reach the API. */
function hasRepositoryContext(env) {
    return Boolean(env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID);
}
function readContext(env = process.env) {
    const repository = env.GITHUB_REPOSITORY ?? '';
    const [owner, repo, extra] = repository.split('/');
    if (!owner || !repo || extra !== undefined)
        throw new UsageError(`GITHUB_REPOSITORY must be owner/repo, got "${repository}" (is this running in GitHub Actions?)`);
    const runId = Number(env.GITHUB_RUN_ID);
    if (!Number.isSafeInteger(runId) || runId <= 0)
        throw new UsageError(`GITHUB_RUN_ID must be a workflow run id, got "${env.GITHUB_RUN_ID ?? ''}"`);
    const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? '1');
    const actor = env.GITHUB_TRIGGERING_ACTOR || env.GITHUB_ACTOR || '';
    const original = env.GITHUB_ACTOR;
    const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
    return {
        owner,
        repo,
        repository,
        runId,
        runAttempt: Number.isSafeInteger(attempt) && attempt > 0 ? attempt : 1,
        actor,
        ...(original && original !== actor && { originalActor: original }),
        sha: env.GITHUB_SHA ?? '',
        workflow: env.GITHUB_WORKFLOW ?? '',
        serverUrl,
        apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
        tempDir: env.RUNNER_TEMP || tmpdir(),
        workspace: env.GITHUB_WORKSPACE || process.cwd(),
        event: readEvent(env.GITHUB_EVENT_PATH)
    };
}
function readEvent(path) {
    if (!path)
        return {};
    try {
        const parsed = JSON.parse(readFileSync(path, 'utf8'));
        return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
            ? parsed
            : {};
    }
    catch {
        // The payload only adds detail; a missing or unreadable one must not stop a promotion.
        return {};
    }
}
/** Link to this run's attempt, as the record and the status point at it. */
function runUrl(context) {
    return `${context.serverUrl}/${context.repository}/actions/runs/${context.runId}/attempts/${context.runAttempt}`;
}
/** The `run` block of a promotion record. */
function runContext(context) {
    return {
        repository: context.repository,
        run_id: String(context.runId),
        attempt: String(context.runAttempt),
        workflow: context.workflow,
        actor: context.actor,
        sha: context.sha,
        url: runUrl(context)
    };
}

const COMMANDS = ['evaluate', 'promote', 'rollback', 'resolve', 'register'];
const optional = (name) => getInput(name).trim() || undefined;
function lines(name) {
    return getMultilineInput(name)
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#'));
}
function booleanInput(name) {
    const value = (optional(name) ?? 'false').toLowerCase();
    if (['true', 'yes', 'on', '1'].includes(value))
        return true;
    if (['false', 'no', 'off', '0'].includes(value))
        return false;
    throw new UsageError(`input ${name} must be true or false, got "${value}"`);
}
/** What each command needs beyond `model`. */
const NEEDS = {
    evaluate: ['policy', 'version', 'to'],
    promote: ['policy', 'version', 'to'],
    rollback: ['policy'],
    resolve: [],
    register: ['version']
};
/** Reads and validates the inputs. The token is registered as a secret before anything else runs. */
function readInputs() {
    const token = getInput('github-token');
    if (token)
        setSecret(token);
    const command = (optional('command') ?? 'promote').toLowerCase();
    if (!COMMANDS.includes(command))
        throw new UsageError(`input command must be one of ${COMMANDS.join(', ')}, got "${command}"`);
    const model = optional('model');
    if (!model)
        throw new UsageError(`input model is required for command ${command}`);
    const needs = NEEDS[command];
    const value = (name) => {
        const given = optional(name);
        if (!given && needs.includes(name))
            throw new UsageError(`input ${name} is required for command ${command}`);
        return given ?? '';
    };
    const runId = optional('artifacts-run-id');
    if (runId !== undefined && !/^\d+$/.test(runId))
        throw new UsageError(`input artifacts-run-id must be a workflow run id (digits), got "${runId}"`);
    const monitoring = lines('monitoring');
    if (command === 'rollback' && monitoring.length === 0)
        throw new UsageError('input monitoring is required for command rollback (name=path lines)');
    const stage = optional('stage');
    if (command === 'resolve' && stage === undefined)
        throw new UsageError('input stage is required for command resolve');
    const from = optional('from');
    const commit = optional('commit');
    return {
        command,
        policy: value('policy'),
        model,
        version: value('version'),
        to: value('to'),
        ...(from !== undefined && { from }),
        evidence: lines('evidence'),
        baselineEvidence: lines('baseline-evidence'),
        monitoring,
        ...(stage !== undefined && { stage }),
        ...(commit !== undefined && { commit }),
        ...(runId !== undefined && { artifactsRunId: Number(runId) }),
        token,
        dryRun: booleanInput('dry-run')
    };
}

/**
 * Re-runs must duplicate nothing. A job re-run (next attempt of the same workflow run) after a
 * promotion finds the assignment its run already wrote and only completes what may be missing
 * (release, asset, status); a second invocation within the same attempt also finds its own
 * blocked attempt. A blocked attempt from an EARLIER attempt is not reused: the re-run is the
 * way to try again, e.g. once reviewers have approved.
 */
function findOwnAttempt(tags, query) {
    const events = buildHistory(tags, query.model);
    for (let i = events.length - 1; i >= 0; i--) {
        const event = events[i];
        const record = event.record;
        if (!record || record.run.run_id !== String(query.runId))
            continue;
        if (record.version !== event.version && event.kind !== 'blocked')
            continue;
        if (record.version !== query.version || record.to_stage !== query.stage)
            continue;
        if (query.event === 'rollback' ? record.event !== 'rollback' : record.event === 'rollback')
            continue;
        if (record.decision === 'promote' || record.run.attempt === String(query.attempt))
            return event;
    }
    return undefined;
}
/** The rollback this workflow run already wrote for a stage (any attempt): re-runs must not roll back twice. */
function findOwnRollback(tags, query) {
    return buildHistory(tags, query.model)
        .reverse()
        .find((event) => event.kind === 'rollback' &&
        event.record?.run.run_id === String(query.runId) &&
        event.record.to_stage === query.stage);
}
/** The trigger results a recorded rollback stands for. */
function triggersFromRecord(record) {
    return record.gates.map((gate) => ({
        metric: gate.metric ?? gate.id,
        status: gate.status === 'fail' ? 'fired' : gate.status === 'pass' ? 'quiet' : 'missing',
        message: gate.message
    }));
}
/** The decision a recorded attempt stands for, to report a resumed run truthfully. */
function decisionFromRecord(event, rule) {
    const record = event.record;
    const environments = rule?.environments ?? [...new Set(record.approvals.map((a) => a.environment))];
    return {
        model: record.model,
        version: record.version,
        from: record.from_stage,
        to: record.to_stage,
        decision: record.decision,
        gates: record.gates,
        approvals: {
            required: rule?.required ?? 0,
            received: record.approvals.length,
            status: !rule ? 'not_required' : record.approvals.length >= rule.required ? 'pass' : 'fail',
            environments,
            approvers: record.approvals,
            ignored: [],
            message: `as recorded in ${event.tag}`
        },
        reasons: record.reasons,
        ...(record.rollout && { rollout: record.rollout }),
        ...(record.rollback_plan && { rollback: record.rollback_plan })
    };
}

function linksMarkdown(links, dryRun) {
    if (dryRun)
        return '**Dry run:** nothing was written (no tag, release or status).\n';
    if (!links)
        return '';
    const parts = [];
    if (links.tag)
        parts.push(`tag ${inlineCode(links.tag)}`);
    if (links.release)
        parts.push(markdownLink('release', links.release));
    if (links.record)
        parts.push(markdownLink('record.json', links.record));
    if (links.run)
        parts.push(markdownLink('workflow run', links.run));
    return parts.length > 0 ? `**Recorded:** ${parts.join(' · ')}\n` : '';
}
/** Outputs, annotations and the job summary for a promotion or an evaluation. */
async function reportDecision(report) {
    const { decision } = report;
    const failed = decision.gates.filter((gate) => gate.blocking).map((gate) => gate.id);
    setOutput('decision', decision.decision);
    setOutput('version', decision.version);
    setOutput('stage', decision.to);
    setOutput('failed-gates', failed.join(','));
    setOutput('record-url', report.dryRun ? '' : (report.links?.record ?? ''));
    setOutput('release-url', report.dryRun ? '' : (report.links?.release ?? ''));
    setOutput('rollback-to', report.rollbackTo ?? '');
    setOutput('tag', report.dryRun ? '' : (report.links?.tag ?? ''));
    for (const gate of decision.gates) {
        const message = truncate(stripControl(gate.message), 1000);
        const title = truncate(stripControl(gate.id), 100);
        if (gate.blocking)
            error(message, { title });
        else if (gate.status === 'warn')
            warning(message, { title });
    }
    if (decision.approvals.status === 'fail')
        error(truncate(stripControl(decision.approvals.message), 1000), { title: 'approvals' });
    let markdown = renderDecisionMarkdown(decision);
    if (report.archived && report.archived.length > 0)
        markdown += `\n**Archived:** ${report.archived.map((v) => inlineCode(v)).join(', ')} left ${escapeMarkdown(decision.to)}\n`;
    if (report.notes && report.notes.length > 0)
        markdown += `\n${report.notes.map((note) => `> ${escapeMarkdown(truncate(note, 500))}`).join('\n>\n')}\n`;
    const links = linksMarkdown(report.links, report.dryRun);
    if (links)
        markdown += `\n${links}`;
    await summary.addRaw(markdown, true).write();
}
const TRIGGER_MARK = { fired: '🔥 fired', quiet: '✅ quiet' };
async function reportRollback(report) {
    setOutput('decision', report.fired ? 'rollback' : 'none');
    setOutput('version', report.rolledBackTo ?? report.current);
    setOutput('stage', report.stage);
    setOutput('failed-gates', '');
    setOutput('rollback-to', report.rolledBackTo ?? '');
    setOutput('record-url', report.dryRun ? '' : (report.links?.record ?? ''));
    setOutput('release-url', report.dryRun ? '' : (report.links?.release ?? ''));
    setOutput('tag', report.dryRun ? '' : (report.links?.tag ?? ''));
    for (const trigger of report.triggers) {
        if (trigger.status === 'fired')
            warning(truncate(stripControl(trigger.message), 1000), {
                title: `rollback trigger ${stripControl(trigger.metric)}`
            });
    }
    const verdict = report.fired
        ? `🔁 **rolled back** to ${inlineCode(report.rolledBackTo ?? '')}${report.dryRun ? ' (dry run)' : ''}`
        : '✅ **no trigger fired**';
    const lines = [
        `### ${escapeMarkdown(report.model)} in ${escapeMarkdown(report.stage)} (${inlineCode(report.current)}): ${verdict}`,
        '',
        '| Trigger | Status | Detail |',
        '| --- | --- | --- |',
        ...report.triggers.map((t) => `| ${escapeMarkdownTableCell(truncate(t.metric, 80))} | ${TRIGGER_MARK[t.status] ?? `❌ ${escapeMarkdownTableCell(t.status)}`} | ${escapeMarkdownTableCell(truncate(t.message, 300))} |`),
        ''
    ];
    const links = linksMarkdown(report.fired ? report.links : undefined, report.fired && report.dryRun);
    if (links)
        lines.push(links);
    await summary.addRaw(`${lines.join('\n')}\n`, true).write();
}
async function reportResolve(report) {
    const first = report.occupants[0];
    setOutput('version', first?.version ?? '');
    setOutput('stage', report.stage);
    setOutput('decision', first ? 'found' : 'none');
    const body = report.occupants.length === 0
        ? `_No version of ${escapeMarkdown(report.model)} is in ${escapeMarkdown(report.stage)}._`
        : report.occupants
            .map((o) => `- ${inlineCode(o.version)}${typeof o.weight === 'number' && o.weight < 100 ? ` at ${o.weight}%` : ''}`)
            .join('\n');
    await summary
        .addRaw(`### ${escapeMarkdown(report.model)} in ${escapeMarkdown(report.stage)}\n\n${body}\n`, true)
        .write();
}

async function defaultServices(context, inputs) {
    // Loaded lazily: `evaluate` on local evidence outside a repository needs none of Octokit.
    const { createGitHubServices } = await import('./chunks/github-services-BHPzg-lE.js');
    return createGitHubServices(context, inputs);
}
async function run(options = {}) {
    let token = '';
    try {
        const inputs = readInputs();
        token = inputs.token;
        const now = options.now ?? (() => new Date());
        const factory = options.services ?? defaultServices;
        const context = hasRepositoryContext(process.env) ? readContext(process.env) : undefined;
        let built;
        const services = async () => {
            if (!context)
                throw new UsageError(`command ${inputs.command} needs a GitHub Actions run (GITHUB_REPOSITORY and GITHUB_RUN_ID are not set)`);
            if (!inputs.token)
                throw new UsageError('input github-token is empty; pass ${{ github.token }} or a token with the permissions in docs/action.md');
            built ??= await factory(context, inputs);
            return built;
        };
        try {
            switch (inputs.command) {
                case 'evaluate':
                    return await runEvaluate(inputs, context, context ? await services() : undefined, now);
                case 'promote':
                    return await runPromote(inputs, context, await services(), now);
                case 'rollback':
                    return await runRollback(inputs, context, await services(), now);
                case 'resolve':
                    return await runResolve(inputs, await services());
                case 'register':
                    return await runRegister(inputs, context, await services(), now);
            }
        }
        finally {
            await built?.close?.();
        }
    }
    catch (error) {
        setFailed(redact(describeError(error), token));
    }
}
function describeError(error) {
    if (isModelgateError(error))
        return `modelgate: ${error.format()}`;
    const message = error instanceof Error ? error.message : String(error);
    return `modelgate: unexpected error: ${message}`;
}
/** Defence in depth: the runner masks the token in logs, but outputs and summaries are ours to keep clean. */
function redact(text, token) {
    return token.length >= 4 ? text.split(token).join('***') : text;
}
async function readPolicy(inputs, workspace) {
    return loadPolicy(resolve(workspace, inputs.policy));
}
const workspaceOf = (context) => context?.workspace ?? process.env.GITHUB_WORKSPACE ?? process.cwd();
/** The environments must really gate the run before their reviews can mean anything. */
async function checkEnvironments(transition, services) {
    if (transition.approvals && transition.approvals.environments.length > 0)
        await services.assertProtected(transition.approvals.environments);
}
/** `checks` gates read GitHub unless the workflow handed in evidence `checks` explicitly. */
function needsGitHubChecks(transition, inputs) {
    return (transition.gates.some((gate) => gate.kind === 'checks') &&
        !inputs.evidence.some((line) => line.startsWith('checks=')));
}
function rollbackTarget(decision, archived) {
    const plan = decision.rollback;
    if (!plan)
        return null;
    return plan.to === 'previous' ? (archived[0] ?? null) : normalizeVersion(plan.to);
}
async function runEvaluate(inputs, context, services, now) {
    const workspace = workspaceOf(context);
    const policy = await readPolicy(inputs, workspace);
    const transition = findTransition(policy, inputs.to, inputs.from);
    let checks;
    let baselineVersion;
    if (services && context) {
        await checkEnvironments(transition, services);
        const wantChecks = needsGitHubChecks(transition, inputs);
        // The registry is read only when something needs it: the model's commit or the baseline.
        if (wantChecks || inputs.baselineEvidence.length > 0) {
            const tags = await services.registry.listTags(modelTagPrefixes(inputs.model));
            const version = normalizeVersion(inputs.version);
            const commit = registeredVersions(tags, inputs.model).get(version)?.commit ?? context.sha;
            if (wantChecks && commit)
                checks = await services.checks(commit);
            if (inputs.baselineEvidence.length > 0) {
                const baselineStage = policy.baseline ?? policy.stages[policy.stages.length - 1];
                baselineVersion =
                    resolveStage(tags, inputs.model, baselineStage).find((o) => o.version !== version)?.version ?? null;
            }
        }
    }
    const source = services?.source ?? new LocalEvidenceSource(workspace);
    const { input, unavailable } = await prepareEvaluation(policy, {
        ...evaluationOptions(inputs, checks, context?.actor),
        ...(baselineVersion !== undefined && { baselineVersion })
    }, {
        source,
        now,
        artifacts: Boolean(services),
        ...(services && { approvals: () => services.reviews() })
    });
    const decision = evaluate(input);
    await reportDecision({
        decision,
        dryRun: true,
        notes: [...unavailable].map(([name, why]) => `evidence ${name} ${why}`),
        rollbackTo: decision.rollback && decision.rollback.to !== 'previous' ? normalizeVersion(decision.rollback.to) : null
    });
    if (decision.decision === 'block')
        setFailed(blockedMessage(decision));
}
/** The evaluation options every command that evaluates builds from the inputs. */
function evaluationOptions(inputs, checks, actor) {
    return {
        model: inputs.model,
        version: inputs.version,
        to: inputs.to,
        ...(inputs.from !== undefined && { from: inputs.from }),
        evidence: parseNamedPaths(inputs.evidence, 'evidence'),
        baselineEvidence: parseNamedPaths(inputs.baselineEvidence, 'baseline-evidence'),
        ...(actor && { actor }),
        ...(checks && { checks })
    };
}
function blockedMessage(decision) {
    return `modelgate blocked ${decision.model} ${decision.version} → ${decision.to}: ${decision.reasons.join('; ')}`;
}
/**
 * Release (draft → record asset → publish), then the commit status pointing at it. The tag, and
 * with it the decision, is already in the registry: a failure here says so, and that a re-run of
 * the job completes the rest without writing anything twice.
 */
async function publish(services, context, tag, record, commit, resumed = false) {
    const run = runUrl(context);
    try {
        const published = await services.publishRecord({
            tag,
            record,
            name: tagSummaryLine(record),
            notes: renderRecordMarkdown(record, { run }),
            resumed
        });
        await services.setStatus({
            commit,
            context: `modelgate/${record.model}/${record.to_stage}`,
            state: statusState(record),
            description: statusDescription(record),
            targetUrl: published.releaseUrl,
            onlyIfMissing: resumed
        });
        return { tag, release: published.releaseUrl, record: published.recordUrl, run };
    }
    catch (error) {
        if (!(error instanceof GitHubError))
            throw error;
        const what = record.event === 'blocked' ? 'blocked attempt' : record.event;
        throw new GitHubError(`the ${what} is recorded in tag ${tag}, but its release and status are not complete: ${error.message}. Re-run this job to complete the release and status; nothing is written twice`, error.status, { cause: error });
    }
}
async function runPromote(inputs, context, services, now) {
    const policy = await readPolicy(inputs, context.workspace);
    const transition = findTransition(policy, inputs.to, inputs.from);
    await checkEnvironments(transition, services);
    const version = normalizeVersion(inputs.version);
    const tags = await services.registry.listTags(modelTagPrefixes(inputs.model));
    const own = inputs.dryRun
        ? undefined
        : findOwnAttempt(tags, {
            model: inputs.model,
            version,
            stage: transition.to,
            runId: context.runId,
            attempt: context.runAttempt
        });
    if (own) {
        // This run already decided; finish what an interrupted attempt may have left undone.
        info(`modelgate: ${own.tag} was written by this workflow run; completing its release and status`);
        const decision = decisionFromRecord(own, transition.approvals);
        const archived = await completeArchival(services.registry, own, tags);
        const links = await publish(services, context, own.tag, own.record, own.commit, true);
        // Whatever this run replaced, archived now or by the interrupted attempt.
        const replaced = archived.length > 0 ? archived : [previousVersion(tags, inputs.model, transition.to)];
        await reportDecision({
            decision,
            links,
            archived,
            rollbackTo: rollbackTarget(decision, replaced.filter((v) => v !== null))
        });
        if (decision.decision === 'block')
            setFailed(blockedMessage(decision));
        return;
    }
    const commit = registeredVersions(tags, inputs.model).get(version)?.commit;
    const checks = commit && needsGitHubChecks(transition, inputs) ? await services.checks(commit) : undefined;
    const result = await promote(policy, { ...evaluationOptions(inputs, checks, context.actor), dryRun: inputs.dryRun, run: runContext(context) }, {
        registry: services.registry,
        source: services.source,
        approvals: () => services.reviews(),
        now,
        artifacts: true
    });
    const links = result.tag
        ? await publish(services, context, result.tag, result.record, result.commit)
        : undefined;
    await reportDecision({
        decision: result.decision,
        ...(links && { links }),
        dryRun: inputs.dryRun,
        archived: result.archived,
        notes: [...result.unavailable].map(([name, why]) => `evidence ${name} ${why}`),
        rollbackTo: rollbackTarget(result.decision, result.archived)
    });
    if (result.decision.decision === 'block')
        setFailed(blockedMessage(result.decision));
}
async function runRollback(inputs, context, services, now) {
    const policy = await readPolicy(inputs, context.workspace);
    const stage = inputs.stage ?? policy.stages[policy.stages.length - 1];
    if (!inputs.dryRun) {
        const tags = await services.registry.listTags(modelTagPrefixes(inputs.model));
        const own = findOwnRollback(tags, { model: inputs.model, stage, runId: context.runId });
        if (own?.record) {
            // A re-run must not roll back a second time: complete the first one's release and status.
            info(`modelgate: ${own.tag} was written by this workflow run; completing its release and status`);
            const links = await publish(services, context, own.tag, own.record, own.commit, true);
            await reportRollback({
                model: inputs.model,
                stage,
                current: own.record.baseline.version ?? '',
                triggers: triggersFromRecord(own.record),
                fired: true,
                rolledBackTo: own.record.version,
                links
            });
            return;
        }
    }
    const result = await rollback(policy, {
        model: inputs.model,
        stage,
        monitoring: parseNamedPaths(inputs.monitoring, 'monitoring'),
        dryRun: inputs.dryRun,
        run: runContext(context)
    }, {
        registry: services.registry,
        // Monitoring paths are explicit (a workspace file or `artifact:<artifact>/<file>`): the
        // policy's `artifact:` for an evidence of the same name describes the promotion's report.
        source: {
            read: (name, spec, path) => {
                const local = { ...spec };
                delete local.artifact;
                return services.source.read(name, local, path);
            }
        },
        now
    });
    let links;
    if (result.tag && result.record && result.rolledBackTo) {
        const tags = await services.registry.listTags(modelTagPrefixes(inputs.model));
        const commit = registeredVersions(tags, inputs.model).get(result.rolledBackTo)?.commit;
        if (!commit)
            throw new GitHubError(`rolled back to ${result.rolledBackTo} but cannot find its registered commit`);
        links = await publish(services, context, result.tag, result.record, commit);
    }
    await reportRollback({
        model: inputs.model,
        stage: result.stage,
        current: result.current,
        triggers: result.triggers,
        fired: result.fired,
        rolledBackTo: result.rolledBackTo,
        dryRun: inputs.dryRun,
        ...(links && { links })
    });
}
async function runResolve(inputs, services) {
    const tags = await services.registry.listTags(modelTagPrefixes(inputs.model));
    await reportResolve({
        model: inputs.model,
        stage: inputs.stage,
        occupants: resolveStage(tags, inputs.model, inputs.stage)
    });
}
async function runRegister(inputs, context, services, now) {
    const version = normalizeVersion(inputs.version);
    const revision = inputs.commit ?? context.sha;
    if (!revision)
        throw new UsageError('input commit is empty and GITHUB_SHA is not set');
    const commit = await services.registry.resolveCommit(revision);
    const tags = await services.registry.listTags(modelTagPrefixes(inputs.model));
    const existing = registeredVersions(tags, inputs.model).get(version);
    let tag = `${inputs.model}@${version}`;
    if (inputs.dryRun) {
        info(`modelgate: dry run: would register ${inputs.model} ${version} on ${commit.slice(0, 12)}`);
    }
    else if (existing && existing.commit === commit) {
        // A re-run registers nothing twice.
        info(`modelgate: ${inputs.model} ${version} is already registered on ${commit.slice(0, 12)}`);
    }
    else {
        tag = (await register({ model: inputs.model, version, commit }, services.registry, now)).tag;
    }
    setOutput('decision', inputs.dryRun ? 'none' : 'registered');
    setOutput('version', version);
    setOutput('tag', inputs.dryRun ? '' : tag);
    const verb = inputs.dryRun ? 'would register (dry run)' : 'registered';
    await summary
        .addRaw(`### ${escapeMarkdown(inputs.model)} ${inlineCode(version)}: ${verb} on ${inlineCode(commit.slice(0, 12))}\n`, true)
        .write();
}

await run();
