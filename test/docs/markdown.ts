import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

/** The repository root (jest runs from it). */
export const ROOT = process.cwd()

/** README.md and every page under docs/, as paths relative to the root. */
export function markdownFiles(): string[] {
  const pages: string[] = []
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.md')) pages.push(path)
    }
  }
  walk('docs')
  return ['README.md', ...pages.sort()]
}

export interface CodeBlock {
  lang: string
  text: string
  /** 1-based line of the opening fence. */
  line: number
}

export interface ParsedMarkdown {
  /** The text outside fenced code blocks, fences blanked out line for line. */
  prose: string
  blocks: CodeBlock[]
}

/** Splits a page into prose and fenced code blocks, keeping line numbers. */
export function parseMarkdown(text: string): ParsedMarkdown {
  const lines = text.split('\n')
  const prose: string[] = []
  const blocks: CodeBlock[] = []
  let open: { lang: string; line: number; body: string[]; fence: string } | undefined
  lines.forEach((line, index) => {
    const fence = /^(\s*)(```+|~~~+)\s*([\w-]*)/.exec(line)
    if (open) {
      if (fence && fence[2]!.startsWith(open.fence) && line.trim() === fence[2]) {
        blocks.push({ lang: open.lang, text: open.body.join('\n'), line: open.line })
        open = undefined
      } else open.body.push(line)
      prose.push('')
    } else if (fence) {
      open = { lang: fence[3] ?? '', line: index + 1, body: [], fence: fence[2]! }
      prose.push('')
    } else prose.push(line)
  })
  return { prose: prose.join('\n'), blocks }
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>()
  const seen = new Map<string, number>()
  for (const line of parseMarkdown(text).prose.split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)
    if (!heading) continue
    const plain = heading[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    const base = plain
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-')
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    anchors.add(count === 0 ? base : `${base}-${count}`)
  }
  return anchors
}

export interface Link {
  file: string
  line: number
  target: string
}

/** Relative links (inline `[text](target)` outside code) of a page. */
export function relativeLinks(file: string, text: string): Link[] {
  const links: Link[] = []
  parseMarkdown(text)
    .prose.split('\n')
    .forEach((line, index) => {
      const withoutCode = line.replace(/`[^`]*`/g, '')
      for (const match of withoutCode.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        const target = match[1]!
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue
        links.push({ file, line: index + 1, target })
      }
    })
  return links
}

export const readPage = (file: string): string => readFileSync(join(ROOT, file), 'utf8')
export const fromRoot = (path: string): string => relative(ROOT, path)
