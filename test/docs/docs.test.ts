import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { parse as parseYaml, parseAllDocuments } from 'yaml'
import { policyJsonSchema } from '../../src/policy/json-schema.js'
import { runCli } from '../helpers/cli.js'
import { headingAnchors, markdownFiles, parseMarkdown, readPage, relativeLinks, ROOT } from './markdown.js'

/**
 * The docs are the contract: what they link to exists, every CLI command and flag they show is one
 * the CLI accepts, every action input they show is one action.yml declares, and every input and
 * output action.yml declares is documented.
 */

const pages = markdownFiles()

/** The TypeScript and YAML files under a directory, relative to the root. */
function sourceFilesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|ya?ml)$/.test(file))
    .map((file) => join(dir, file))
}

describe('links in README.md and docs/', () => {
  const anchorsOf = new Map<string, Set<string>>()
  const anchors = (file: string): Set<string> => {
    let found = anchorsOf.get(file)
    if (!found) anchorsOf.set(file, (found = headingAnchors(readFileSync(join(ROOT, file), 'utf8'))))
    return found
  }

  it.each(pages)('%s: every relative link resolves to a file and an anchor that exist', (page) => {
    const broken: string[] = []
    for (const link of relativeLinks(page, readPage(page))) {
      const [path, anchor] = link.target.split('#', 2) as [string, string | undefined]
      const file = path === '' ? page : normalize(join(dirname(page), decodeURIComponent(path)))
      const where = `${page}:${link.line} → ${link.target}`
      if (file.startsWith('..') || !existsSync(join(ROOT, file))) {
        broken.push(`${where}: no such file`)
        continue
      }
      if (anchor !== undefined) {
        if (!file.endsWith('.md') || statSync(join(ROOT, file)).isDirectory()) {
          broken.push(`${where}: an anchor into a file that is not markdown`)
        } else if (!anchors(file).has(anchor)) {
          broken.push(`${where}: no heading with anchor #${anchor} in ${file}`)
        }
      }
    }
    expect(broken).toEqual([])
  })

  it('nothing points at a document outside the repository: docs, code and tests cite the pages', () => {
    // A "SPEC" or a "§n" names a document a user does not have; ../shared is outside the clone.
    const outside = /\bSPEC\b|§|\.\.\/shared(?![\w.-])/
    const files = [
      ...pages,
      'action.yml',
      ...['src', 'test', 'scripts', 'bench'].flatMap((dir) => sourceFilesUnder(dir))
    ].filter((file) => file !== 'test/docs/docs.test.ts')
    expect(files.length).toBeGreaterThan(300)
    const found = files.flatMap((file) =>
      readPage(file)
        .split('\n')
        .flatMap((line, i) => (outside.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []))
    )
    expect(found).toEqual([])
  })

  it('README.md says where every reference page lives', () => {
    const linked = new Set(
      relativeLinks('README.md', readPage('README.md')).map((link) => link.target.split('#')[0])
    )
    const references = pages.filter((page) => /^docs\/[^/]+\.md$/.test(page))
    expect(references.length).toBeGreaterThan(10)
    expect(references.filter((page) => !linked.has(page))).toEqual([])
  })

  it('the anchor rule follows GitHub (punctuation dropped, repeats numbered)', () => {
    const anchors = headingAnchors(
      '# A `b` c\n## Exit codes (CLI)\n## Exit codes (CLI)\n```\n# not a heading\n```\n'
    )
    expect([...anchors]).toEqual(['a-b-c', 'exit-codes-cli', 'exit-codes-cli-1'])
  })
})

