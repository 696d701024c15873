import { s as observedText, t as rolloutText, u as truncate, v as stripControl, w as toJSONSchema, x as policySchema } from './load-C2nTHcJp.js';

/** JSON cannot hold NaN or ±Infinity; they appear as the strings "NaN", "Infinity", "-Infinity". */
function jsonSafe(value) {
    if (typeof value === 'number')
        return Number.isFinite(value) ? value : String(value);
    if (Array.isArray(value))
        return value.map(jsonSafe);
    if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
    }
    return value;
}
function gateJson(gate) {
    return {
        id: gate.id,
        status: gate.status,
        metric: gate.metric ?? null,
        observed: gate.observed === undefined ? null : jsonSafe(gate.observed),
        threshold: gate.threshold ?? null,
        message: gate.message,
        kind: gate.kind,
        severity: gate.severity,
        optional: gate.optional,
        blocking: gate.blocking,
        ...(gate.baseline !== undefined && { baseline: jsonSafe(gate.baseline) })
    };
}
/** SPEC §5 `evaluate --format json`, with additions (kind, severity, blocking, rollout) after the contract's keys. */
function decisionToJson(decision) {
    return {
        model: decision.model,
        version: decision.version,
        from: decision.from,
        to: decision.to,
        decision: decision.decision,
        gates: decision.gates.map(gateJson),
        approvals: {
            required: decision.approvals.required,
            received: decision.approvals.received,
            status: decision.approvals.status,
            approvers: decision.approvals.approvers,
            environments: decision.approvals.environments,
            ignored: decision.approvals.ignored
        },
        reasons: decision.reasons,
        rollout: decision.rollout ?? null,
        rollback: decision.rollback ?? null
    };
}

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

const POLICY_SCHEMA_ID = 'https://modelgate.dev/schemas/policy-v1.json';
/**
 * The JSON Schema of the policy file, generated from the same zod schema that validates it, so the
 * editor's view and the loader's can never drift apart. Cross-field rules (declared stages, one
 * check per gate) are enforced by the loader only.
 */
function policyJsonSchema() {
    const generated = toJSONSchema(policySchema, { io: 'input', unrepresentable: 'any' });
    return { ...generated, $id: POLICY_SCHEMA_ID, title: 'modelgate policy' };
}

/** Kept in step with package.json by a test. */
const VERSION = '0.1.0';

export { VERSION as V, decisionToJson as d, jsonSafe as j, policyJsonSchema as p, renderDecisionText as r };
