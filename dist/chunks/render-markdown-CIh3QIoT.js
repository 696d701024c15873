import { a as escapeMarkdown, i as inlineCode, t as truncate, b as escapeMarkdownTableCell } from './escape-Dp7Zgixl.js';
import { k as formatNumber } from './load-BLaJ9nnB.js';

/** A short display form of an observed value for tables. */
function observedText(value) {
    if (value === undefined || value === null)
        return '—';
    if (typeof value === 'number')
        return formatNumber(value);
    if (typeof value === 'string')
        return value;
    if (Array.isArray(value))
        return value.map((item) => observedText(item)).join('; ');
    if (typeof value === 'object') {
        return Object.entries(value)
            .map(([key, item]) => `${key}=${observedText(item)}`)
            .join(', ');
    }
    return String(value);
}

/** `canary 10% (hold 30m) -> 50% (hold 2h) -> 100%` */
function rolloutText(rollout) {
    const steps = rollout.steps
        .map((step) => `${step.weight}%${step.hold ? ` (hold ${step.hold})` : ''}`)
        .join(' -> ');
    return steps ? `${rollout.strategy} ${steps}` : rollout.strategy;
}

const STATUS_MARK = {
    pass: '✅ pass',
    skipped: '⏭️ skipped',
    warn: '⚠️ warn',
    fail: '❌ fail',
    missing: '❌ missing',
    error: '❌ error'
};
const cell = (text, max = 200) => escapeMarkdownTableCell(truncate(text, max));
/** The gate table an auditor reads; the job summary and the release notes both use it. */
function renderGateTable(decision) {
    if (decision.gates.length === 0)
        return '_No gates in this transition._\n';
    const lines = ['| Gate | Status | Observed | Threshold | Detail |', '| --- | --- | --- | --- | --- |'];
    for (const gate of decision.gates) {
        lines.push(`| ${cell(gate.id, 64)} | ${STATUS_MARK[gate.status]}${gate.blocking ? '' : gate.status === 'pass' || gate.status === 'skipped' ? '' : ' (non-blocking)'} | ${cell(observedText(gate.observed), 80)} | ${cell(gate.threshold ?? '', 80)} | ${cell(gate.message, 300)} |`);
    }
    return `${lines.join('\n')}\n`;
}
/** Decision as markdown: heading, gate table, approvals, plan, reasons. */
function renderDecisionMarkdown(decision) {
    const verdict = decision.decision === 'promote' ? '✅ **promote**' : '❌ **block**';
    const out = [];
    out.push(`### ${escapeMarkdown(decision.model)} ${inlineCode(decision.version)}: ${escapeMarkdown(decision.from)} → ${escapeMarkdown(decision.to)}: ${verdict}`);
    out.push('');
    out.push(renderGateTable(decision));
    out.push(renderApprovalsMarkdown(decision));
    if (decision.rollout)
        out.push(`**Rollout:** ${escapeMarkdown(rolloutText(decision.rollout))}\n`);
    if (decision.rollback) {
        const triggers = decision.rollback.when.map((t) => inlineCode(t.metric)).join(', ');
        out.push(`**Rollback:** to ${escapeMarkdown(decision.rollback.to)} when ${triggers} breach\n`);
    }
    if (decision.reasons.length > 0) {
        out.push('**Reasons:**\n');
        for (const reason of decision.reasons)
            out.push(`- ${escapeMarkdown(truncate(reason, 500))}`);
        out.push('');
    }
    return `${out
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trimEnd()}\n`;
}
function renderApprovalsMarkdown(decision) {
    const approvals = decision.approvals;
    if (approvals.status === 'not_required')
        return '**Approvals:** none required\n';
    const mark = approvals.status === 'pass' ? '✅' : '❌';
    const lines = [`**Approvals:** ${mark} ${approvals.received} of ${approvals.required} required`, ''];
    if (approvals.approvers.length > 0 || approvals.ignored.length > 0) {
        lines.push('| Reviewer | Environment | Counted | Comment |', '| --- | --- | --- | --- |');
        for (const a of approvals.approvers)
            lines.push(`| ${cell(a.user, 64)} | ${cell(a.environment, 64)} | yes | ${cell(a.comment, 200)} |`);
        for (const i of approvals.ignored)
            lines.push(`| ${cell(i.user, 64)} | ${cell(i.environment, 64)} | no: ${cell(i.reason, 80)} | |`);
    }
    return `${lines.join('\n')}\n`;
}

export { rolloutText as a, observedText as o, renderDecisionMarkdown as r };
