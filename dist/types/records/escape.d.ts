/**
 * Escaping for everything that reaches a person: job summaries, release notes, statuses,
 * terminals. Every string that came from a report, a policy or an API is untrusted.
 */
/** Removes terminal escape sequences, control characters and bidi overrides. */
export declare function stripControl(text: string): string;
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
/** Cuts to `max` code points, ending with `…` when cut. */
export declare function truncate(text: string, max: number): string;
