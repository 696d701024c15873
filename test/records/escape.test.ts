import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  escapeHtml,
  escapeMarkdown,
  escapeMarkdownTableCell,
  fitLength,
  inlineCode,
  inlineCodeCell,
  markdownLink,
  oneLine,
  safeUrl,
  stripControl,
  truncate
} from '../../src/records/escape.js'
import { HOSTILE } from './fixtures.js'

/** Pipes that would end a table cell: those not escaped by a backslash. */
const cellBreaks = (text: string): number => (text.match(/(?<!\\)\|/g) ?? []).length

const anyText = fc.string({ unit: 'binary', maxLength: 80 })
const hostileText = fc.oneof(
  anyText,
  fc.constantFrom(...HOSTILE),
  fc
    .array(fc.constantFrom(...HOSTILE, '|', '`', '@', '#1', '\n', '<', '](', '\u001b[', 'x'), {
      maxLength: 12
    })
    .map((parts) => parts.join(''))
)

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;'
    )
  })
})

describe('escapeMarkdown', () => {
  it('neutralises HTML, emphasis, code, links and images', () => {
    expect(escapeMarkdown('<script>x</script>')).toBe('&lt;script&gt;x&lt;/script&gt;')
    expect(escapeMarkdown('*a* _b_ ~c~ `d`')).toBe('\\*a\\* \\_b\\_ \\~c\\~ \\`d\\`')
    expect(escapeMarkdown('[x](javascript:alert(1))')).toBe('\\[x\\](javascript:alert(1))')
    expect(escapeMarkdown('![i](https://e.example/p.png)')).toBe('!\\[i\\](https:\u200d//e.example/p.png)')
  })

  it('never pings people or teams and never links issues', () => {
    const text = escapeMarkdown('thanks @octocat and @org/team, see #12 and owner/repo#3')
    expect(text).not.toMatch(/@[^\u200d]/)
    expect(text).not.toMatch(/#\d/)
    expect(text).toContain('@\u200doctocat')
    expect(text).toContain('#\u200d12')
  })

  it('does not break the entities it writes itself', () => {
    // `'` becomes `&#39;`: the issue-reference guard must not split that entity.
    expect(escapeMarkdown("it's #1")).toBe('it&#39;s #\u200d1')
  })

  it('breaks bare-URL autolinks', () => {
    const text = escapeMarkdown('see https://evil.example and www.evil.example')
    expect(text).not.toContain('://')
    expect(text).not.toMatch(/www\./i)
  })

  it('escapes block syntax at the start of the text only', () => {
    expect(escapeMarkdown('# heading')).toBe('\\# heading')
    expect(escapeMarkdown('  - item')).toBe('  \\- item')
    expect(escapeMarkdown('+ item')).toBe('\\+ item')
    expect(escapeMarkdown('1. first')).toBe('1\\. first')
    expect(escapeMarkdown('2) second')).toBe('2\\) second')
    expect(escapeMarkdown('> quote')).toBe('&gt; quote')
    expect(escapeMarkdown('0.002 within max 0.01 - fine')).toBe('0.002 within max 0.01 - fine')
  })

  it('keeps every kind of line break out of the output', () => {
    expect(escapeMarkdown('a\nb\r\nc\rd\u2028e\u2029f\u0085g')).toBe('a b c d e f g')
  })
})

describe('escapeMarkdownTableCell', () => {
  it('keeps hostile text inside its cell', () => {
    for (const text of HOSTILE) {
      const cell = escapeMarkdownTableCell(text)
      expect(cellBreaks(cell)).toBe(0)
      expect(cell).not.toMatch(/[\n\r\u2028\u2029\u001b\u009b\u202e]/)
      expect(cell).not.toMatch(/<[a-z/]/i)
    }
  })

  it('an empty value still makes a cell', () => {
    expect(escapeMarkdownTableCell('')).toBe(' ')
  })

  it('for any text: no cell break, no line break, no tag, no control character, no mention, no link', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const cell = escapeMarkdownTableCell(text)
        expect(cellBreaks(cell)).toBe(0)

        expect(cell).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/)
        expect(cell).not.toContain('<')
        expect(cell).not.toMatch(/@[^\u200d]|@$/)
        expect(cell).not.toMatch(/(?<!\\)\]\(/)
      }),
      { numRuns: 1000 }
    )
  })
})

