import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import ts from 'typescript'

/**
 * The layer order of src/, lowest first. A module may import its own layer and any layer below
 * it, never one above and never a different folder on the same rung (gates and stats know
 * nothing of each other; the CLI and the action are two faces, not one on top of the other).
 */
const LAYERS: ReadonlyArray<readonly string[]> = [
  ['errors.ts', 'version.ts'],
  // Numerics over arrays: no file format, no policy.
  ['stats'],
  ['policy'],
  // Readers turn files into data; `samples` and `predictions` evidence compute with stats.
  ['evidence'],
  ['approvals'],
  ['gates'],
  ['rollback'],
  ['records'],
  // Sigstore signing and offline verification of records: no GitHub, no CLI; the action wires it.
  ['attest'],
  ['registry'],
  ['lifecycle'],
  // What a command prints for a lifecycle result, shared by the CLI and the demo.
  ['render'],
  // The demo drives the library offline: no GitHub, no CLI.
  ['demo'],
  ['github'],
  // The three faces: the CLI, the action, the library's entry point.
  ['cli', 'action', 'index.ts']
]

/** Entry files that belong to a face's folder. */
const ENTRY_FILES: Readonly<Record<string, string>> = {
  'cli.ts': 'cli',
  'action.ts': 'action',
  'action-main.ts': 'action'
}

/**
 * Edges that break the order today, each a debt to pay down, not a licence: the test fails when
 * one appears that is not listed, and when a listed one is gone (delete its line then).
 */
const KNOWN_VIOLATIONS: ReadonlySet<string> = new Set<string>([])

interface Import {
  from: string
  to: string
}

/** The layer (folder or top-level file) a path under src/ belongs to. */
function layerOf(path: string): string {
  const [first, ...rest] = path.split('/')
  if (rest.length > 0) return first!
  return ENTRY_FILES[first!] ?? first!
}

function rankOf(layer: string): number {
  return LAYERS.findIndex((rung) => rung.includes(layer))
}

/** Each import that goes up the order or sideways on a rung, as `from -> to` with the files. */
function violations(imports: readonly Import[]): Map<string, string[]> {
  const found = new Map<string, string[]>()
  for (const { from, to } of imports) {
    const a = layerOf(from)
    const b = layerOf(to)
    if (a === b || rankOf(b) < rankOf(a)) continue
    const edge = `${a} -> ${b}`
    found.set(edge, [...(found.get(edge) ?? []), `${from} imports ${to}`])
  }
  return found
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : []
  )
}

/** Every relative import of src/: static, type-only, re-exports and dynamic import(). */
function importsOfSrc(): Import[] {
  return sourceFiles('src').flatMap((file) =>
    ts
      .preProcessFile(readFileSync(file, 'utf8'), true, true)
      .importedFiles.map((imported) => imported.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => ({
        from: relative('src', file),
        to: relative('src', normalize(join(dirname(file), name))).replace(/\.js$/, '.ts')
      }))
  )
}

/**
 * The import cycles among `imports`: each strongly connected set of two or more modules (or one
 * importing itself), found by Tarjan's algorithm. Type-only imports count too: a circle a reader
 * has to walk round is one whether or not it survives compilation.
 */
function importCycles(imports: readonly Import[]): string[][] {
  const edges = new Map<string, string[]>()
  for (const { from, to } of imports) {
    edges.set(from, [...(edges.get(from) ?? []), to])
    if (!edges.has(to)) edges.set(to, [])
  }
  let next = 0
  const index = new Map<string, number>()
  const lowest = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  const visit = (module: string): void => {
    index.set(module, next)
    lowest.set(module, next++)
    stack.push(module)
    onStack.add(module)
    for (const target of edges.get(module)!) {
      if (!index.has(target)) {
        visit(target)
        lowest.set(module, Math.min(lowest.get(module)!, lowest.get(target)!))
      } else if (onStack.has(target)) lowest.set(module, Math.min(lowest.get(module)!, index.get(target)!))
    }
    if (lowest.get(module) !== index.get(module)) return
    const component: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      component.push(member)
    } while (member !== module)
    if (component.length > 1 || edges.get(module)!.includes(module)) cycles.push(component.sort())
  }
  for (const module of [...edges.keys()].sort()) if (!index.has(module)) visit(module)
  return cycles
}

/**
 * Names a module hands on instead of defining: `export … from './x.js'`, `export { a as b }` and
 * `export const b = a`. Outside the library's entry (src/index.ts, whose job that is) each one is
 * a shim: a second name or a second address for something a caller should import from its home.
 */
function forwardedNames(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const found: string[] = []
  const where = (node: ts.Node): string =>
    `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText().split('\n')[0]}`
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      const from = statement.moduleSpecifier
      const relativeFrom = from && ts.isStringLiteral(from) && from.text.startsWith('.')
      const renamed =
        statement.exportClause &&
        ts.isNamedExports(statement.exportClause) &&
        statement.exportClause.elements.some((element) => element.propertyName)
      if (relativeFrom || renamed) found.push(where(statement))
    } else if (
      ts.isVariableStatement(statement) &&
      statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)
    ) {
      for (const declaration of statement.declarationList.declarations)
        if (declaration.initializer && ts.isIdentifier(declaration.initializer)) found.push(where(statement))
    }
  }
  return found
}