/** `modelgate <command> …flags` as the docs show it, with continuation lines joined. */
function commandsShown(
  page: string,
  text = readPage(page)
): Array<{ where: string; command: string; flags: string[] }> {
  const { prose, blocks } = parseMarkdown(text)
  const snippets: Array<{ line: number; text: string }> = []
  for (const block of blocks) {
    const lines = block.text.split('\n')
    for (let i = 0; i < lines.length; i++) {
      const first = i
      let joined = lines[i]!
      // Shell continuations (`\` at the end) and YAML folded lines that go on with more flags.
      while (i + 1 < lines.length && (/\\\s*$/.test(joined) || /^\s+--/.test(lines[i + 1]!)))
        joined = `${joined.replace(/\\\s*$/, '')} ${lines[++i]!.trim()}`
      snippets.push({ line: block.line + first + 1, text: joined })
    }
  }
  prose.split('\n').forEach((line, i) => {
    // A table row naming a command in its first cell: every flag in that cell is the command's
    // (`modelgate promote` (the same flags, `--registry DIR`, `--dry-run`)).
    const row = /^\|\s*`modelgate ([a-z][a-z-]*)[^`]*`(.*?)(?<!\\)\|/.exec(line)
    if (row) snippets.push({ line: i + 1, text: `modelgate ${row[1]} ${row[2]!.replace(/`/g, ' ')}` })
    for (const span of line.matchAll(/`([^`]+)`/g)) snippets.push({ line: i + 1, text: span[1]! })
  })
  const shown: Array<{ where: string; command: string; flags: string[] }> = []
  for (const snippet of snippets) {
    // In a table, `\|` is an alternative (`--stage S \| --all`), not a shell pipe.
    const text = snippet.text.replace(/\\\|/g, ' ')
    for (const match of text.matchAll(/(?:^|[\s/(])modelgate(?:#\S+)?\s+([a-z][a-z-]*)([^|;&`]*)/g)) {
      // Optional flags are shown in brackets: `[--from S]`.
      const flags = [...match[2]!.matchAll(/(?:^|[\s[])(--[a-z][a-z0-9-]*)/g)].map((m) => m[1]!)
      shown.push({ where: `${page}:${snippet.line}`, command: match[1]!, flags })
    }
  }
  return shown
}

describe('CLI commands and flags shown in the docs', () => {
  const helpOf = new Map<string, Promise<string>>()
  const help = (command: string): Promise<string> => {
    let text = helpOf.get(command)
    if (!text) helpOf.set(command, (text = runCli([command, '--help']).then((run) => run.stdout)))
    return text
  }

  it('the extraction finds commands in code blocks, continuations and inline code', () => {
    const page = [
      '```sh',
      'npx modelgate promote --policy p.yaml \\',
      '  --to prod --dry-run',
      '```',
      'Run `modelgate resolve --model m --stage prod` or `npx --yes github:o/modelgate#v1 history --format json`.',
      '| `modelgate resolve --model M [--stage S \\| --all] [--at TIME]` | the version |',
      '| `modelgate promote` (the same flags, `--registry DIR`, `--dry-run`) | moves the pointer |'
    ].join('\n')
    expect(commandsShown('x.md', page)).toEqual([
      { where: 'x.md:2', command: 'promote', flags: ['--policy', '--to', '--dry-run'] },
      { where: 'x.md:5', command: 'resolve', flags: ['--model', '--stage'] },
      { where: 'x.md:5', command: 'history', flags: ['--format'] },
      { where: 'x.md:6', command: 'resolve', flags: [] },
      { where: 'x.md:6', command: 'resolve', flags: ['--model', '--stage', '--all', '--at'] },
      { where: 'x.md:7', command: 'promote', flags: ['--registry', '--dry-run'] },
      { where: 'x.md:7', command: 'promote', flags: [] }
    ])
    expect(
      pages
        .flatMap((p) => commandsShown(p))
        .some((c) => c.command === 'promote' && c.flags.includes('--registry'))
    ).toBe(true)
  })

  it.each(pages)('%s: every command and flag exists in --help', async (page) => {
    const topLevel = (await runCli(['--help'])).stdout
    const unknown: string[] = []
    for (const shown of commandsShown(page)) {
      // Words after `modelgate` that are not commands (prose such as "modelgate is …") are skipped
      // only when they are not followed by flags: a flag means someone is meant to type it.
      const isCommand = new RegExp(`^  ${shown.command} `, 'm').test(topLevel)
      if (!isCommand) {
        if (shown.flags.length > 0) unknown.push(`${shown.where}: no command "${shown.command}"`)
        continue
      }
      const text = await help(shown.command)
      for (const flag of shown.flags) {
        if (flag === '--help' || flag === '--debug' || flag === '--version') continue
        if (!new RegExp(`(^|[\\s,])${flag}(?![a-z0-9-])`, 'm').test(text))
          unknown.push(`${shown.where}: modelgate ${shown.command} has no flag ${flag}`)
      }
    }
    expect(unknown).toEqual([])
  })
})