describe('inlineCode', () => {
  it('uses a fence longer than any backtick run inside, padding when the text touches a fence', () => {
    expect(inlineCode('plain')).toBe('`plain`')
    expect(inlineCode('a`b')).toBe('``a`b``')
    expect(inlineCode('a``b`c')).toBe('```a``b`c```')
    expect(inlineCode('`x`')).toBe('`` `x` ``')
    expect(inlineCode('')).toBe('` `')
    expect(inlineCode(' a ')).toBe('`  a  `')
  })

  it('for any text, the span is closed only by its own fence', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const span = inlineCode(text)
        const fence = /^`+/.exec(span)![0]
        const inner = span.slice(fence.length, span.length - fence.length)
        expect(span.endsWith(fence)).toBe(true)
        expect(inner.match(/`+/g)?.every((run) => run.length !== fence.length) ?? true).toBe(true)
        expect(span).not.toMatch(/[\n\r\u001b]/)
      }),
      { numRuns: 500 }
    )
  })

  it('inside a table cell pipes are escaped, because GFM splits cells even in code spans', () => {
    expect(inlineCodeCell('a|b')).toBe('`a\\|b`')
    fc.assert(fc.property(hostileText, (text) => expect(cellBreaks(inlineCodeCell(text))).toBe(0)))
  })
})

describe('links', () => {
  it('accepts http(s) URLs only', () => {
    expect(safeUrl('https://github.com/acme/fraud/actions/runs/42')).toBe(
      'https://github.com/acme/fraud/actions/runs/42'
    )
    expect(safeUrl('javascript:alert(1)')).toBeNull()
    expect(safeUrl('JaVaScRiPt:alert(1)')).toBeNull()
    expect(safeUrl('data:text/html,<script>')).toBeNull()
    expect(safeUrl('/relative/path')).toBeNull()
    expect(safeUrl('not a url')).toBeNull()
  })

  it('encodes what could end a link target early', () => {
    const url = safeUrl('https://e.example/a)b(c "d" |e')!
    expect(url).not.toMatch(/[()"| ]/)
    expect(url).toContain('%29')
  })

  it('a refused URL leaves plain escaped text, never a link', () => {
    expect(markdownLink('run <42>', 'javascript:alert(1)')).toBe('run &lt;42&gt;')
    expect(markdownLink('run', undefined)).toBe('run')
    expect(markdownLink('run [42]', 'https://e.example/r')).toBe('[run \\[42\\]](https://e.example/r)')
  })
})

describe('control characters', () => {
  it('removes CSI, OSC and C1 sequences, control characters and bidi overrides', () => {
    expect(stripControl('ok\u001b[2J\u001b]0;title\u0007\u0000 \u009b31m\u202edone')).toBe('ok done')
    expect(stripControl('\u001b]8;;https://e.example\u001b\\link\u001b]8;;\u001b\\')).toBe('link')
  })

  it('oneLine turns line breaks into spaces before stripping, so words stay apart', () => {
    expect(oneLine('a\nb\r\nc')).toBe('a b c')
  })
})

describe('length limits', () => {
  it('truncate counts code points and marks the cut', () => {
    expect(truncate('short', 10)).toBe('short')
    const cut = truncate('😀'.repeat(200), 140)
    expect([...cut]).toHaveLength(140)
    expect(cut.endsWith('…')).toBe(true)
  })

  it('fitLength bounds UTF-16 length and never splits a grapheme', () => {
    const family = '👨‍👩‍👧'
    const cut = fitLength(family.repeat(30), 40)
    expect(cut.length).toBeLessThanOrEqual(40)
    expect(
      cut
        .replace(/…$/, '')
        .split(family)
        .every((part) => part === '')
    ).toBe(true)
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.integer({ min: 1, max: 150 }),
        (text, max) => {
          const out = fitLength(text, max)
          expect(out.length).toBeLessThanOrEqual(Math.max(max, 1))
          if (text.length <= max) expect(out).toBe(text)
          else expect(text.startsWith(out.slice(0, -1))).toBe(true)
        }
      )
    )
  })
})