describe('layering of src/', () => {
  const imports = importsOfSrc()

  it('reads the imports it judges, dynamic ones included', () => {
    // The CLI loads each command lazily; missing these would let the test pass on nothing.
    expect(imports).toContainEqual({ from: 'cli/main.ts', to: 'cli/commands/demo.ts' })
    expect(imports).toContainEqual({ from: 'cli/commands/demo.ts', to: 'demo/demo.ts' })
    expect(imports.length).toBeGreaterThan(200)
  })

  it('places every folder and top-level file of src/ in a layer', () => {
    const unplaced = [...new Set(sourceFiles('src').map((file) => layerOf(relative('src', file))))].filter(
      (layer) => rankOf(layer) < 0
    )
    expect(unplaced).toEqual([])
  })

  it('has the demo drive the library, never the CLI', () => {
    const upward = imports.filter(({ from, to }) => layerOf(from) === 'demo' && layerOf(to) !== 'demo')
    expect(upward.length).toBeGreaterThan(0)
    expect(upward.filter(({ to }) => ['cli', 'action', 'github'].includes(layerOf(to)))).toEqual([])
  })

  it('imports only downwards, apart from the known debts', () => {
    const found = violations(imports)
    const unexpected = [...found].filter(([edge]) => !KNOWN_VIOLATIONS.has(edge))
    expect(unexpected).toEqual([])
    const paidOff = [...KNOWN_VIOLATIONS].filter((edge) => !found.has(edge))
    expect(paidOff).toEqual([])
  })

  it('keeps numerics free of files: src/stats imports no module but its own and errors.ts', () => {
    // Reading files into columns belongs with the evidence readers; stats takes arrays. A stats
    // module that reached for node:fs, a parser package or a worker would read files again.
    const outside = sourceFiles('src/stats').flatMap((file) =>
      ts
        .preProcessFile(readFileSync(file, 'utf8'), true, true)
        .importedFiles.map((imported) => imported.fileName)
        .filter((name) => !name.startsWith('./') && name !== '../errors.js')
        .map((name) => `${relative('src', file)} imports ${name}`)
    )
    expect(outside).toEqual([])
    expect(sourceFiles('src/stats').length).toBeGreaterThan(5)
  })

  it('has no import cycle, within a layer or across', () => {
    // The layer order rules out cycles between layers; this also catches one inside a folder.
    expect(importCycles(imports)).toEqual([])
  })

  it('finds a cycle of any length, and no cycle in a chain or a diamond', () => {
    const edge = (from: string, to: string): Import => ({ from, to })
    expect(
      importCycles([
        edge('registry/types.ts', 'registry/window.ts'),
        edge('registry/window.ts', 'registry/state.ts'),
        edge('registry/state.ts', 'registry/types.ts'),
        edge('cli/main.ts', 'cli/main.ts'),
        edge('demo/demo.ts', 'registry/state.ts')
      ])
    ).toEqual([['cli/main.ts'], ['registry/state.ts', 'registry/types.ts', 'registry/window.ts']])
    expect(
      importCycles([edge('a.ts', 'b.ts'), edge('a.ts', 'c.ts'), edge('b.ts', 'd.ts'), edge('c.ts', 'd.ts')])
    ).toEqual([])
  })

  it('has no re-export shims: every name is imported from the module that defines it', () => {
    const shims = sourceFiles('src')
      .filter((file) => relative('src', file) !== 'index.ts')
      .flatMap((file) => forwardedNames(relative('src', file), readFileSync(file, 'utf8')))
    expect(shims).toEqual([])
  })

  it('recognises each shape of shim, and leaves definitions and package re-exports alone', () => {
    const text = [
      "export { setCommitStatus } from './statuses.js'",
      "export type { Column } from '../table.js'",
      'export const createClient = createOctokit',
      'export { driftOfFiles as driftOfCsv }',
      "export * from './all.js'",
      "export type { SerializedBundle } from '@sigstore/bundle'",
      "export const ARCHIVED_STAGE = 'archived'",
      'export const FIRST_DEPTH = 8',
      'export { local }',
      'const local = 1'
    ].join('\n')
    expect(forwardedNames('x.ts', text).map((found) => found.split(':')[1])).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5'
    ])
  })

  it('flags an import up the order and one sideways on a rung', () => {
    expect([
      ...violations([
        { from: 'demo/demo.ts', to: 'cli/main.ts' },
        { from: 'stats/ks.ts', to: 'gates/evaluate.ts' },
        { from: 'action.ts', to: 'cli/options.ts' },
        { from: 'cli/main.ts', to: 'errors.ts' },
        { from: 'cli/commands/demo.ts', to: 'demo/demo.ts' },
        { from: 'records/record.ts', to: 'records/escape.ts' }
      ]).keys()
    ]).toEqual(['demo -> cli', 'stats -> gates', 'action -> cli'])
  })
})