interface ActionManifest {
  inputs: Record<string, unknown>
  outputs: Record<string, unknown>
}

const manifest = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionManifest

/** Every step of a workflow document that uses modelgate (a released ref, or `./` in this repository). */
function modelgateSteps(document: unknown): Array<Record<string, unknown>> {
  const steps: Array<Record<string, unknown>> = []
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit)
    else if (node && typeof node === 'object') {
      const step = node as Record<string, unknown>
      if (typeof step.uses === 'string' && /(^|\/)modelgate@|^\.\/?$/.test(step.uses)) steps.push(step)
      Object.values(step).forEach(visit)
    }
  }
  visit(document)
  return steps
}

/** The first column of the table under `## <heading>` in docs/action.md. */
function tableNames(heading: string): string[] {
  const page = readPage('docs/action.md')
  const start = page.indexOf(`\n## ${heading}\n`)
  expect(start).toBeGreaterThanOrEqual(0)
  const end = page.indexOf('\n## ', start + 1)
  const names: string[] = []
  for (const line of page.slice(start, end === -1 ? undefined : end).split('\n')) {
    const cell = /^\|\s*`([a-z][a-z0-9-]*)`/.exec(line)
    if (cell) names.push(cell[1]!)
  }
  return names
}

describe('action inputs and outputs', () => {
  const workflowFiles = [
    ...readdirSync(join(ROOT, 'docs/workflows')).map((f) => `docs/workflows/${f}`),
    ...readdirSync(join(ROOT, '.github/workflows')).map((f) => `.github/workflows/${f}`)
  ].filter((f) => /\.ya?ml$/.test(f))
  /** Every workflow the docs show: the files, and the YAML blocks of the pages. */
  const sources: Array<{ where: string; text: string }> = [
    ...workflowFiles.map((file) => ({ where: file, text: readPage(file) })),
    ...pages.flatMap((page) =>
      parseMarkdown(readPage(page))
        .blocks.filter((block) => block.lang === 'yaml' || block.lang === 'yml')
        .map((block) => ({ where: `${page}:${block.line}`, text: block.text }))
    )
  ]

  it('every input a workflow in the docs passes to modelgate is declared in action.yml', () => {
    const unknown: string[] = []
    let seen = 0
    for (const source of sources) {
      for (const document of parseAllDocuments(source.text)) {
        for (const key of modelgateSteps(document.toJS()).flatMap((step) => Object.keys(step.with ?? {}))) {
          seen++
          if (!(key in manifest.inputs)) unknown.push(`${source.where}: input "${key}" is not in action.yml`)
        }
      }
    }
    expect(seen).toBeGreaterThan(5)
    expect(unknown).toEqual([])
  })

  it('every input the prose names ("input `x`", "`x` input") is declared in action.yml', () => {
    const unknown = pages.flatMap((page) =>
      parseMarkdown(readPage(page))
        .prose.split('\n')
        .flatMap((line, i) =>
          [...line.matchAll(/\binputs? `([a-z][a-z0-9-]*)`|`([a-z][a-z0-9-]*)` inputs?\b/g)]
            .map((m) => (m[1] ?? m[2])!)
            .filter((name) => !(name in manifest.inputs))
            .map((name) => `${page}:${i + 1}: input "${name}" is not in action.yml`)
        )
    )
    expect(unknown).toEqual([])
  })

  it('every output a workflow reads from a modelgate step is declared in action.yml', () => {
    const unknown: string[] = []
    let seen = 0
    for (const source of sources) {
      const ids = new Set(
        parseAllDocuments(source.text)
          .flatMap((document) => modelgateSteps(document.toJS()))
          .flatMap((step) => (typeof step.id === 'string' ? [step.id] : []))
      )
      for (const m of source.text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
        if (!ids.has(m[1]!)) continue
        seen++
        if (!(m[2]! in manifest.outputs))
          unknown.push(`${source.where}: output "${m[2]}" is not in action.yml`)
      }
    }
    expect(seen).toBeGreaterThan(0)
    expect(unknown).toEqual([])
  })

  it('every input in docs/action.md exists, and every input of action.yml is documented there', () => {
    const documented = tableNames('Inputs')
    expect(documented.filter((name) => !(name in manifest.inputs))).toEqual([])
    expect(Object.keys(manifest.inputs).filter((name) => !documented.includes(name))).toEqual([])
  })

  it('every output in docs/action.md exists, and every output of action.yml is documented there', () => {
    const documented = tableNames('Outputs')
    expect(documented.filter((name) => !(name in manifest.outputs))).toEqual([])
    expect(Object.keys(manifest.outputs).filter((name) => !documented.includes(name))).toEqual([])
  })
})

