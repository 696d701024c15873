/**
 * Escaping for everything that reaches a person: job summaries, release notes, statuses,
 * terminals. Every string that came from a report, a policy or an API is untrusted.
 */
/** Removes terminal escape sequences, control characters and bidi overrides. */
export declare function stripControl(text: string): string;
/** One line of plain text: line breaks become spaces, then control characters go. */
export declare function oneLine(text: string): string;
/** HTML text and attribute escaping. */
export declare function escapeHtml(text: string): string;
/**
 * Inline markdown: HTML is escaped, the punctuation that starts emphasis, code, links or tables is
 * backslash-escaped (and block syntax at the start), and `@` / `#` get a zero-width joiner so a
 * record never pings a person or links an issue by accident.
 */
export declare function escapeMarkdown(text: string): string;
/** A markdown table cell: inline-escaped, and never breaks the row. */
export declare function escapeMarkdownTableCell(text: string): string;
/** A code span that holds any text: the fence is longer than any backtick run inside. */
export declare function inlineCode(text: string): string;
/**
 * A code span inside a table cell. GFM splits cells at `|` even inside code spans, and reads `\\|`
 * there as a literal pipe, so pipes are escaped after the span is built.
 */
export declare function inlineCodeCell(text: string): string;
/**
 * An http(s) URL fit for a markdown link target, or null. Anything else (javascript:, data:,
 * relative paths, text that is not a URL) is refused, and the characters that could end the link
 * target early are percent-encoded.
 */
export declare function safeUrl(text: string): string | null;
/** `[text](url)` with the text escaped; just the escaped text when the URL is not a safe one. */
export declare function markdownLink(text: string, url: string | undefined): string;
/** Cuts to `max` code points, ending with `…` when cut. */
export declare function truncate(text: string, max: number): string;
/**
 * Cuts so that the UTF-16 length (what JavaScript's `length` and most APIs count) is at most `max`,
 * on a grapheme boundary (an emoji or an accented letter is never split), ending with `…` when cut.
 * UTF-16 length is never less than the code-point count, so both limits hold.
 */
export declare function fitLength(text: string, max: number): string;
