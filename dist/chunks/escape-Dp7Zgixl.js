/**
 * Escaping for everything that reaches a person: job summaries, release notes, statuses,
 * terminals. Every string that came from a report, a policy or an API is untrusted.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[\]PX^_][^\u0007\u001b]*(\u0007|\u001b\\)?|\u001b./g;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
/** Removes terminal escape sequences, control characters and bidi overrides. */
function stripControl(text) {
    return text.replace(ANSI, '').replace(CONTROL, '').replace(BIDI, '');
}
/** HTML text and attribute escaping. */
function escapeHtml(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;');
}
/**
 * Inline markdown: HTML is escaped, the punctuation that starts emphasis, code, links or tables is
 * backslash-escaped (and block syntax at the start), and `@` / `#` get a zero-width joiner so a
 * record never pings a person or links an issue by accident.
 */
function escapeMarkdown(text) {
    return escapeHtml(stripControl(text).replace(/\r?\n/g, ' '))
        .replace(/([\\`*_{}[\]|~])/g, '\\$1')
        .replace(/^(\s*)([#+-])/, '$1\\$2')
        .replace(/^(\s*\d+)\.(?=\s|$)/, '$1\\.')
        .replace(/@/g, '@\u200d')
        .replace(/#(\d)/g, '#\u200d$1')
        .replace(/:\/\//g, ':\u200d//');
}
/** A markdown table cell: inline-escaped, and never breaks the row. */
function escapeMarkdownTableCell(text) {
    return escapeMarkdown(text) || ' ';
}
/** A code span that holds any text: the fence is longer than any backtick run inside. */
function inlineCode(text) {
    const clean = stripControl(text).replace(/\r?\n/g, ' ');
    const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    const pad = clean.startsWith('`') || clean.endsWith('`') || clean === '' ? ' ' : '';
    return `${fence}${pad}${clean}${pad}${fence}`;
}
/** Cuts to `max` code points, ending with `…` when cut. */
function truncate(text, max) {
    const points = [...text];
    if (points.length <= max)
        return text;
    return `${points.slice(0, Math.max(0, max - 1)).join('')}…`;
}

export { escapeMarkdown as a, escapeMarkdownTableCell as b, escapeHtml as e, inlineCode as i, stripControl as s, truncate as t };