/** Every property name and every `format` enum value of a JSON Schema, walked through. */
function schemaNames(schema: unknown): { keys: Set<string>; formats: Set<string> } {
  const keys = new Set<string>()
  const formats = new Set<string>()
  const visit = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) node.forEach((item) => visit(item, key))
    else if (node && typeof node === 'object') {
      const object = node as Record<string, unknown>
      if (key === 'format' && Array.isArray(object.enum))
        object.enum.forEach((value) => formats.add(String(value)))
      for (const [name, value] of Object.entries(object)) {
        if (name === 'properties' && value && typeof value === 'object')
          for (const [property, sub] of Object.entries(value)) {
            keys.add(property)
            visit(sub, property)
          }
        else visit(value, key)
      }
    }
  }
  visit(schema)
  return { keys, formats }
}

/** Inline code spans and code block text of a page: where the docs show a key or a value. */
function codeOf(page: string): string {
  const { prose, blocks } = parseMarkdown(readPage(page))
  return [...[...prose.matchAll(/`([^`]+)`/g)].map((m) => m[1]!), ...blocks.map((b) => b.text)].join('\n')
}

describe('the reference pages are complete', () => {
  const { keys, formats } = schemaNames(policyJsonSchema())

  it('reads the policy schema it checks against', () => {
    expect(keys).toContain('prevent_self_approval')
    expect(keys).toContain('baseline_window')
    expect(formats).toContain('prometheus')
  })

  it('docs/policy.md shows every key of the policy schema', () => {
    const code = codeOf('docs/policy.md')
    expect(
      [...keys].filter(
        (key) => !new RegExp(`(^|[^\\w$])${key.replace(/[$]/g, '\\$&')}(?![\\w])`, 'm').test(code)
      )
    ).toEqual([])
  })

  it('docs/evidence.md has a section for every evidence format', () => {
    const headings = readPage('docs/evidence.md')
      .split('\n')
      .filter((line) => line.startsWith('### '))
      .join('\n')
    expect([...formats].filter((format) => !headings.includes(`\`${format}\``))).toEqual([])
  })

  it('docs/cli.md lists every command of --help', async () => {
    const topLevel = (await runCli(['--help'])).stdout
    const commands = [...topLevel.matchAll(/^ {2}([a-z][a-z-]*) /gm)]
      .map((m) => m[1]!)
      .filter((c) => c !== 'help')
    expect(commands.length).toBeGreaterThan(10)
    const listed = codeOf('docs/cli.md')
    expect(commands.filter((command) => !listed.includes(`modelgate ${command}`))).toEqual([])
  })
})
