import { t as truncate, s as stripControl } from './escape-Dp7Zgixl.js';
import { o as observedText, a as rolloutText } from './render-markdown-CIh3QIoT.js';

const COLOURS = {
    pass: '32',
    skipped: '36',
    warn: '33',
    fail: '31',
    missing: '31',
    error: '31',
    promote: '32',
    block: '31'
};
/** The decision as an aligned terminal table; colour only when asked (a TTY). */
function renderDecisionText(decision, options) {
    const paint = (key, text) => options.color ? `\u001b[${COLOURS[key]}m${text}\u001b[0m` : text;
    const clean = (text, max = 80) => truncate(stripControl(text).replace(/\s+/g, ' '), max);
    const header = ['GATE', 'STATUS', 'OBSERVED', 'THRESHOLD', 'DETAIL'];
    const rows = decision.gates.map((gate) => [
        clean(gate.id, 40),
        gate.status,
        clean(observedText(gate.observed), 24),
        clean(gate.threshold ?? '', 36),
        clean(gate.message, 100)
    ]);
    const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
    const line = (cells, statusKey) => cells
        .map((cell, i) => {
        const padded = i === cells.length - 1 ? cell : cell.padEnd(widths[i]);
        return i === 1 && statusKey ? paint(statusKey, padded) : padded;
    })
        .join('  ')
        .trimEnd();
    const out = [];
    out.push(`${clean(decision.model, 60)} ${clean(decision.version, 40)}: ${clean(decision.from)} -> ${clean(decision.to)}`);
    out.push('');
    if (rows.length > 0) {
        out.push(line(header));
        decision.gates.forEach((gate, i) => out.push(line(rows[i], gate.status)));
        out.push('');
    }
    const approvals = decision.approvals;
    if (approvals.status !== 'not_required') {
        out.push(`approvals: ${paint(approvals.status === 'pass' ? 'pass' : 'fail', approvals.status)} ${clean(approvals.message, 200)}`);
        for (const ignored of approvals.ignored) {
            out.push(`  not counted: ${clean(ignored.user, 40)} (${clean(ignored.environment, 40)}): ${clean(ignored.reason)}`);
        }
    }
    if (decision.rollout)
        out.push(`rollout: ${rolloutText(decision.rollout)}`);
    out.push(`decision: ${paint(decision.decision, decision.decision.toUpperCase())}`);
    for (const reason of decision.reasons)
        out.push(`  - ${clean(reason, 200)}`);
    return `${out.join('\n')}\n`;
}

export { renderDecisionText as r };
