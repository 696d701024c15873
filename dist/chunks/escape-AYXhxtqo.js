/**
 * Escaping for everything that reaches a person: job summaries, release notes, statuses,
 * terminals. Every string that came from a report, a policy or an API is untrusted.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const ANSI = 
// eslint-disable-next-line no-control-regex
/(?:\u001b\[|\u009b)[0-9;?]*[ -/]*[@-~]|\u001b[\]PX^_][^\u0007\u001b]*(\u0007|\u001b\\)?|\u001b./g;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
/** Line and paragraph separators end a line in some renderers; they become spaces. */
const LINE_BREAKS = /\r\n|[\n\r\t\u2028\u2029\u0085]/g;
/** Removes terminal escape sequences, control characters and bidi overrides. */
function stripControl(text) {
    return text.replace(ANSI, '').replace(CONTROL, '').replace(BIDI, '');
}
/** One line of plain text: line breaks become spaces, then control characters go. */
function oneLine(text) {
    return stripControl(text.replace(LINE_BREAKS, ' '));
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
    return escapeHtml(oneLine(text))
        .replace(/([\\`*_{}[\]|~])/g, '\\$1')
        .replace(/^(\s*)([#+-])/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2')
        .replace(/@/g, '@\u200d')
        .replace(/(?<!&)#(\d)/g, '#\u200d$1')
        .replace(/:\/\//g, ':\u200d//')
        .replace(/\b(www)\./gi, '$1\u200d.');
}
/** A markdown table cell: inline-escaped, and never breaks the row. */
function escapeMarkdownTableCell(text) {
    return escapeMarkdown(text) || ' ';
}
/** A code span that holds any text: the fence is longer than any backtick run inside. */
function inlineCode(text) {
    const clean = oneLine(text);
    const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    if (clean === '')
        return '` `';
    // CommonMark strips one space from each side when both have one (and the span is not all
    // spaces), so text touching a fence or wrapped in spaces gets a pad to keep it intact.
    const wrapped = clean.startsWith(' ') && clean.endsWith(' ') && clean.trim() !== '';
    const pad = clean.startsWith('`') || clean.endsWith('`') || wrapped ? ' ' : '';
    return `${fence}${pad}${clean}${pad}${fence}`;
}
/**
 * A code span inside a table cell. GFM splits cells at `|` even inside code spans, and reads `\\|`
 * there as a literal pipe, so pipes are escaped after the span is built.
 */
function inlineCodeCell(text) {
    return inlineCode(text).replace(/\|/g, '\\|');
}
/**
 * An http(s) URL fit for a markdown link target, or null. Anything else (javascript:, data:,
 * relative paths, text that is not a URL) is refused, and the characters that could end the link
 * target early are percent-encoded.
 */
function safeUrl(text) {
    let url;
    try {
        url = new URL(oneLine(text).trim());
    }
    catch {
        return null;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        return null;
    return url.href.replace(/[()<>"'\\ `|[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
/** `[text](url)` with the text escaped; just the escaped text when the URL is not a safe one. */
function markdownLink(text, url) {
    const target = url === undefined ? null : safeUrl(url);
    return target ? `[${escapeMarkdown(text)}](${target})` : escapeMarkdown(text);
}
/** Cuts to `max` code points, ending with `…` when cut. */
function truncate(text, max) {
    const points = [...text];
    if (points.length <= max)
        return text;
    return `${points.slice(0, Math.max(0, max - 1)).join('')}…`;
}
// Made on first use: building a Segmenter loads ICU data (~18 ms), which commands that never
// cut text, such as `resolve`, should not pay for at start-up.
let segmenter;
function graphemeSegmenter() {
    if (segmenter === undefined) {
        segmenter =
            typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('en', { granularity: 'grapheme' }) : null;
    }
    return segmenter;
}
/**
 * Cuts so that the UTF-16 length (what JavaScript's `length` and most APIs count) is at most `max`,
 * on a grapheme boundary (an emoji or an accented letter is never split), ending with `…` when cut.
 * UTF-16 length is never less than the code-point count, so both limits hold.
 */
function fitLength(text, max) {
    if (text.length <= max)
        return text;
    const segments = graphemeSegmenter();
    const graphemes = segments ? [...segments.segment(text)].map((s) => s.segment) : [...text];
    let out = '';
    for (const grapheme of graphemes) {
        if (out.length + grapheme.length > max - 1)
            break;
        out += grapheme;
    }
    return `${out}…`;
}

export { escapeMarkdown as a, escapeMarkdownTableCell as b, inlineCodeCell as c, escapeHtml as e, fitLength as f, inlineCode as i, markdownLink as m, oneLine as o, stripControl as s, truncate as t };
